import Foundation

/// Reads a file in fixed-size chunks with POSIX `read`, so a 100 MB file never sits in memory.
final class FileChunkReader {
    let path: String
    let displayName: String
    private var descriptor: Int32 = -1
    private let chunkSize: Int

    init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.displayName = FileChunkReader.displayName(for: path)
        self.chunkSize = chunkSize
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The next chunk, or nil at the end of the file.
    func next() throws(SourceError) -> [UInt8]? {
        if descriptor < 0 {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 {
                throw SourceError("cannot open file: \(String(cString: strerror(errno)))", at: displayName)
            }
        }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
        if count < 0 { throw SourceError("cannot read file: \(String(cString: strerror(errno)))", at: displayName) }
        if count == 0 { return nil }
        chunk.removeSubrange(count...)
        return chunk
    }

    /// The path relative to the working directory when the file is below it, else as given.
    static func displayName(for path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
