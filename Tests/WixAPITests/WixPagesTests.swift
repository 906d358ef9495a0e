import Testing
@testable import WixAPI

@Suite("Paging logic")
struct WixPagesTests {
    /// A listing of `count` items served `served` at a time whatever the page size asked.
    func listing(count: Int, served: Int, reportsTotal: Bool, calls: Counter) -> WixPages<Int> {
        WixPages(pageSize: 100) { offset, limit in
            calls.increment()
            let end = min(count, offset + min(limit, served))
            return .init(items: Array(offset..<max(offset, end)), total: reportsTotal ? count : nil)
        }
    }

    @Test("a server that clamps pages below our size still yields every item, guided by total")
    func clampedPagesFollowTotal() async throws {
        let calls = Counter()
        let items = try await listing(count: 230, served: 50, reportsTotal: true, calls: calls).collect()
        #expect(items == Array(0..<230))
        #expect(calls.value == 5)
    }

    @Test("without a total, a short page ends the listing; an exact multiple costs one empty page")
    func shortPageEndsWithoutTotal() async throws {
        let calls = Counter()
        #expect(try await listing(count: 230, served: 100, reportsTotal: false, calls: calls).collect().count == 230)
        #expect(calls.value == 3)
        let exact = Counter()
        #expect(try await listing(count: 200, served: 100, reportsTotal: false, calls: exact).collect().count == 200)
        #expect(exact.value == 3)
    }

    @Test("an empty listing costs one request")
    func emptyListing() async throws {
        let calls = Counter()
        #expect(try await listing(count: 0, served: 100, reportsTotal: true, calls: calls).collect().isEmpty)
        #expect(calls.value == 1)
    }
}
