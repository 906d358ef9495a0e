import FunnelPlanner
import Testing

/// `policy.max_archive` as a number of archives: a count is exact, a percentage is rounded up and
/// at least 1 (0% allows none).
@Suite("the archive limit")
struct ArchiveLimitTests {
    @Test("archives allowed for a limit and a number of owned live cards", arguments: [
        (PlanPolicy.ArchiveLimit.count(0), 6, 0), (.count(0), 0, 0), (.count(2), 6, 2), (.count(25), 3, 25),
        (.percent(10), 6, 1), (.percent(10), 25, 3), (.percent(10), 10, 1), (.percent(10), 11, 2), (.percent(10), 0, 1),
        (.percent(20), 5, 1), (.percent(12.5), 8, 1), (.percent(12.5), 9, 2), (.percent(33.3), 10, 4),
        (.percent(0.1), 1000, 1), (.percent(100), 7, 7), (.percent(0), 100, 0),
    ])
    func allowed(limit: PlanPolicy.ArchiveLimit, ownedLive: Int, expected: Int) {
        #expect(limit.allowed(ownedLive: ownedLive) == expected)
    }
}
