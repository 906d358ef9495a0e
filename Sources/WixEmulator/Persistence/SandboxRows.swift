import Foundation
import GRDB

/// Turns what a write changed in a site into row writes: upserts and deletes of the entities it set,
/// with card positions from `CardPositions`. Lists are never stored whole (see `SandboxDatabase`).
struct SandboxRows {
    /// Per site, each card's stored position.
    private var positions: [String: CardPositions]
    private let encoder = JSONEncoder()

    init(positions: [String: CardPositions]) { self.positions = positions }

    /// Writes the entities `changes` names, as they are in `state`, and the site's own row.
    mutating func save(site: String, state: SiteState, changes: SiteChanges, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO site (id, next_sequence) VALUES (?, ?)
            ON CONFLICT (id) DO UPDATE SET next_sequence = excluded.next_sequence
            """).execute(arguments: [site, state.nextSequence])
        for id in changes.workflows {
            try upsert("workflow", site, id, state.workflows[id].map { workflow in
                var workflow = workflow
                workflow.archivedCardIds = []  // on the card rows
                return workflow
            }, db)
        }
        for id in changes.phases {
            try upsert("phase", site, id, state.phases[id].map { phase in
                var phase = phase
                phase.cardIds = []  // on the card rows
                return phase
            }, db)
        }
        // New contacts are inserted in creation order: their rowids keep it.
        for id in changes.contacts.sorted(by: { (state.contactRank[$0] ?? .max) < (state.contactRank[$1] ?? .max) }) {
            try upsert("contact", site, id, state.contacts[id], db)
        }
        for id in changes.labels { try upsert("label", site, id, state.labels[id], db) }
        for id in changes.fields { try upsert("extended_field", site, id, state.fields[id], db) }
        try saveCards(changes.cards, site: site, state: state, db)
    }

    /// Drops the positions of one site, or of every site.
    mutating func forget(site: String?) {
        if let site { positions[site] = nil } else { positions = [:] }
    }

    private func upsert(_ table: String, _ site: String, _ id: String, _ value: (some Encodable)?, _ db: Database) throws {
        guard let value else {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE site = ? AND id = ?").execute(arguments: [site, id])
            return
        }
        // ON CONFLICT … UPDATE keeps the rowid (a contact's place in the creation order).
        try db.cachedStatement(sql: """
            INSERT INTO \(table) (site, id, body) VALUES (?, ?, ?)
            ON CONFLICT (site, id) DO UPDATE SET body = excluded.body
            """).execute(arguments: [site, id, try json(value)])
    }

    private mutating func saveCards(_ ids: Set<String>, site: String, state: SiteState, _ db: Database) throws {
        guard !ids.isEmpty else { return }
        let renumbered = positions[site, default: CardPositions()].place(ids, in: state)
        for id in ids {
            guard let card = state.cards[id] else {
                try db.cachedStatement(sql: "DELETE FROM card WHERE site = ? AND id = ?").execute(arguments: [site, id])
                continue
            }
            try db.cachedStatement(sql: """
                INSERT INTO card (site, id, position, body) VALUES (?, ?, ?, ?)
                ON CONFLICT (site, id) DO UPDATE SET position = excluded.position, body = excluded.body
                """).execute(arguments: [site, id, positions[site]?[id] ?? 0, try json(card)])
        }
        for id in renumbered {
            try db.cachedStatement(sql: "UPDATE card SET position = ? WHERE site = ? AND id = ?")
                .execute(arguments: [positions[site]?[id] ?? 0, site, id])
        }
    }

    private func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
