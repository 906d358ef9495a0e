/// Finds funnels leased by one worker for `hangAfter` while no cycle of that funnel was reported.
struct HangWatch {
    let hangAfter: Duration
    private var since: [String: (ContinuousClock.Instant, Int)] = [:]
    private(set) var hung: [String] = []

    init(hangAfter: Duration) { self.hangAfter = hangAfter }

    mutating func observe(leases: [(name: String, owner: String)], cycles: [Substring], at now: ContinuousClock.Instant) {
        var reported: [String: Int] = [:]
        for line in cycles { if let name = line.split(separator: ":").first { reported[String(name), default: 0] += 1 } }
        var held: Set<String> = []
        for (name, owner) in leases {
            let key = "\(name) by \(owner)"
            held.insert(key)
            let count = reported[name, default: 0]
            guard let (first, seen) = since[key], seen == count else {
                since[key] = (now, count)
                continue
            }
            if now - first > hangAfter, !hung.contains(key) { hung.append(key) }
        }
        since = since.filter { held.contains($0.key) }
    }
}
