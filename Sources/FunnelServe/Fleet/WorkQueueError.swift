import FunnelKit

/// A `WorkQueue` call named a funnel it does not know.
public enum WorkQueueError: Error, Sendable, CustomStringConvertible, Equatable {
    case unknownFunnel(String)

    public var description: String {
        switch self {
        case .unknownFunnel(let namespace): "no funnel \(namespace) in the work queue"
        }
    }
}
