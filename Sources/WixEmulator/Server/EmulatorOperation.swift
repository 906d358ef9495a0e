/// Every operation the sandbox serves, named as in the Wix REST reference. Stats count by these names.
public enum EmulatorOperation: String, Sendable, CaseIterable, Codable {
    case createWorkflow = "CreateWorkflow", listWorkflows = "ListWorkflows", getWorkflow = "GetWorkflow"
    case updateWorkflow = "UpdateWorkflow", deleteWorkflow = "DeleteWorkflow"
    case createPhase = "CreatePhase", listPhases = "ListPhases", getPhase = "GetPhase"
    case updatePhase = "UpdatePhase", movePhase = "MovePhase", deletePhase = "DeletePhase"
    case createCard = "CreateCard", getCard = "GetCard", listCards = "ListCards", updateCard = "UpdateCard"
    case moveCard = "MoveCard", archiveCard = "ArchiveCard", restoreCard = "RestoreCard", deleteCard = "DeleteCard"
    case createContact = "CreateContact", getContact = "GetContact", listContacts = "ListContacts"
    case queryContacts = "QueryContacts", updateContact = "UpdateContact", deleteContact = "DeleteContact"
    case labelContact = "LabelContact", unlabelContact = "UnlabelContact"
    case findOrCreateLabel = "FindOrCreateLabel", listLabels = "ListLabels", queryLabels = "QueryLabels"
    case getLabel = "GetLabel", updateLabel = "UpdateLabel", deleteLabel = "DeleteLabel"
    case findOrCreateExtendedField = "FindOrCreateExtendedField", listExtendedFields = "ListExtendedFields"
    case queryExtendedFields = "QueryExtendedFields", getExtendedField = "GetExtendedField"
    case updateExtendedField = "UpdateExtendedField", deleteExtendedField = "DeleteExtendedField"
    case createAccessToken = "CreateAccessToken"
    /// A request no route matched.
    case unmatched = "Unmatched"

    /// Method and path template under the API prefix.
    var endpoint: (method: String, path: String)? {
        switch self {
        case .createWorkflow: ("POST", "/workflows")
        case .listWorkflows: ("GET", "/workflows")
        case .getWorkflow: ("GET", "/workflows/{workflowId}")
        case .updateWorkflow: ("PATCH", "/workflows/{workflowId}")
        case .deleteWorkflow: ("DELETE", "/workflows/{workflowId}")
        case .createPhase: ("POST", "/workflows/{workflowId}/phases")
        case .listPhases: ("GET", "/workflows/{workflowId}/phases")
        case .getPhase: ("GET", "/phases/{phaseId}")
        case .updatePhase: ("PATCH", "/phases/{phaseId}")
        case .movePhase: ("POST", "/workflows/{workflowId}/phases/{phaseId}/move")
        case .deletePhase: ("DELETE", "/phases/{phaseId}")
        case .createCard: ("POST", "/workflows/{workflowId}/phases/{phaseId}/cards")
        case .getCard: ("GET", "/cards/{cardId}")
        case .listCards: ("GET", "/workflows/{workflowId}/cards")
        case .updateCard: ("PATCH", "/cards/{cardId}")
        case .moveCard: ("POST", "/cards/{cardId}/move")
        case .archiveCard: ("POST", "/cards/{cardId}/archive")
        case .restoreCard: ("POST", "/cards/{cardId}/restore")
        case .deleteCard: ("DELETE", "/cards/{cardId}")
        case .createContact: ("POST", "/contacts")
        case .getContact: ("GET", "/contacts/{contactId}")
        case .listContacts: ("GET", "/contacts")
        case .queryContacts: ("POST", "/contacts/query")
        case .updateContact: ("PATCH", "/contacts/{contactId}")
        case .deleteContact: ("DELETE", "/contacts/{contactId}")
        case .labelContact: ("POST", "/contacts/{contactId}/labels")
        case .unlabelContact: ("DELETE", "/contacts/{contactId}/labels")
        case .findOrCreateLabel: ("POST", "/labels")
        case .listLabels: ("GET", "/labels")
        case .queryLabels: ("POST", "/labels/query")
        case .getLabel: ("GET", "/labels/{key}")
        case .updateLabel: ("PATCH", "/labels/{key}")
        case .deleteLabel: ("DELETE", "/labels/{key}")
        case .findOrCreateExtendedField: ("POST", "/extended-fields")
        case .listExtendedFields: ("GET", "/extended-fields")
        case .queryExtendedFields: ("POST", "/extended-fields/query")
        case .getExtendedField: ("GET", "/extended-fields/{key}")
        case .updateExtendedField: ("PATCH", "/extended-fields/{key}")
        case .deleteExtendedField: ("DELETE", "/extended-fields/{key}")
        case .createAccessToken: ("POST", "/oauth2/token")
        case .unmatched: nil
        }
    }

    /// The API prefixes the operation is served under.
    var prefixes: [String] {
        switch self {
        case .createContact, .getContact, .listContacts, .queryContacts, .updateContact, .deleteContact,
             .labelContact, .unlabelContact, .findOrCreateLabel, .listLabels, .queryLabels, .getLabel, .updateLabel,
             .deleteLabel, .findOrCreateExtendedField, .listExtendedFields, .queryExtendedFields, .getExtendedField,
             .updateExtendedField, .deleteExtendedField:
            ["/contacts/v4"]
        case .createAccessToken: [""]
        case .unmatched: []
        default: ["/workflows/v1", "/workflows/api/v1"]
        }
    }

    /// Whether the operation changes state (the only ones "commit then fail" applies to).
    var isWrite: Bool {
        switch self {
        case .listWorkflows, .getWorkflow, .listPhases, .getPhase, .getCard, .listCards, .getContact, .listContacts,
             .queryContacts, .listLabels, .queryLabels, .getLabel, .listExtendedFields, .queryExtendedFields,
             .getExtendedField, .createAccessToken, .unmatched:
            false
        default: true
        }
    }
}
