/// Counts, per site, writes that were in flight at the same time from two different writers.
///
/// A writer names itself with the `x-funnel-writer` header (funnel sends its worker identity;
/// other callers count as `anonymous`). One writer may have many writes in flight (an apply runs
/// steps in parallel); a write that starts while *another* writer has one in flight on the same
/// site is an overlap: the "no funnel is ever written by two workers at once" check reads it.
actor WriterTracker {
    static let header = "x-funnel-writer"

    private var inFlight: [String: [String: Int]] = [:]
    private(set) var sites: [String: EmulatorStats.SiteWriters] = [:]

    /// Records the start of a write; call `end` with the same arguments when it is answered.
    func begin(site: String, writer: String) {
        var writers = inFlight[site, default: [:]]
        writers[writer, default: 0] += 1
        inFlight[site] = writers
        var summary = sites[site, default: .init()]
        summary.writes += 1
        summary.writers.insert(writer)
        let active = writers.filter { $0.value > 0 }.count
        summary.maxConcurrentWriters = max(summary.maxConcurrentWriters, active)
        if active > 1 { summary.overlaps += 1 }
        sites[site] = summary
    }

    func end(site: String, writer: String) {
        guard var writers = inFlight[site], let count = writers[writer] else { return }
        writers[writer] = count > 1 ? count - 1 : nil
        inFlight[site] = writers
    }

    func reset() {
        sites = [:]
    }
}
