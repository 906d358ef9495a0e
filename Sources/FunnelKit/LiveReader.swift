import Foundation
public import FunnelCore
public import WixAPI

/// Reads what Wix holds for the managed workflow, page-wise: never one request per record.
/// Calls: the workflow (1–2), every card (active and archived, 50 a page), and the contacts of the
/// desired leads looked up in batches of 100 emails/phones.
public struct LiveReader: Sendable {
    let client: WixClient
    /// `contact.country`: completes the national phone numbers of contacts Wix holds without a country.
    let country: String?

    public init(client: WixClient, country: String?) {
        self.client = client
        self.country = country
    }

    /// - Parameters:
    ///   - pinnedId: `workflow.id` from the config (must exist).
    ///   - rememberedId: the workflow id the state holds (used if it still exists).
    ///   - identities: the contacts the desired leads need, looked up by email/phone in batches.
    public func read(workflowName: String, pinnedId: String?, rememberedId: String?,
                     identities: [ContactIdentity]) async throws -> LiveState {
        var live = LiveState()
        if let id = try await findWorkflow(name: workflowName, pinnedId: pinnedId, rememberedId: rememberedId) {
            let workflow = try await client.getWorkflow(id: id, cardsPerPhase: 1)
            live.workflow = LiveWorkflow(id: workflow.info.id, name: workflow.info.name,
                                         description: workflow.info.description)
            live.phases = workflow.phases.map { LivePhase(id: $0.id, name: $0.name) }
            live.winPhaseId = workflow.winPhase.id
            async let active = client.cards(workflowId: id, archived: false).collect()
            async let archived = client.cards(workflowId: id, archived: true).collect()
            live.cards = try await active.map { Self.liveCard($0, archived: false) }
                + archived.map { Self.liveCard($0, archived: true) }
        }
        try await lookUpContacts(identities, into: &live)
        return live
    }

    /// The workflow by pinned id, else by remembered id, else by exact name (two with the name is an error).
    func findWorkflow(name: String, pinnedId: String?, rememberedId: String?) async throws -> String? {
        if let pinnedId {
            do {
                return try await client.getWorkflow(id: pinnedId, cardsPerPhase: 0).info.id
            } catch let error as WixError where error.isNotFound {
                throw FunnelError("workflow.id \(pinnedId) does not exist on this Wix site (HTTP 404); remove workflow.id to find the workflow by name")
            }
        }
        if let rememberedId {
            do {
                return try await client.getWorkflow(id: rememberedId, cardsPerPhase: 0).info.id
            } catch let error as WixError where error.isNotFound {
                // Deleted in Wix: fall back to the name, like a state that was never written.
            }
        }
        let named = try await client.workflows().collect().filter { $0.name == name }
        if named.count > 1 {
            let ids = named.map(\.id).joined(separator: ", ")
            throw FunnelError("\(named.count) Wix workflows are named \"\(name)\" (ids: \(ids)); pin the one funnel manages with `workflow.id: <id>` in funnel.yaml")
        }
        return named.first?.id
    }

    func lookUpContacts(_ identities: [ContactIdentity], into live: inout LiveState) async throws {
        let wanted = Set(identities)
        let emails = identities.filter { $0.kind == .email }.map(\.value)
        let phones = identities.filter { $0.kind == .phone }.map(\.value)
        var found: [Contact] = []
        if !emails.isEmpty { found += try await client.contacts(emails: emails) }
        if !phones.isEmpty { found += try await client.contacts(phones: phones, country: country) }
        for contact in found {
            live.contacts[contact.id] = Self.liveContact(contact, country: country)
            for email in contact.emails {
                let identity = ContactIdentity(kind: .email, value: email.lowercased())
                if wanted.contains(identity), live.contactIdsByIdentity[identity] == nil { live.contactIdsByIdentity[identity] = contact.id }
            }
            for phone in Self.e164Phones(contact, country: country) {
                let identity = ContactIdentity(kind: .phone, value: phone)
                if wanted.contains(identity), live.contactIdsByIdentity[identity] == nil { live.contactIdsByIdentity[identity] = contact.id }
            }
        }
    }

    /// The site's labels and extended fields, when the config maps them (one paged read each).
    public func readDefinitions(labels: Bool, fields: Bool, into live: inout LiveState) async throws {
        if labels {
            live.labels = try await client.labels().collect().map { LiveDefinition(key: $0.key, displayName: $0.displayName) }
        }
        if fields {
            live.extendedFields = try await client.extendedFields().collect().map {
                LiveDefinition(key: $0.key, displayName: $0.displayName, dataType: $0.dataType)
            }
        }
    }

    static func liveCard(_ card: Card, archived: Bool) -> LiveCard {
        LiveCard(id: card.id, name: card.info.name ?? "", description: card.info.description.flatMap { $0.isEmpty ? nil : $0 },
                 contactId: card.contactId, source: card.info.source, phaseId: card.phaseId, archived: archived,
                 updatedDate: card.info.updatedDate.map(ISODate.format), dueDate: card.info.dueDate.map(ISODate.day))
    }

    /// The contact's phones in E.164, the primary one first: Wix's `e164Phone` when it gives one, else
    /// `phone` completed with the phone's `countryCode` or `contact.country` (numbers with no E.164
    /// form are left out: they cannot be any record's identity).
    static func e164Phones(_ contact: Contact, country: String?) -> [String] {
        let items = contact.info?.phones?.items ?? []
        return (items.filter { $0.primary == true } + items.filter { $0.primary != true }).compactMap { item in
            item.e164Phone.flatMap { PhoneNumber.normalized($0, country: nil) }
                ?? PhoneNumber.normalized(item.phone, country: item.countryCode ?? country)
        }
    }

    static func liveContact(_ contact: Contact, country: String? = nil) -> LiveContact {
        let info = contact.info
        let fields = DesiredContact(first: info?.name?.first, last: info?.name?.last, email: contact.emails.first,
                                    phone: e164Phones(contact, country: country).first ?? contact.phones.first,
                                    company: info?.company, jobTitle: info?.jobTitle)
        var extended: [String: String] = [:]
        for (key, value) in info?.extendedFields?.items ?? [:] where key.hasPrefix("custom.") {
            switch value {
            case .string(let text): extended[key] = text
            case .number(let number): extended[key] = (try? CustomFieldType.number.normalize("\(number)").get()) ?? "\(number)"
            case .bool(let flag): extended[key] = "\(flag)"
            default: continue
            }
        }
        return LiveContact(id: contact.id, revision: contact.revision, fields: fields,
                           updatedDate: contact.updatedDate.map(ISODate.format), labelKeys: info?.labelKeys?.items ?? [],
                           extendedValues: extended)
    }
}
