public import Foundation

/// A workflow's own fields (`WorkflowInfo`), as List Workflows returns them.
public struct WorkflowInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String?
    public var createdDate: Date?

    public init(id: String, name: String, description: String? = nil, createdDate: Date? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.createdDate = createdDate
    }
}

/// A workflow with its phases, as Get Workflow returns it.
public struct Workflow: Sendable, Hashable, Codable {
    public var info: WorkflowInfo
    /// The final phase Wix creates with every workflow; not among `phases`.
    public var winPhase: Phase
    public var phasesList: PhasesList

    /// The active phases, left to right.
    public var phases: [Phase] { phasesList.phases }

    public init(info: WorkflowInfo, winPhase: Phase, phasesList: PhasesList) {
        self.info = info
        self.winPhase = winPhase
        self.phasesList = phasesList
    }

    // proto3 JSON may leave out an empty `phasesList` (a workflow just created has no active phase).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        info = try container.decode(WorkflowInfo.self, forKey: .info)
        winPhase = try container.decode(Phase.self, forKey: .winPhase)
        phasesList = try container.decodeIfPresent(PhasesList.self, forKey: .phasesList) ?? PhasesList(phases: [])
    }
}

/// `phasesList` of a workflow: active phases in display order; `total` excludes the win phase.
public struct PhasesList: Sendable, Hashable, Codable {
    public var total: Int?
    public var phases: [Phase]

    public init(total: Int? = nil, phases: [Phase]) {
        self.total = total
        self.phases = phases
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        total = try container.decodeIfPresent(Int.self, forKey: .total)
        phases = try container.decodeIfPresent([Phase].self, forKey: .phases) ?? []
    }
}
