import Foundation

/// A loopback port held by a bound socket that never listens: connecting to it is refused, and no
/// other server started by a parallel test can take the port meanwhile (a closed port could be reused).
public struct ReservedPort: Sendable {
    let descriptor: Int32
    public let port: Int

    public init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = descriptor
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard descriptor >= 0, bound else { throw CancellationError() }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    public func release() { close(descriptor) }
}
