public enum StepAction: String, Sendable, Codable, Hashable {
    case createWorkflow = "create_workflow"
    case updateWorkflow = "update_workflow"
    case createPhase = "create_phase"
    case renamePhase = "rename_phase"
    case movePhase = "move_phase"
    case deletePhase = "delete_phase"
    case createLabel = "create_label"
    case createField = "create_field"
    case createContact = "create_contact"
    case updateContact = "update_contact"
    case createCard = "create_card"
    case moveCard = "move_card"
    case winCard = "win_card"
    case archiveCard = "archive_card"
    case restoreCard = "restore_card"
    case updateCard = "update_card"

    public enum Kind: Sendable { case create, move, update, archive, delete }

    /// How the summary line counts it (a restore brings a card back: a move).
    public var kind: Kind {
        switch self {
        case .createWorkflow, .createPhase, .createLabel, .createField, .createContact, .createCard: .create
        case .movePhase, .moveCard, .winCard, .restoreCard: .move
        case .updateWorkflow, .renamePhase, .updateContact, .updateCard: .update
        case .archiveCard: .archive
        case .deletePhase: .delete
        }
    }

    /// Terraform-like symbol: `+` create, `~` update, `->` move, `-` archive/delete.
    public var symbol: String {
        switch kind {
        case .create: "+"
        case .update: "~"
        case .move: "->"
        case .archive, .delete: "-"
        }
    }
}
