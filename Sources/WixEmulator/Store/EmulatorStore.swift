#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every site's state behind one actor: each request reads or mutates one site atomically, and
/// with a data file every successful write is saved before the response is sent.
actor EmulatorStore {
    private var sites: [String: SiteState]
    private let dataFile: SandboxDataFile?
    let rules: SiteRules

    private var lockDescriptor: Int32?

    init(options: EmulatorOptions) throws {
        rules = SiteRules(options)
        dataFile = options.dataPath.map(SandboxDataFile.init(path:))
        let lock = try dataFile?.lock()
        do {
            sites = try dataFile?.load() ?? [:]
        } catch {
            if let lock { _ = closeDescriptor(lock) }
            throw error
        }
        lockDescriptor = lock
    }

    /// Releases the data file for another sandbox.
    func close() {
        if let lockDescriptor { _ = closeDescriptor(lockDescriptor) }
        lockDescriptor = nil
    }

    func read<T: Sendable>(_ site: String, _ body: @Sendable (SiteState, SiteRules) throws(WixError) -> T) throws(WixError) -> T {
        try body(sites[site] ?? SiteState(), rules)
    }

    func write<T: Sendable>(_ site: String, _ body: @Sendable (inout SiteState, SiteRules) throws(WixError) -> T)
        throws(WixError) -> T {
        let result = try body(&sites[site, default: SiteState()], rules)
        try persist()
        return result
    }

    /// Clears one site, or every site when `site` is nil.
    func reset(site: String?) throws(WixError) {
        if let site { sites[site] = nil } else { sites = [:] }
        try persist()
    }

    /// Ids of the sites holding anything.
    func siteIds() -> [String] { sites.keys.sorted() }

    func snapshot(_ site: String) -> SiteState { sites[site] ?? SiteState() }

    private func persist() throws(WixError) {
        guard let dataFile else { return }
        do {
            try dataFile.save(sites)
        } catch {
            throw WixError(status: 500, message: "", details: .empty)
        }
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
