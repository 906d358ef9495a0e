/// Where a lead belongs: an active phase by name, the win phase, or archived.
public enum TargetRef: Sendable, Hashable, Codable, CustomStringConvertible {
    case phase(String)
    case win
    case archive

    /// Parses `$win`, `$archive` or a phase name.
    public init(_ text: String) {
        switch text {
        case "$win": self = .win
        case "$archive": self = .archive
        default: self = .phase(text)
        }
    }

    /// `$win`, `$archive` or the phase name.
    public var text: String {
        switch self {
        case .phase(let name): return name
        case .win: return "$win"
        case .archive: return "$archive"
        }
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// How a record finds its Wix contact: a normalised email (lowercased, trimmed) or phone (E.164-ish digits).
public struct ContactIdentity: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable { case email, phone }
    public var kind: Kind
    public var value: String

    public init(kind: Kind, value: String) { self.kind = kind; self.value = value }

    public var description: String { "\(kind.rawValue):\(value)" }
}

/// The managed contact fields a record maps to (nil = not managed by the config).
public struct DesiredContact: Sendable, Hashable, Codable {
    public var first: String?
    public var last: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var jobTitle: String?
    /// Label display names (`contact.labels`); in the state: the labels funnel added itself.
    public var labels: [String]?
    /// Custom field display name → value in its canonical form (`CustomFieldType.normalize`).
    public var custom: [String: String]?

    public init(first: String? = nil, last: String? = nil, email: String? = nil, phone: String? = nil,
                company: String? = nil, jobTitle: String? = nil, labels: [String]? = nil, custom: [String: String]? = nil) {
        self.first = first; self.last = last; self.email = email; self.phone = phone
        self.company = company; self.jobTitle = jobTitle; self.labels = labels; self.custom = custom
    }
}

/// Why a step exists: the source record and the config line that caused it.
public struct Provenance: Sendable, Hashable, Codable {
    /// The CRM record id.
    public var recordKey: String?
    /// Where the record was read, e.g. `leads.csv:14` or `https://api…/deals page 3`.
    public var record: String?
    /// The config line responsible (a stage-map entry, a phase, a policy).
    public var config: SourceLocation?

    public init(recordKey: String? = nil, record: String? = nil, config: SourceLocation? = nil) {
        self.recordKey = recordKey; self.record = record; self.config = config
    }
}

/// One mapped source record: a contact identity, card fields and a target.
public struct DesiredLead: Sendable, Hashable, Codable {
    public var key: String
    public var identity: ContactIdentity
    public var contact: DesiredContact
    public var cardName: String
    public var cardDescription: String?
    /// `card.due`: the card's due date, `YYYY-MM-DD`.
    public var cardDue: String?
    public var target: TargetRef
    /// The raw stage value from the record (`stage: qualified`), for explanations.
    public var stage: String
    public var provenance: Provenance

    public init(key: String, identity: ContactIdentity, contact: DesiredContact, cardName: String,
                cardDescription: String? = nil, cardDue: String? = nil, target: TargetRef, stage: String,
                provenance: Provenance) {
        self.key = key; self.identity = identity; self.contact = contact; self.cardName = cardName
        self.cardDescription = cardDescription; self.cardDue = cardDue; self.target = target; self.stage = stage
        self.provenance = provenance
    }
}

/// A record that could not be mapped: reported with its key and reason, never silently dropped.
public struct RejectedRecord: Sendable, Hashable, Codable, Error {
    public var key: String?
    public var reason: String
    /// `leads.csv:14`, `record #12`, …
    public var location: String?

    public init(key: String?, reason: String, location: String?) {
        self.key = key; self.reason = reason; self.location = location
    }
}

/// A desired active phase, left to right.
public struct DesiredPhase: Sendable, Hashable, Codable {
    public var name: String
    /// Former names: a live phase with one of these is renamed, not deleted and recreated.
    public var was: [String]
    /// The CRM stage id this phase mirrors (`workflow.phases: { from: source }`), the phase's identity.
    public var stageId: String?
    public var location: SourceLocation?

    public init(name: String, was: [String] = [], stageId: String? = nil, location: SourceLocation? = nil) {
        self.name = name; self.was = was; self.stageId = stageId; self.location = location
    }
}

/// The output of mapping every source record through the config.
public struct MappedRecords: Sendable {
    public var leads: [DesiredLead]
    public var rejected: [RejectedRecord]
    /// Warnings such as a template field no record has.
    public var warnings: [Diagnostic]
    /// SHA-256 (hex) over the records as read, in order: pins a saved plan to its source snapshot.
    public var snapshotDigest: String
    /// How many records were read.
    public var recordCount: Int

    public init(leads: [DesiredLead], rejected: [RejectedRecord], warnings: [Diagnostic], snapshotDigest: String, recordCount: Int) {
        self.leads = leads; self.rejected = rejected; self.warnings = warnings
        self.snapshotDigest = snapshotDigest; self.recordCount = recordCount
    }
}
