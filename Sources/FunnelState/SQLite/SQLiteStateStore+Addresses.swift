import FunnelCore
import GRDB

/// What `funnel state list | show | rm` work on: funnel's memory only, never Wix.
extension SQLiteStateStore {
    /// Every address the state holds: `workflow`, the phases in order, then contacts and cards
    /// sorted by record key (`record["KEY"]` for a record with neither half).
    public func addresses() throws -> [String] {
        StateAddressBook.addresses(in: try snapshot())
    }

    /// The remembered values at `address` as ordered `key: value` lines (personal data in clear;
    /// mask with `PersonalDataMask`), or nil when the state holds nothing there.
    /// - Throws: `StateStoreError.invalidAddress` for text that is not an address.
    public func show(address: String) throws -> [(String, String)]? {
        let parsed = try StateAddress(parsing: address)
        return try database.read { db -> [(String, String)]? in
            switch parsed {
            case .workflow:
                guard let row = try Row.fetchOne(db, sql: "SELECT workflow_id, win_phase_id FROM state WHERE slot = 1"),
                      row[0] as String? != nil || row[1] as String? != nil else { return nil }
                return [("id", row[0] as String?), ("win_phase_id", row[1] as String?)].compactMap { key, value in
                    value.map { (key, $0) }
                }
            case .phase(let name):
                guard let row = try Row.fetchOne(db, sql: "SELECT phase_id, name, stage_id, position FROM phase WHERE name = ? ORDER BY position LIMIT 1",
                                                 arguments: [name]) else { return nil }
                return [("id", row[0]), ("name", row[1])] + ((row[2] as String?).map { [("stage_id", $0)] } ?? [])
                    + [("position", String(row[3] as Int))]
            case .contact(let key):
                guard let record = try Self.fetchRecord(db, key: key), record.hasContactPart else { return nil }
                return record.contactLines
            case .card(let key):
                guard let record = try Self.fetchRecord(db, key: key), record.hasCardPart else { return nil }
                return record.cardLines(phaseName: try Self.phaseName(db, id: record.phaseId))
            case .record(let key):
                guard let record = try Self.fetchRecord(db, key: key) else { return nil }
                return record.contactLines + record.cardLines(phaseName: try Self.phaseName(db, id: record.phaseId)).dropFirst()
            }
        }
    }

    /// Forgets what the state holds at `address` (a record whose both halves are forgotten is
    /// deleted). Wix is not touched. Returns false when there was nothing there.
    /// - Throws: `StateStoreError.invalidAddress` for text that is not an address.
    @discardableResult
    public func remove(address: String) throws -> Bool {
        let parsed = try StateAddress(parsing: address)
        return try database.write { db in
            switch parsed {
            case .workflow:
                try db.execute(sql: """
                    UPDATE state SET workflow_id = NULL, win_phase_id = NULL
                    WHERE slot = 1 AND (workflow_id IS NOT NULL OR win_phase_id IS NOT NULL)
                    """)
                return db.changesCount > 0
            case .phase(let name):
                try db.execute(sql: "DELETE FROM phase WHERE name = ?", arguments: [name])
                return db.changesCount > 0
            case .contact(let key), .card(let key), .record(let key):
                guard var record = try Self.fetchRecord(db, key: key) else { return false }
                switch parsed {
                case .contact: guard record.hasContactPart else { return false }; record.forgetContact()
                case .card: guard record.hasCardPart else { return false }; record.forgetCard()
                default: record.forgetContact(); record.forgetCard()
                }
                let mutation: StateMutation = record.hasContactPart || record.hasCardPart
                    ? .upsertRecord(record) : .removeRecord(key: key)
                try Self.apply([mutation], in: db)
                return true
            }
        }
    }

    private static func fetchRecord(_ db: Database, key: String) throws -> RecordState? {
        try Row.fetchOne(db, sql: "SELECT \(RecordColumns.list) FROM record WHERE key = ?", arguments: [key])
            .map(RecordColumns.record(from:))
    }

    private static func phaseName(_ db: Database, id: String?) throws -> String? {
        guard let id else { return nil }
        return try String.fetchOne(db, sql: "SELECT name FROM phase WHERE phase_id = ?", arguments: [id])
    }
}
