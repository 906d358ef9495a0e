#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Every site's state behind one actor: each request reads or mutates one site atomically, and
/// with a data file every write is saved (the rows it touched) before the response is sent.
actor EmulatorStore {
    private var sites: [String: SiteState]
    private let database: SandboxDatabase?
    let rules: SiteRules

    private var lockDescriptor: Int32?
    /// Set when a save failed: memory is then ahead of the file, so every later write is refused.
    private var saveFailure: String?

    init(options: EmulatorOptions) throws {
        rules = SiteRules(options)
        let file = options.dataPath.map(SandboxDataFile.init(path:))
        let lock = try file?.lock()
        do {
            if let file {
                (database, sites) = try SandboxDatabase.open(file)
            } else {
                (database, sites) = (nil, [:])
            }
        } catch {
            if let lock { _ = closeDescriptor(lock) }
            throw error
        }
        lockDescriptor = lock
    }

    /// Closes the data file (checkpointing it into one file) and releases it for another sandbox.
    func close() {
        database?.close()
        if let lockDescriptor { _ = closeDescriptor(lockDescriptor) }
        lockDescriptor = nil
    }

    func read<T: Sendable>(_ site: String, _ body: @Sendable (SiteState, SiteRules) throws(WixError) -> T) throws(WixError) -> T {
        try body(sites[site] ?? SiteState(), rules)
    }

    func write<T: Sendable>(_ site: String, _ body: @Sendable (inout SiteState, SiteRules) throws(WixError) -> T)
        throws(WixError) -> T {
        if saveFailure != nil { throw WixError(status: 500, message: "", details: .empty) }
        let result: Result<T, WixError>
        do {
            result = .success(try body(&sites[site, default: SiteState()], rules))
        } catch {
            result = .failure(error)  // a failed operation may still have set something: saved below all the same
        }
        let changes = sites[site, default: SiteState()].takeChanges()
        try persist { try $0.save(site: site, state: sites[site, default: SiteState()], changes: changes) }
        return try result.get()
    }

    /// Clears one site, or every site when `site` is nil.
    func reset(site: String?) throws(WixError) {
        if let site { sites[site] = nil } else { sites = [:] }
        try persist { try $0.reset(site: site) }
    }

    /// Ids of the sites holding anything.
    func siteIds() -> [String] { sites.keys.sorted() }

    func snapshot(_ site: String) -> SiteState { sites[site] ?? SiteState() }

    private func persist(_ save: (SandboxDatabase) throws -> Void) throws(WixError) {
        guard let database else { return }
        do {
            try save(database)
        } catch {
            saveFailure = "\(error)"
            throw WixError(status: 500, message: "", details: .empty)
        }
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
