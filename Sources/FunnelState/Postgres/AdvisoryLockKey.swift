/// The 64-bit key of a namespace's PostgreSQL advisory lock: FNV-1a over `funnel:` + the
/// namespace's UTF-8 bytes. Stable across processes, machines and funnel versions (never change it:
/// two versions hashing differently would both think they hold the lock).
enum AdvisoryLockKey {
    static func key(namespace: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ("funnel:" + namespace).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
