import Foundation
public import FunnelConfig
public import FunnelCore

/// Maps source records to desired leads through the config's templates and stage map. Templates
/// are compiled once in `init`; `map` is a pure function of one record.
///
/// The target of a record: its `card.phase.from` value looked up in `card.phase.map` (by the
/// value, then, when the pipeline is known, by the stage's id or label), then in the mirror rules
/// of `workflow.phases: { from: source }`, then by the stage's kind (a won stage → `$win`, a lost
/// one → `$archive`), then `card.phase.default`; else the record is rejected. A deal the CRM reports
/// closed (`stage_kind` won/lost, or a won/lost stage) never lands in an active phase.
public struct RecordMapper: Sendable {
    /// Top-level record fields and dotted paths the config reads: the key, the stage field, every template's fields.
    public let usedFields: Set<String>
    /// Warnings found while compiling (a stage-map entry that matches no stage of the pipeline).
    public let warnings: [Diagnostic]

    let keyPath: String
    let match: ContactSpec.Match
    /// `contact.country`: completes national phone numbers.
    let country: String?
    let contactTemplates: [(field: ContactField, template: MappingTemplate)]
    let cardName: MappingTemplate
    let cardDescription: MappingTemplate?
    let cardDue: MappingTemplate?
    /// `contact.labels`, compiled.
    let labelTemplates: [MappingTemplate]
    /// `contact.custom`: each field's name, type and compiled value template.
    let customTemplates: [(name: String, type: CustomFieldType, template: MappingTemplate)]
    let phase: PhaseMapping
    let mirror: MirrorSpec?
    let pipeline: SourcePipeline?
    /// Every template, for "no record has this field" warnings.
    let templates: [MappingTemplate]

    enum ContactField: String, CaseIterable { case first, last, email, phone, company, jobTitle }

    public init(configuration: FunnelConfiguration, pipeline: SourcePipeline?) throws(DiagnosticsError) {
        var diagnostics: [Diagnostic] = []
        func compile(_ spec: TemplateSpec) -> MappingTemplate? {
            do { return try spec.template() } catch { diagnostics.append(error); return nil }
        }
        let contact = configuration.contact
        var contactTemplates: [(field: ContactField, template: MappingTemplate)] = []
        for (name, spec) in contact.fields.sorted(by: { $0.key < $1.key }) {
            guard let field = ContactField(rawValue: name) else {
                let known = ContactField.allCases.map(\.rawValue).joined(separator: ", ")
                diagnostics.append(.error("unknown contact field \"\(name)\"; expected one of: \(known)", at: spec.location ?? contact.location))
                continue
            }
            if let template = compile(spec) { contactTemplates.append((field: field, template: template)) }
        }
        let matchField: ContactField = contact.match == .email ? .email : .phone
        if contact.fields[matchField.rawValue] == nil {
            diagnostics.append(.error("contact.match is \(contact.match.rawValue) but contact.fields has no \(matchField.rawValue) template",
                                      at: contact.location))
        }
        let name = compile(configuration.card.name)
        let description = configuration.card.description.flatMap(compile)
        let due = configuration.card.due.flatMap(compile)
        let labels = contact.labels.compactMap(compile)
        let custom = contact.custom.compactMap { spec in compile(spec.value).map { (name: spec.name, type: spec.type, template: $0) } }
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticsError(diagnostics) }

