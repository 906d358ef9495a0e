import FunnelCore

/// The Wix call a step makes, as a flat object tagged by `type`; only the fields of that type are present.
struct OperationDocument: Codable {
    var type: String
    var workflow: IDRefDocument?
    var phase: IDRefDocument?
    var contact: IDRefDocument?
    var card: String?
    var name: String?
    var description: String?
    var position: Int?
    var revision: Int?
    var source: String?
    var recordKey: String?
    var identity: ContactIdentity?
    var fields: ContactFieldsDocument?
    /// A card's due date (`create_card`, `update_card`), `YYYY-MM-DD`.
    var due: String?
    /// A custom field's type (`create_field`).
    var fieldType: CustomFieldType?

    enum CodingKeys: String, CodingKey {
        case type, workflow, phase, contact, card, name, description, position, revision, source, identity, fields
        case fieldType = "field_type", due
        case recordKey = "record_key"
    }

    init(type: String) { self.type = type }

    init(_ operation: StepOperation) {
        switch operation {
        case .createWorkflow(let name, let description):
            self.init(type: "create_workflow"); self.name = name; self.description = description
        case .updateWorkflow(let workflow, let name, let description):
            self.init(type: "update_workflow"); self.workflow = .known(workflow); self.name = name
            self.description = description
        case .createPhase(let workflow, let name, let position):
            self.init(type: "create_phase"); self.workflow = IDRefDocument(workflow); self.name = name
            self.position = position
        case .renamePhase(let phase, let name):
            self.init(type: "rename_phase"); self.phase = .known(phase); self.name = name
        case .movePhase(let workflow, let phase, let position):
            self.init(type: "move_phase"); self.workflow = .known(workflow); self.phase = .known(phase)
            self.position = position
        case .deletePhase(let phase):
            self.init(type: "delete_phase"); self.phase = .known(phase)
        case .createLabel(let name):
            self.init(type: "create_label"); self.name = name
        case .createField(let name, let type):
            self.init(type: "create_field"); self.name = name; self.fieldType = type
        case .createContact(let identity, let fields):
            self.init(type: "create_contact"); self.identity = identity; self.fields = ContactFieldsDocument(fields)
        case .updateContact(let contact, let revision, let fields):
            self.init(type: "update_contact"); self.contact = .known(contact); self.revision = revision
            self.fields = ContactFieldsDocument(fields)
        case .createCard(let workflow, let phase, let contact, let name, let description, let source, let recordKey, let due):
            self.init(type: "create_card"); self.workflow = IDRefDocument(workflow); self.phase = IDRefDocument(phase)
            self.contact = IDRefDocument(contact); self.name = name; self.description = description
            self.source = source; self.recordKey = recordKey; self.due = due
        case .moveCard(let card, let phase):
            self.init(type: "move_card"); self.card = card; self.phase = IDRefDocument(phase)
        case .archiveCard(let card):
            self.init(type: "archive_card"); self.card = card
        case .restoreCard(let card, let phase):
            self.init(type: "restore_card"); self.card = card; self.phase = IDRefDocument(phase)
        case .updateCard(let card, let name, let description, let contact, let source, let due):
            self.init(type: "update_card"); self.card = card; self.name = name; self.description = description
            self.contact = IDRefDocument(contact); self.source = source; self.due = due
        }
    }

