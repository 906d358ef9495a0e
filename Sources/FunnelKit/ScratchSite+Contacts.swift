import FunnelCore
import WixAPI

/// `funnel doctor --write`: the readings settled on the scratch contact.
extension ScratchSite {
    func createContact(_ made: Made) async throws -> DoctorCheck {
        var info = ContactInfo(first: "Funnel", last: "Doctor", email: email)
        info.phones = ContactInfo.Items([ContactInfo.Phone(phone: nationalPhone, countryCode: "US", primary: true)])
        made.contact = try await client.createContact(info).id
        return DoctorCheck(id: "write-contact", assumes: "", detail: "created a scratch contact", ok: true)
    }

    /// The ids of contacts a raw Query Contacts filter finds.
    func query(_ filter: JSONValue) async throws -> Set<String> {
        let page = try await client.probe("POST", "/contacts/v4/contacts/query",
                                          body: .object(["query": .object(["filter": filter])]))
        guard case .array(let contacts)? = page[path: "contacts"] else { return [] }
        return Set(contacts.compactMap { $0[path: "id"]?.stringValue })
    }

    func phoneFilter(_ made: Made) async throws -> DoctorCheck {
        let id = made.contact!
        let national = String(e164Phone.dropFirst(2))
        let byE164 = try await query(.object(["info.phones.phone": .object(["$eq": .string(e164Phone)])])).contains(id)
        let byNational = try await query(.object(["info.phones.phone": .object(["$eq": .string(national)])])).contains(id)
        var live = LiveState()
        let identity = ContactIdentity(kind: .phone, value: e164Phone)
        try await LiveReader(client: client, country: "US").lookUpContacts([identity], into: &live)
        let stored = try await client.getContact(id: id)
        return DoctorCheck(id: WixReading.phoneFilterE164.rawValue, assumes: "",
                           detail: "a phone entered as national digits is found by \(byE164 ? "its E.164 form" : "")\(byE164 && byNational ? " and " : "")\(byNational ? "its national digits" : "")\(byE164 || byNational ? "" : "neither form")"
                               + "; e164Phone \(stored.info?.phones?.items.first?.e164Phone == nil ? "absent" : "present")",
                           variant: byE164 && !byNational, ok: live.contactIdsByIdentity[identity] == id)
    }

    func emailCase(_ made: Made) async throws -> DoctorCheck {
        let upper = try await query(.object(["info.emails.email": .object(["$eq": .string(email.uppercased())])])).contains(made.contact!)
        let found = try await client.contacts(emails: [email]).contains { $0.id == made.contact }
        return DoctorCheck(id: WixReading.emailCaseSensitive.rawValue, assumes: "",
                           detail: upper ? "the email filter ignores case" : "the email filter compares case (the uppercased address finds nothing)",
                           variant: !upper, ok: found)
    }

    func inLimit(_ made: Made) async throws -> DoctorCheck {
        let others = (1...100).map { "funnel-doctor-\(suffix)-\($0)@example.com" }
        var refused = false
        do {
            _ = try await query(.object(["info.emails.email": .object(["$in": .array(([email] + others).map(JSONValue.string))])]))
        } catch let error as WixError where error.status == 400 {
            refused = true
        }
        let found = try await client.contacts(emails: [email] + others.dropLast()).contains { $0.id == made.contact }
        return DoctorCheck(id: WixReading.inLimit100.rawValue, assumes: "",
                           detail: refused ? "an $in of 101 values was refused (400); 100 work" : "an $in of 101 values was accepted",
                           variant: refused, ok: found)
    }

    func infoReplace(_ made: Made) async throws -> DoctorCheck {
        let id = made.contact!
        try await setBirthdate(id)
        // The question: an update that sends only the name.
        let current = try await client.getContact(id: id)
        _ = try await client.updateContact(id: id, revision: current.revision,
                                           info: ContactInfo(name: ContactInfo.Name(first: "Funnel", last: "Doctor2")))
        let erased = try await client.getContact(id: id).rawInfo?[path: "birthdate"] == nil
        // funnel's way: the whole info as read, only the name changed.
        try await setBirthdate(id)
        let fresh = try await client.getContact(id: id)
        _ = try await client.updateContact(id: id, revision: fresh.revision,
                                           update: ContactWriter.update(["last": "Doctor3"], to: fresh, country: nil))
        let after = try await client.getContact(id: id)
        let kept = after.rawInfo?[path: "birthdate"] == .string("1990-04-01") && after.info?.name?.last == "Doctor3"
        return DoctorCheck(id: WixReading.contactInfoReplace.rawValue, assumes: "",
                           detail: erased ? "an update without birthdate erased it: info is replaced whole" : "an update without birthdate kept it: info is merged",
                           variant: erased, ok: kept)
    }

    func setBirthdate(_ id: String) async throws {
        let contact = try await client.getContact(id: id)
        var update = ContactInfoUpdate(contact)
        update.set("birthdate", .string("1990-04-01"))
        _ = try await client.updateContact(id: id, revision: contact.revision, update: update)
    }
}
