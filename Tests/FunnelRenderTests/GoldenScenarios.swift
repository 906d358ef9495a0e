import Foundation
import FunnelConfig
import FunnelCore
@testable import FunnelKit
import FunnelSources
import Logging
import Testing
import WixAPI
import FunnelPlanner

/// The plans behind the golden files, each made by the real planner: a fixed `funnel.yaml` and
/// `leads.csv` in `Golden/inputs/NAME/` (loaded, read and mapped by the real config loader and CSV
/// source) against a fixed Wix site and state (`GoldenWorld`). Run with `FUNNEL_UPDATE_GOLDEN=1` to
/// rewrite the golden files from the current output, then review the diff.
struct GoldenScenario: Sendable, CustomTestStringConvertible {
    let name: String
    /// `--allow-large-changes`.
    var allowLargeChanges = false
    /// Wix and the state before the plan, given the leads the source maps to.
    let world: @Sendable ([DesiredLead]) -> GoldenWorld

    var testDescription: String { name }

    static let all: [GoldenScenario] = [empty, firstApply, everyAction, noChangesWithReports, gateRefused]

    /// Wix and the state already match the source.
    static let empty = GoldenScenario(name: "empty") { leads in
        var world = GoldenWorld(leads, workflow: workflow(), phases: phases)
        world.synced("L-001", in: "Contacted")
        world.synced("L-002", in: "Win")
        return world
    }

    /// An empty site: the workflow, the phases mirrored from the declared stages, a contact and two
    /// cards are created; one contact already exists and is adopted.
    static let firstApply = GoldenScenario(name: "first-apply") { leads in
        var world = GoldenWorld(leads, workflow: nil)
        world.contact(of: "L-002", id: "c-5521")
        return world
    }

    /// One step of every kind, out of group order in the source, and every report section; the gate
    /// is exceeded (2 archives, 10% of 10 owned cards allows 1) and allowed by `--allow-large-changes`.
    static let everyAction = GoldenScenario(name: "every-action", allowLargeChanges: true) { leads in
        var world = GoldenWorld(leads, workflow: workflow(description: "Old text"),
                                phases: ["New Lead", "Negotiating", "Contacted", "Warm", "Cold"])
        world.synced("L-010", in: "Contacted") { _, card, record in card.name = "Ilse K"; record.cardName = "Ilse K" }
        world.synced("L-011", in: "Contacted") { contact, _, record in
            contact.fields.phone = "+14155550199"
            record.contact?.phone = "+14155550199"
        }
        world.synced("L-012", in: "Contacted")   // stage qualified: into the phase renamed from Warm
        world.synced("L-014", in: "Warm")        // stage proposal: into the new phase
        world.synced("L-015", in: "Negotiating") // won
        world.synced("L-016", in: "Contacted")   // lost
        world.synced("L-017", in: "Contacted", archived: true)
        world.synced("L-018", in: "Contacted") { _, _, record in // applied to Qualified, moved back by hand
            record.phaseId = GoldenWorld.phaseId("Warm")
            record.target = .phase("Qualified")
        }
        world.synced("L-019", in: "Contacted") { contact, _, record in // a person set another phone in Wix
            contact.fields.phone = "+33698765432"
            record.contact?.phone = "+33612345670"
        }
        world.synced("L-020", in: "Cold")
        world.gone("L-003", name: "Alma Ruiz", email: "alma@example.com", in: "New Lead")
        world.unowned("card-x1", name: "Website lead | Dana", source: "Website", in: "Contacted")
        world.unowned("card-x2", name: "dave@example.net", source: nil, in: nil)
        return world
    }

    /// Nothing to change, but drift kept (`policy.drift: keep`), a rejected record and an unowned card.
    static let noChangesWithReports = GoldenScenario(name: "no-changes-with-reports") { leads in
        var world = GoldenWorld(leads, workflow: workflow(), phases: phases)
        world.synced("L-004", in: "Contacted") { _, _, record in
            record.phaseId = GoldenWorld.phaseId("New Lead")
            record.target = .phase("New Lead")
        }
        world.synced("L-005", in: "Contacted")
        world.unowned("card-x9", name: "Walk-in", source: "Front desk", in: "New Lead")
        return world
    }

