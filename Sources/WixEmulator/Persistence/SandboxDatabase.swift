import Foundation
import GRDB

/// The sandbox's sites in SQLite: one row per workflow, phase, card and contact (the entity as JSON),
/// so a write costs the rows it touched, whatever the size of the site.
///
/// The order of a site's lists is kept without rewriting them: a phase's cards and a workflow's
/// archived cards by a `position` on each card row (see `CardPositions`), contacts by their rowid (they
/// are only ever appended). Indexes are rebuilt on load, as before.
///
/// Durability: WAL with `synchronous = NORMAL`. Each write is one transaction committed before the
/// sandbox answers, so it survives a kill -9 of the sandbox; only an OS crash or power cut can lose the
/// last writes (never corrupt the file). A full `fsync` per write costs ~9 ms on our machines.
final class SandboxDatabase {
    private let queue: DatabaseQueue
    private var rows: SandboxRows

    private init(queue: DatabaseQueue, positions: [String: CardPositions]) {
        self.queue = queue; self.rows = SandboxRows(positions: positions)
    }

    /// Opens (creating it if needed) the database of `file` and returns it with every site it holds.
    /// A JSON document left by an earlier version is copied in, in the transaction that creates the
    /// tables, then renamed `PATH.migrated`. An unreadable document stops the open before anything is written.
    static func open(_ file: SandboxDataFile) throws -> (SandboxDatabase, [String: SiteState]) {
        do {
            let exists = FileManager.default.fileExists(atPath: file.databasePath)
            var existing: DatabaseQueue?
            if exists { existing = try DatabaseQueue(path: file.databasePath, configuration: configuration(readonly: false)) }
            // Created = the first migration ran (a later one, such as labels and fields, is simply applied below).
            let created = try existing?.read { try schema(importing: nil).appliedIdentifiers($0).contains("v1") } ?? false
            let legacy = created ? nil : try file.loadLegacy()
            let queue = try existing ?? DatabaseQueue(path: file.databasePath, configuration: configuration(readonly: false))
            try schema(importing: legacy).migrate(queue)
            if legacy != nil { try file.retireLegacy() }
            let (sites, positions) = try queue.read(load)
            return (SandboxDatabase(queue: queue, positions: positions), sites)
        } catch let error as DatabaseError {
            throw SandboxDataError(path: file.databasePath, reason: error.message ?? error.description)
        }
    }

    /// Every site in `file`, read without taking the lock or writing anything (for `funnel sandbox show`,
    /// also while a sandbox serves): the database if there is one, else the legacy JSON document.
    static func read(_ file: SandboxDataFile) throws -> [String: SiteState] {
        guard FileManager.default.fileExists(atPath: file.databasePath) else { return try file.loadLegacy() ?? [:] }
        do {
            let queue = try DatabaseQueue(path: file.databasePath, configuration: configuration(readonly: true))
            return try queue.read { db in
                try schema(importing: nil).appliedIdentifiers(db).contains("v1") ? try load(db).sites : [:]
            }
        } catch let error as DatabaseError {
            throw SandboxDataError(path: file.databasePath, reason: error.message ?? error.description)
        }
    }

    /// Writes what one request changed in `site` (`state` is the site after it), in one transaction.
    func save(site: String, state: SiteState, changes: SiteChanges) throws {
        try queue.write { db in try rows.save(site: site, state: state, changes: changes, db) }
    }

    /// Closes the connections; the WAL is checkpointed into the database file. Later saves fail.
    func close() {
        try? queue.close()
    }