    /// The operation, or an error naming the field a `type` needs and does not have.
    func operation(at path: String) throws -> StepOperation {
        func need<T>(_ value: T?, _ key: CodingKeys) throws -> T {
            guard let value else {
                throw PlanDocumentError.invalid(path: "\(path).\(key.rawValue)",
                                                message: "a `\(type)` operation needs `\(key.rawValue)`")
            }
            return value
        }
        func id(_ value: IDRefDocument?, _ key: CodingKeys) throws -> String {
            guard let id = try need(value, key).ref.knownID else {
                throw PlanDocumentError.invalid(path: "\(path).\(key.rawValue)",
                                                message: "a `\(type)` operation needs a known id here, not a step reference")
            }
            return id
        }
        switch type {
        case "create_workflow":
            return .createWorkflow(name: try need(name, .name), description: description)
        case "update_workflow":
            return .updateWorkflow(workflow: try id(workflow, .workflow), name: try need(name, .name), description: description)
        case "create_phase":
            return .createPhase(workflow: try need(workflow, .workflow).ref, name: try need(name, .name),
                                position: try need(position, .position))
        case "rename_phase":
            return .renamePhase(phase: try id(phase, .phase), name: try need(name, .name))
        case "move_phase":
            return .movePhase(workflow: try id(workflow, .workflow), phase: try id(phase, .phase),
                              position: try need(position, .position))
        case "delete_phase":
            return .deletePhase(phase: try id(phase, .phase))
        case "create_label":
            return .createLabel(name: try need(name, .name))
        case "create_field":
            return .createField(name: try need(name, .name), type: try need(fieldType, .fieldType))
        case "create_contact":
            return .createContact(identity: try need(identity, .identity), fields: try need(fields, .fields).contact)
        case "update_contact":
            return .updateContact(contact: try id(contact, .contact), revision: try need(revision, .revision),
                                  fields: try need(fields, .fields).contact)
        case "create_card":
            return .createCard(workflow: try need(workflow, .workflow).ref, phase: try need(phase, .phase).ref,
                               contact: try need(contact, .contact).ref, name: try need(name, .name),
                               description: description, source: try need(source, .source),
                               recordKey: try need(recordKey, .recordKey), due: due)
        case "move_card":
            return .moveCard(card: try need(card, .card), phase: try need(phase, .phase).ref)
        case "archive_card":
            return .archiveCard(card: try need(card, .card))
        case "restore_card":
            return .restoreCard(card: try need(card, .card), phase: try need(phase, .phase).ref)
        case "update_card":
            return .updateCard(card: try need(card, .card), name: try need(name, .name), description: description,
                               contact: try need(contact, .contact).ref, source: try need(source, .source), due: due)
        default:
            throw PlanDocumentError.invalid(path: "\(path).type", message: "unknown operation type \"\(type)\"")
        }
    }
}

/// An id: a string when known, `{"created_by_step": N}` or `{"win_phase_of_step": N}` when a step of the
/// same apply learns it.
struct IDRefDocument: Codable {
    var ref: IDRef

    init(_ ref: IDRef) { self.ref = ref }

    static func known(_ id: String) -> IDRefDocument { IDRefDocument(.id(id)) }

    private enum Keys: String, CodingKey {
        case createdByStep = "created_by_step", winPhaseOfStep = "win_phase_of_step"
    }

    init(from decoder: any Decoder) throws {
        if let id = try? decoder.singleValueContainer().decode(String.self) {
            ref = .id(id)
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        if let step = try container.decodeIfPresent(Int.self, forKey: .createdByStep) {
            ref = .created(step: step)
        } else if let step = try container.decodeIfPresent(Int.self, forKey: .winPhaseOfStep) {
            ref = .winPhaseOf(step: step)
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "expected an id string, {\"created_by_step\": N} or {\"win_phase_of_step\": N}"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch ref {
        case .id(let id):
            var container = encoder.singleValueContainer()
            try container.encode(id)
        case .created(let step):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(step, forKey: .createdByStep)
        case .winPhaseOf(let step):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(step, forKey: .winPhaseOfStep)
        }
    }
}

/// The managed contact fields a contact step writes (absent = not managed).
struct ContactFieldsDocument: Codable {
    var first: String?
    var last: String?
    var email: String?
    var phone: String?
    var company: String?
    var jobTitle: String?
    /// Label display names.
    var labels: [String]?
    /// Custom field display name → value.
    var custom: [String: String]?

    enum CodingKeys: String, CodingKey {
        case first, last, email, phone, company, labels, custom
        case jobTitle = "job_title"
    }

    init(_ contact: DesiredContact) {
        first = contact.first; last = contact.last; email = contact.email; phone = contact.phone
        company = contact.company; jobTitle = contact.jobTitle; labels = contact.labels; custom = contact.custom
    }

    var contact: DesiredContact {
        DesiredContact(first: first, last: last, email: email, phone: phone, company: company, jobTitle: jobTitle,
                       labels: labels, custom: custom)
    }
}
