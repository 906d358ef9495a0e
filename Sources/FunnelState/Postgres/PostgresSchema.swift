/// The PostgreSQL state's tables, shared by every funnel in the database: each row belongs to a
/// namespace. Versioned in `funnel_schema_version`; funnel migrates forward itself and refuses a
/// database migrated by a newer funnel. Never edit a released migration: append a new one.
enum PostgresSchema {
    /// Migration `n` (1-based) takes the schema from version `n - 1` to `n`; one statement each.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE funnel_state (
                namespace text PRIMARY KEY,
                lineage text NOT NULL,
                serial bigint NOT NULL DEFAULT 0,
                workflow_id text,
                win_phase_id text
            )
            """,
            """
            CREATE TABLE funnel_phase (
                namespace text NOT NULL REFERENCES funnel_state (namespace) ON DELETE CASCADE,
                phase_id text NOT NULL,
                position integer NOT NULL,
                name text NOT NULL,
                stage_id text,
                PRIMARY KEY (namespace, phase_id)
            )
            """,
            """
            CREATE TABLE funnel_record (
                namespace text NOT NULL REFERENCES funnel_state (namespace) ON DELETE CASCADE,
                key text NOT NULL,
                identity_kind text,
                identity_value text,
                contact_id text,
                card_id text,
                contact_managed boolean NOT NULL DEFAULT false,
                contact_first text,
                contact_last text,
                contact_email text,
                contact_phone text,
                contact_company text,
                contact_job_title text,
                card_name text,
                card_description text,
                target text,
                phase_id text,
                PRIMARY KEY (namespace, key)
            )
            """,
            """
            CREATE TABLE funnel_journal_run (
                seq bigserial NOT NULL,
                namespace text NOT NULL REFERENCES funnel_state (namespace) ON DELETE CASCADE,
                id text NOT NULL,
                plan_digest text NOT NULL,
                started_at text NOT NULL,
                finished_at text,
                status text NOT NULL,
                PRIMARY KEY (namespace, id)
            )
            """,
            "CREATE INDEX funnel_journal_run_by_seq ON funnel_journal_run (namespace, seq)",
            """
            CREATE TABLE funnel_journal_step (
                namespace text NOT NULL,
                run_id text NOT NULL,
                step_id integer NOT NULL,
                address text NOT NULL,
                action text NOT NULL,
                payload bytea NOT NULL,
                status text NOT NULL,
                result_id text,
                error text,
                updated_at text NOT NULL,
                PRIMARY KEY (namespace, run_id, step_id),
                FOREIGN KEY (namespace, run_id) REFERENCES funnel_journal_run (namespace, id) ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE funnel_lock_holders (
                namespace text PRIMARY KEY,
                id text NOT NULL,
                operation text NOT NULL,
                who text NOT NULL,
                host text NOT NULL,
                pid integer NOT NULL,
                since text NOT NULL,
                backend_pid integer NOT NULL
            )
            """,
        ],
        [
            // What each apply cost (issue #15): its calls, the process's CPU seconds and the wall time.
            """
            ALTER TABLE funnel_journal_run ADD COLUMN cost_calls integer, ADD COLUMN cost_cpu_seconds double precision,
                ADD COLUMN cost_seconds double precision
            """,
        ],
        [
            // Issue 20: label and custom-field keys by display name; a record's labels, custom values, due date.
            """
            CREATE TABLE funnel_definition (
                namespace text NOT NULL REFERENCES funnel_state (namespace) ON DELETE CASCADE,
                kind text NOT NULL,
                name text NOT NULL,
                key text NOT NULL,
                PRIMARY KEY (namespace, kind, name)
            )
            """,
            "ALTER TABLE funnel_record ADD COLUMN contact_labels text, ADD COLUMN contact_custom text, ADD COLUMN card_due text",
        ],
    ]

    /// The version this funnel writes.
    static var current: Int { migrations.count }

    /// The advisory lock (transaction-scoped) that serialises concurrent migrations.
    static let migrationLockKey = AdvisoryLockKey.key(namespace: "\u{0}schema-migration")
}