    /// The blast-radius gate refuses: 3 archives of 4 owned cards, above `max_archive: 10%`.
    static let gateRefused = GoldenScenario(name: "gate-refused") { leads in
        var world = GoldenWorld(leads, workflow: workflow(), phases: phases)
        world.synced("L-104", in: "New Lead")
        world.synced("L-101", in: "Contacted")
        world.gone("L-102", name: "Rosa Park", email: "rosa@example.com", in: "New Lead")
        world.gone("L-103", name: "Tom Hale", email: "tom@example.com", in: "Qualified")
        return world
    }

    static let phases = ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiating"]

    static func workflow(description: String = "Shows where contacts are in the lead funnel.") -> LiveWorkflow {
        LiveWorkflow(id: "wf-7c1e", name: "Lead Funnel", description: description)
    }

    static func named(_ name: String) -> GoldenScenario { all.first { $0.name == name }! }
}

/// Runs a scenario through the real pipeline of `funnel plan`, minus the Wix read.
enum GoldenPlans {
    /// Where the plans say the project lives (the fixtures are read from the test bundle).
    static let project = "/home/ana/funnel"
    static let createdAt = Date(timeIntervalSince1970: 1_795_939_200) // 2026-11-29 08:00:00 UTC

    static func plan(_ scenario: GoldenScenario) async throws -> Plan {
        let folder = try #require(Bundle.module.url(forResource: scenario.name, withExtension: nil, subdirectory: "Golden/inputs"),
                                  "no Golden/inputs/\(scenario.name)")
        let text = try String(contentsOf: folder.appendingPathComponent("funnel.yaml"), encoding: .utf8)
        let loaded = ConfigLoader(environment: [:]).load(text: text, path: project + "/funnel.yaml")
        var configuration = try #require(loaded.configuration, "\(loaded.diagnostics)")
        guard case .csv(var csv) = configuration.source.kind else { throw GoldenError("the golden sources are CSV files") }
        csv.path = folder.appendingPathComponent("leads.csv").path
        configuration.source.kind = .csv(csv)

        let logger = Logger(label: "funnel.golden", factory: { _ in SwiftLogNoOpLogHandler() })
        // A client that is never called: the live state is the scenario's; its limit times the estimate.
        let client = WixClient(configuration: WixClientConfiguration(auth: .apiKey(Secret("unused"), siteId: "golden")),
                               logger: logger)
        let dependencies = FunnelDependencies(
            client: client, source: SourceFactory.make(configuration.source, usedFields: configuration.usedFields, logger: logger),
            logger: logger, now: { createdAt })
        let read = try await SourceFactory.readAndMap(configuration, from: dependencies.source)
        let desired = try DesiredBuilder.desired(configuration, mapped: read.mapped, pipeline: read.pipeline)
        let world = scenario.world(desired.leads)
        let plan = try await PlanUseCase.makePlan(configuration, desired: desired, live: world.live, state: world.state,
                                            mapped: read.mapped, pipeline: read.pipeline, readsSince: client.statistics,
                                            dependencies: dependencies,
                                            options: PlanOptions(allowLargeChanges: scenario.allowLargeChanges)).plan
        return try relocated(plan, from: folder.path)
    }

    /// The plan as if `leads.csv` had been read in the project: record locations lose the test
    /// bundle's folder (absolute, or relative to the working directory), which differs per machine.
    static func relocated(_ plan: Plan, from folder: String) throws -> Plan {
        let cwd = FileManager.default.currentDirectoryPath
        var prefixes = [folder + "/"]
        if folder.hasPrefix(cwd + "/") { prefixes.append(String(folder.dropFirst(cwd.count + 1)) + "/") }
        var text = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        for prefix in prefixes {
            text = text.replacingOccurrences(of: prefix.replacingOccurrences(of: "/", with: "\\/"), with: "")
                .replacingOccurrences(of: prefix, with: "")
        }
        return try JSONDecoder().decode(Plan.self, from: Data(text.utf8))
    }
}

struct GoldenError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