        self.keyPath = configuration.source.key
        self.match = contact.match
        self.country = contact.country
        self.contactTemplates = contactTemplates
        self.cardName = name!
        self.cardDescription = description
        self.cardDue = due
        self.labelTemplates = labels
        self.customTemplates = custom
        self.phase = configuration.card.phase
        self.pipeline = pipeline
        if case .fromSource(let mirror) = configuration.workflow.phases { self.mirror = mirror } else { self.mirror = nil }
        self.templates = contactTemplates.map { $0.template } + labels + custom.map(\.template) + [name!]
            + (description.map { [$0] } ?? []) + (due.map { [$0] } ?? [])
        self.usedFields = configuration.usedFields
        if let pipeline {
            for key in phase.map.keys.sorted() where pipeline.stage(key) == nil {
                let stages = pipeline.stages.map { "\"\($0.label)\" (\($0.id))" }.joined(separator: ", ")
                diagnostics.append(.warning("card.phase.map entry \"\(key)\" matches no stage of pipeline \"\(pipeline.name)\"; its stages: \(stages)",
                                            at: phase.mapLocations[key] ?? phase.location))
            }
        }
        self.warnings = diagnostics
    }

    /// One record → a lead, or the reason it cannot become one.
    public func map(_ record: SourceRecord) -> Result<DesiredLead, RejectedRecord> {
        func reject(_ reason: String) -> Result<DesiredLead, RejectedRecord> {
            .failure(RejectedRecord(key: record.key, reason: reason, location: record.location))
        }
        guard let key = record.key else { return reject("no key: the field \"\(keyPath)\" is missing or empty") }
        var contact = DesiredContact()
        for (field, template) in contactTemplates {
            let value: String
            do { value = try template.render(record.fields).trimmedWhitespace() } catch {
                return reject("contact.fields.\(field.rawValue): \(error)")
            }
            if value.isEmpty { continue }
            switch field {
            case .first: contact.first = value
            case .last: contact.last = value
            case .company: contact.company = value
            case .jobTitle: contact.jobTitle = value
            case .email:
                guard let email = ContactNormalizer.email(value) else { return reject("invalid email \"\(value)\"") }
                contact.email = email
            case .phone:
                switch PhoneNumber.e164(value, country: country) {
                case .success(let phone): contact.phone = phone
                case .failure(let problem): return reject("invalid phone \"\(value)\": \(problem)")
                }
            }
        }
        switch extras(record) {
        case .success(let extras): (contact.labels, contact.custom) = extras
        case .failure(let reason): return reject(reason.text)
        }
        let identity: ContactIdentity
        switch match {
        case .email:
            guard let email = contact.email else { return reject("no email (contact.match is email)") }
            identity = ContactIdentity(kind: .email, value: email)
        case .phone:
            guard let phone = contact.phone else { return reject("no phone (contact.match is phone)") }
            identity = ContactIdentity(kind: .phone, value: phone)
        }
        let cardName: String
        var cardDescription: String?
        do {
            cardName = try self.cardName.render(record.fields).trimmedWhitespace()
            cardDescription = try self.cardDescription?.render(record.fields).trimmedWhitespace()
        } catch {
            return reject("card template: \(error)")
        }
        if cardName.isEmpty { return reject("the card name is empty (card.name rendered no text)") }
        if cardDescription?.isEmpty == true { cardDescription = nil }
        var cardDue: String?
        do {
            let due = try self.cardDue?.render(record.fields).trimmedWhitespace() ?? ""
            if !due.isEmpty {
                switch CustomFieldType.date.normalize(due) {
                case .success(let day): cardDue = day
                case .failure(let problem): return reject("card.due: \(problem)")
                }
            }
        } catch {
            return reject("card.due: \(error)")
        }
        let stage = record[phase.from].map(\.stringValue)?.trimmedWhitespace() ?? ""
        if stage.isEmpty { return reject("no stage: the field \"\(phase.from)\" is missing or empty") }
        guard let resolved = target(for: stage, record: record) else {
            return reject("stage \"\(stage)\" is not in card.phase.map and there is no card.phase.default")
        }
        let (target, configLocation) = resolved
        return .success(DesiredLead(key: key, identity: identity, contact: contact, cardName: cardName,
                                    cardDescription: cardDescription, cardDue: cardDue, target: target, stage: stage,
                                    provenance: Provenance(recordKey: key, record: record.location, config: configLocation)))
    }
}

extension RecordMapper {
    /// The record's labels (rendered, empty ones left out, each once) and custom field values
    /// (checked against their type and normalised), or why the record cannot be synced.
    func extras(_ record: SourceRecord) -> Result<(labels: [String]?, custom: [String: String]?), RejectionReason> {
        var labels: [String] = []
        for template in labelTemplates {
            do {
                let label = try template.render(record.fields).trimmedWhitespace()
                if !label.isEmpty, !labels.contains(label) { labels.append(label) }
            } catch {
                return .failure(RejectionReason(text: "contact.labels: \(error)"))
            }
        }
        var custom: [String: String] = [:]
        for field in customTemplates {
            let text: String
            do { text = try field.template.render(record.fields).trimmedWhitespace() } catch {
                return .failure(RejectionReason(text: "contact.custom.\(field.name): \(error)"))
            }
            if text.isEmpty { continue }
            switch field.type.normalize(text) {
            case .success(let value): custom[field.name] = value
            case .failure(let problem): return .failure(RejectionReason(text: "contact.custom.\(field.name): \(problem)"))
            }
        }
        return .success((labelTemplates.isEmpty ? nil : labels, customTemplates.isEmpty ? nil : custom))
    }
}
