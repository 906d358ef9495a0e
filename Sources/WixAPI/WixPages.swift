/// Every item of an offset-paged Wix listing, fetched a page at a time while the caller iterates.
///
/// Callers never write paging loops: `for try await card in wix.cards(workflowId: id)` walks all
/// pages with the largest page size, and `collect()` gathers them into an array. Reaching the
/// reported `total`, an empty page, or (without a total) a short page ends the sequence.
public struct WixPages<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = any Error

    /// One page as the client decoded it.
    struct Page: Sendable {
        var items: [Element]
        var total: Int?
    }

    typealias Fetch = @Sendable (_ offset: Int, _ limit: Int) async throws -> Page

    let pageSize: Int
    let fetch: Fetch

    init(pageSize: Int, fetch: @escaping Fetch) {
        self.pageSize = pageSize
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(pageSize: pageSize, fetch: fetch)
    }

    /// All items, every page fetched.
    public func collect() async throws -> [Element] {
        var items: [Element] = []
        for try await item in self { items.append(item) }
        return items
    }

    public struct Iterator: AsyncIteratorProtocol {
        let pageSize: Int
        let fetch: Fetch
        var buffer: [Element] = []
        var index = 0
        var offset = 0
        var finished = false

        init(pageSize: Int, fetch: @escaping Fetch) {
            self.pageSize = pageSize
            self.fetch = fetch
        }

        public mutating func next() async throws -> Element? {
            while index == buffer.count {
                guard !finished else { return nil }
                let page = try await fetch(offset, pageSize)
                buffer = page.items
                index = 0
                offset += page.items.count
                // The reported total decides when there is one: a server that clamps the page
                // size below ours must not end the listing early.
                if page.items.isEmpty {
                    finished = true
                } else if let total = page.total {
                    finished = offset >= total
                } else {
                    finished = page.items.count < pageSize
                }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

/// The page sizes the client asks for, each one right under every reading of the docs
/// (wix-api.md §7; the sandbox's `page-limit-50` and `in-limit-100` variants play the strict ones).
public enum WixPageSize {
    /// List Workflows documents "all" without a limit; 100 is the SDK's documented maximum.
    public static let workflows = 100
    /// List Phases and List Cards document a default of 50 and no maximum: asking for more than the
    /// default could be a 400 on a site that caps at it, and paging copes with pages of 50.
    public static let phases = 50
    public static let cards = 50
    /// Query Contacts documents 1000 as the maximum.
    public static let contacts = 1000
    /// Emails or phones per `$in` query. Wix documents no limit for `$in`; 100 values is the smallest
    /// limit a query language plausibly sets, and 5,000 records still take 50 calls (the plan's budget is 100).
    public static let contactLookupBatch = 100
    /// List Labels and List Extended Fields document 1000 as the maximum (default 100).
    public static let definitions = 1000
}
