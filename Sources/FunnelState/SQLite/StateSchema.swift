import Foundation
import GRDB

/// The state database's tables, created and upgraded by GRDB's `DatabaseMigrator`.
/// Never edit a registered migration: add a new one (an older funnel then refuses the file).
enum StateSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // One row: lineage is created here, once, in the same transaction as the tables.
            try db.execute(sql: """
                CREATE TABLE state (
                    slot INTEGER PRIMARY KEY CHECK (slot = 1),
                    lineage TEXT NOT NULL,
                    serial INTEGER NOT NULL DEFAULT 0,
                    workflow_id TEXT,
                    win_phase_id TEXT
                );
                CREATE TABLE phase (
                    phase_id TEXT PRIMARY KEY NOT NULL,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    stage_id TEXT
                );
                CREATE TABLE record (
                    key TEXT PRIMARY KEY NOT NULL,
                    identity_kind TEXT,
                    identity_value TEXT,
                    contact_id TEXT,
                    card_id TEXT,
                    contact_managed INTEGER NOT NULL DEFAULT 0,
                    contact_first TEXT,
                    contact_last TEXT,
                    contact_email TEXT,
                    contact_phone TEXT,
                    contact_company TEXT,
                    contact_job_title TEXT,
                    card_name TEXT,
                    card_description TEXT,
                    target TEXT,
                    phase_id TEXT
                ) WITHOUT ROWID;
                CREATE TABLE journal_run (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    plan_digest TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL
                );
                CREATE TABLE journal_step (
                    run_id TEXT NOT NULL REFERENCES journal_run(id) ON DELETE CASCADE,
                    step_id INTEGER NOT NULL,
                    address TEXT NOT NULL,
                    action TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    status TEXT NOT NULL,
                    result_id TEXT,
                    error TEXT,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (run_id, step_id)
                ) WITHOUT ROWID;
                CREATE TABLE state_lock (
                    slot INTEGER PRIMARY KEY CHECK (slot = 1),
                    id TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    who TEXT NOT NULL,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    since TEXT NOT NULL
                );
                """)
            try db.execute(sql: "INSERT INTO state (slot, lineage, serial) VALUES (1, ?, 0)",
                           arguments: [UUID().uuidString.lowercased()])
        }
        migrator.registerMigration("v2-journal-run-cost") { db in
            // What each apply cost (issue #15): its calls, the process's CPU seconds and the wall time.
            try db.execute(sql: """
                ALTER TABLE journal_run ADD COLUMN cost_calls INTEGER;
                ALTER TABLE journal_run ADD COLUMN cost_cpu_seconds REAL;
                ALTER TABLE journal_run ADD COLUMN cost_seconds REAL;
                """)
        }
        migrator.registerMigration("v3-definitions") { db in
            // Issue 20: label and custom-field keys by display name; a record's labels, custom values, due date.
            try db.execute(sql: """
                CREATE TABLE definition (
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    key TEXT NOT NULL,
                    PRIMARY KEY (kind, name)
                ) WITHOUT ROWID;
                ALTER TABLE record ADD COLUMN contact_labels TEXT;
                ALTER TABLE record ADD COLUMN contact_custom TEXT;
                ALTER TABLE record ADD COLUMN card_due TEXT;
                """)
        }
        return migrator
    }
}
