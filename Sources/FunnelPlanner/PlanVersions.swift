import FunnelCore

/// How a live object's version is written into a saved plan; apply recomputes it to detect change.
public enum PlanVersions {
    public static func workflow(_ workflow: LiveWorkflow) -> String {
        "name=\(workflow.name);description=\(workflow.description ?? "")"
    }

    public static func phase(name: String, position: Int) -> String { "name=\(name);position=\(position)" }

    public static func card(_ card: LiveCard) -> String {
        let place = card.archived ? "archived" : (card.phaseId ?? "")
        return "updated=\(card.updatedDate ?? "");phase=\(place);name=\(card.name)"
    }

    public static func contact(_ contact: LiveContact) -> String { "revision=\(contact.revision)" }
}
