/// The Wix call a step makes, with every value it sends.
public enum StepOperation: Sendable, Codable, Hashable {
    case createWorkflow(name: String, description: String?)
    case updateWorkflow(workflow: String, name: String, description: String?)
    case createPhase(workflow: IDRef, name: String, position: Int)
    case renamePhase(phase: String, name: String)
    case movePhase(workflow: String, phase: String, position: Int)
    case deletePhase(phase: String)
    /// Find Or Create Label by display name.
    case createLabel(name: String)
    /// Find Or Create Extended Field by display name, with its type.
    case createField(name: String, type: CustomFieldType)
    case createContact(identity: ContactIdentity, fields: DesiredContact)
    case updateContact(contact: String, revision: Int, fields: DesiredContact)
    indirect case createCard(workflow: IDRef, phase: IDRef, contact: IDRef, name: String, description: String?, source: String,
                    recordKey: String, due: String? = nil)
    case moveCard(card: String, phase: IDRef)
    case archiveCard(card: String)
    case restoreCard(card: String, phase: IDRef)
    /// `due`: the card's due date (`YYYY-MM-DD`), nil when `card.due` maps none.
    indirect case updateCard(card: String, name: String, description: String?, contact: IDRef, source: String, due: String? = nil)
}
