import ArgumentParser
import FunnelCore
import FunnelState

/// `funnel state migrate --to URL`: copies the local SQLite state into PostgreSQL and verifies it.
struct StateMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the local SQLite state into a PostgreSQL database, then verify the copy.",
        discussion: """
            Copies lineage, serial, the workflow, phases, records and the journal runs kept, under the funnel's \
            namespace (default "<siteId>/<workflow name>"). Refuses when that namespace already holds another \
            lineage. Pass the URL from the environment (--to "$FUNNEL_STATE_URL"); it is never printed with its \
            password. Then set `state: ${FUNNEL_STATE_URL}` in funnel.yaml.
            """
    )

    @Option(help: "The PostgreSQL state URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=require].")
    var to: String

    @OptionGroup var location: StatePathOptions

    func run() async throws {
        let target: PostgresStateURL
        do {
            target = try PostgresStateURL(parsing: to)
        } catch {
            Terminal.err("--to: \(error.description)")
            throw ExitCode.failure
        }
        let (source, namespace) = try location.stateLocation()
        guard case .sqlite(let path) = source else {
            Terminal.err("the state to migrate must be a local SQLite file; pass --state PATH (the config's state is \(source))")
            throw ExitCode.failure
        }
        let from = try SQLiteStateStore.open(path: path, createIfMissing: false)
        let into = try await PostgresStateStore.open(url: target, namespace: namespace)
        let report: StateMigration.Report
        do {
            report = try await StateMigration.copy(from: from, to: into)
        } catch {
            await into.close()
            throw error
        }
        await into.close()
        Terminal.out("""
            Copied the state of \(path)
              into \(into.location)\(report.replacedSameLineage ? " (it already held this lineage: replaced)" : ""):
              lineage \(report.lineage), serial \(report.serial)
              \(report.phases) phases, \(report.records) records, \(report.journalRuns) journal runs
            Verified: the copy reads back identical.
            Next: set `state: ${FUNNEL_STATE_URL}` in funnel.yaml (and keep \(path) until you no longer need it).
            """)
    }
}