    /// Removes one site, or every site when `site` is nil.
    func reset(site: String?) throws {
        try queue.write { db in
            for table in ["site", "workflow", "phase", "card", "contact", "label", "extended_field"] {
                let column = table == "site" ? "id" : "site"
                if let site {
                    try db.execute(sql: "DELETE FROM \(table) WHERE \(column) = ?", arguments: [site])
                } else {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
            }
        }
        rows.forget(site: site)
    }

    // MARK: Schema and load

    private static func configuration(readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.label = "funnel-sandbox"
        configuration.readonly = readonly
        configuration.busyMode = .timeout(10)
        if !readonly {
            // One connection (the store's actor serializes every access); WAL lets `sandbox show` read meanwhile.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return configuration
    }

    /// The tables; the first migration also copies in the sites of a legacy JSON document, so a crash
    /// while migrating leaves no half-filled database (the document is read again on the next start).
    private static func schema(importing legacy: [String: SiteState]?) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE site (id TEXT PRIMARY KEY NOT NULL, next_sequence INTEGER NOT NULL);
                CREATE TABLE workflow (site TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (site, id));
                CREATE TABLE phase (site TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (site, id));
                CREATE TABLE card (site TEXT NOT NULL, id TEXT NOT NULL, position REAL NOT NULL, body TEXT NOT NULL,
                                   PRIMARY KEY (site, id));
                CREATE TABLE contact (site TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (site, id));
                """)
            guard let legacy else { return }
            var rows = SandboxRows(positions: [:])
            for (site, state) in legacy.sorted(by: { $0.key < $1.key }) {
                let everything = SiteChanges(workflows: Set(state.workflows.keys), phases: Set(state.phases.keys),
                                             cards: Set(state.cards.keys), contacts: Set(state.contacts.keys))
                try rows.save(site: site, state: state, changes: everything, db)
            }
        }
        // Contact labels and extended field definitions (issue 20), one row each, like the other entities.
        migrator.registerMigration("v2-labels-fields") { db in
            try db.execute(sql: """
                CREATE TABLE label (site TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (site, id));
                CREATE TABLE extended_field (site TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (site, id));
                """)
        }
        return migrator
    }

    private static func load(_ db: Database) throws -> (sites: [String: SiteState], positions: [String: CardPositions]) {
        let decoder = JSONDecoder()
        var sites: [String: SiteState] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, next_sequence FROM site") {
            var state = SiteState()
            state.nextSequence = row[1]
            sites[row[0]] = state
        }
        func each(_ sql: String, _ body: (String, String, Row) throws -> Void) throws {
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                let site: String = row["site"], id: String = row["id"]
                guard sites[site] != nil else { continue }  // rows of a site being reset: none after a commit
                try body(site, id, row)
            }
        }
        func decode<T: Decodable>(_ type: T.Type, _ row: Row) throws -> T {
            try decoder.decode(type, from: Data((row["body"] as String).utf8))
        }
        try each("SELECT site, id, body FROM workflow") { site, id, row in
            sites[site]!.workflows[id] = try decode(StoredWorkflow.self, row)
        }
        try each("SELECT site, id, body FROM phase") { site, id, row in
            sites[site]!.phases[id] = try decode(StoredPhase.self, row)
        }
        try each("SELECT site, id, body FROM contact ORDER BY rowid") { site, id, row in
            sites[site]!.contacts[id] = try decode(ContactWire.Contact.self, row)
            sites[site]!.contactOrder.append(id)
        }
        // A database of an earlier version, read without migrating it (`sandbox show`), has no such tables yet.
        if try db.tableExists("label") {
            try each("SELECT site, id, body FROM label") { site, id, row in
                sites[site]!.labels[id] = try decode(StoredLabel.self, row)
            }
            try each("SELECT site, id, body FROM extended_field") { site, id, row in
                sites[site]!.fields[id] = try decode(StoredField.self, row)
            }
        }
        var positions: [String: CardPositions] = [:]
        try each("SELECT site, id, position, body FROM card ORDER BY position, rowid") { site, id, row in
            let card = try decode(StoredCard.self, row)
            sites[site]!.cards[id] = card
            positions[site, default: CardPositions()][id] = row["position"]
            if card.archived {
                sites[site]!.workflows[card.workflowId]?.archivedCardIds.append(id)
            } else {
                sites[site]!.phases[card.phaseId]?.cardIds.append(id)
            }
        }
        for site in sites.keys {
            _ = sites[site]!.takeChanges()
            sites[site]!.rebuildIndexes()
        }
        return (sites, positions)
    }
}
