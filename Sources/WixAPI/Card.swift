public import Foundation

/// A card as Wix returns it: `{"info": CardInfo}`.
public struct Card: Sendable, Hashable, Codable {
    public var info: CardInfo

    public var id: String { info.id }
    /// The contact the card tracks (`primaryAttachment.contactId`).
    public var contactId: String? { info.primaryAttachment?.contactId }
    /// The phase holding the card (for an archived card, the last one).
    public var phaseId: String? { info.phaseId }

    public init(info: CardInfo) { self.info = info }
}

/// A card's fields. Read-only ones (`id`, `phaseId`, dates) are ignored by Wix on writes.
public struct CardInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var description: String?
    public var primaryAttachment: Attachment?
    public var dueDate: Date?
    /// The app or service that created the card; funnel marks its own cards with it.
    public var source: String?
    public var phaseId: String?
    public var createdDate: Date?
    public var updatedDate: Date?

    public init(
        id: String, name: String? = nil, description: String? = nil, primaryAttachment: Attachment? = nil,
        dueDate: Date? = nil, source: String? = nil, phaseId: String? = nil,
        createdDate: Date? = nil, updatedDate: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.primaryAttachment = primaryAttachment
        self.dueDate = dueDate
        self.source = source
        self.phaseId = phaseId
        self.createdDate = createdDate
        self.updatedDate = updatedDate
    }
}

/// `primaryAttachment`: the contact a card belongs to.
public struct Attachment: Sendable, Hashable, Codable {
    public var contactId: String?
    public var attachmentId: String?

    public init(contactId: String?, attachmentId: String? = nil) {
        self.contactId = contactId
        self.attachmentId = attachmentId
    }
}

/// The writable fields of a card, for Create Card and Update Card.
///
/// Update Card is sent with every field, `primaryAttachment.contactId` included, because Wix may
/// treat an omitted field as cleared (wix-api.md §3.3: omitting `contactId` detaches the contact).
public struct CardFields: Sendable, Hashable {
    public var name: String
    public var description: String
    public var contactId: String
    public var source: String
    public var dueDate: Date?

    public init(name: String, description: String = "", contactId: String, source: String, dueDate: Date? = nil) {
        self.name = name
        self.description = description
        self.contactId = contactId
        self.source = source
        self.dueDate = dueDate
    }
}

/// The card to create (the same fields as an update).
public typealias NewCard = CardFields

extension CardFields: Encodable {
    private enum CodingKeys: String, CodingKey { case name, description, primaryAttachment, source, dueDate }
    private struct ContactAttachment: Encodable { var contactId: String }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(ContactAttachment(contactId: contactId), forKey: .primaryAttachment)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(dueDate, forKey: .dueDate)
    }
}
