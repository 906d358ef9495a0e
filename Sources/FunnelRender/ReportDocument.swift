import Foundation
import FunnelCore

/// The `funnel report --format json` document (docs/report.md), `format_version` 1.
struct ReportDocument: Encodable {
    static let formatVersion = 1

    struct Place: Encodable {
        var name: String
        var cards: Int
        var owned: Int
        var medianDaysInPhase: Double?

        init(_ place: FunnelReport.PlaceCount) {
            name = place.name; cards = place.cards; owned = place.owned
            // Two decimals: a day is 86,400 s, so this is to the quarter hour; more digits are noise.
            medianDaysInPhase = place.medianDaysInPhase.map { ($0 * 100).rounded() / 100 }
        }

        enum CodingKeys: String, CodingKey {
            case name, cards, owned
            case medianDaysInPhase = "median_days_in_phase"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(cards, forKey: .cards)
            try container.encode(owned, forKey: .owned)
            try container.encode(medianDaysInPhase, forKey: .medianDaysInPhase) // null, not absent
        }
    }

    struct Cards: Encodable {
        var phases: [Place]
        var win: Place
        var archived: Place
        var total: Int
    }

    struct Basis: Encodable {
        var journal: Int
        var updatedDate: Int
        var unknown: Int
        enum CodingKeys: String, CodingKey { case journal, updatedDate = "updated_date", unknown }
    }

    struct Node: Encodable {
        /// `new`, `phase`, `win`, `archived`.
        var kind: String
        var name: String

        init(_ node: CardFlows.Node) {
            kind = node.kind
            name = node.label
        }
    }

    struct Flow: Encodable {
        var from: Node
        var to: Node
        var cards: Int
    }

    struct Moves: Encodable {
        var since: Date
        var sinceSeconds: Double
        var runs: Int
        var journalStart: Date?
        var journalTruncated: Bool
        var totalCards: Int
        var flows: [Flow]

        enum CodingKeys: String, CodingKey {
            case since, runs, flows
            case sinceSeconds = "since_seconds", journalStart = "journal_start", totalCards = "total_cards"
            case journalTruncated = "journal_truncated"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(since, forKey: .since)
            try container.encode(sinceSeconds, forKey: .sinceSeconds)
            try container.encode(runs, forKey: .runs)
            try container.encode(journalStart, forKey: .journalStart)
            try container.encode(journalTruncated, forKey: .journalTruncated)
            try container.encode(totalCards, forKey: .totalCards)
            try container.encode(flows, forKey: .flows)
        }
    }

    struct Source: Encodable {
        var records: Int
        var rejected: [RejectedRecord]
    }

    struct Workflow: Encodable {
        var name: String
        var id: String?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(id, forKey: .id)
        }
        enum CodingKeys: String, CodingKey { case name, id }
    }

    var formatVersion = ReportDocument.formatVersion
    var generatedAt: Date
    var funnelVersion: String
    var configPath: String
    var workflow: Workflow
    var cards: Cards
    var timeInPhaseBasis: Basis
    var moves: Moves
    var source: Source
    var personalDataMasked: Bool

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", generatedAt = "generated_at", funnelVersion = "funnel_version"
        case configPath = "config_path", workflow, cards, moves, source
        case timeInPhaseBasis = "time_in_phase_basis", personalDataMasked = "personal_data_masked"
    }

    init(_ report: FunnelReport, personalDataMasked: Bool) {
        generatedAt = report.generatedAt
        funnelVersion = report.funnelVersion
        configPath = report.configPath
        workflow = Workflow(name: report.workflowName, id: report.workflowId)
        cards = Cards(phases: report.phases.map(Place.init), win: Place(report.win), archived: Place(report.archived),
                      total: report.totalCards)
        let basis = report.timeInPhaseBasis
        timeInPhaseBasis = Basis(journal: basis.journal, updatedDate: basis.updatedDate, unknown: basis.unknown)
        moves = Moves(since: report.generatedAt.addingTimeInterval(-report.sinceSeconds), sinceSeconds: report.sinceSeconds,
                      runs: report.moves.runs, journalStart: report.moves.journalStart,
                      journalTruncated: report.moves.journalTruncated,
                      totalCards: report.moves.flows.totalCards,
                      flows: report.moves.flows.edges.map { Flow(from: Node($0.from), to: Node($0.to), cards: $0.cards) })
        source = Source(records: report.recordCount, rejected: report.rejected)
        self.personalDataMasked = personalDataMasked
    }
}
