public import FunnelCore

/// Why the state lock could not be taken or broken.
public enum StateLockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another live process held the lock for the whole wait.
    case held(LockInfo)
    /// `forceUnlock` was given an id that is not the current lock's.
    case noSuchLock(id: String, current: LockInfo?)

    public var description: String {
        switch self {
        case .held(let lock):
            return "state is locked by \(lock.operation) (lock \(lock.id)) held by \(lock.who) since \(lock.since) "
                + "on \(lock.host) pid \(lock.pid); wait, or run `funnel force-unlock \(lock.id)` if that process is gone"
        case .noSuchLock(let id, nil):
            return "no lock with ID \(id): the state is not locked"
        case .noSuchLock(let id, let current?):
            return "no lock with ID \(id): the state is locked by \(current.operation) (lock \(current.id)) "
                + "held by \(current.who) on \(current.host) pid \(current.pid) since \(current.since)"
        }
    }
}
