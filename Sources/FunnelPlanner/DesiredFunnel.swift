import Foundation
public import FunnelCore

/// Everything the config and the source say Wix should hold: the planner's first input.
public struct DesiredFunnel: Sendable {
    public var workflowName: String
    public var workflowDescription: String?
    /// `workflow.id`, when the user pinned one.
    public var pinnedWorkflowId: String?
    public var phases: [DesiredPhase]
    /// `card.source`: the cards funnel owns.
    public var cardSource: String
    public var leads: [DesiredLead]
    public var rejected: [RejectedRecord]
    public var recordCount: Int
    /// `.all` plans the whole workflow; `.records(keys)` only those records (a webhook's incremental
    /// reconcile): no other card is treated as missing and phases are not removed.
    public var scope: Scope
    /// `contact.custom`: the custom fields the contacts carry, in the order written.
    public var customFields: [CustomFieldDefinition] = []
    /// `contact.update`: field (built-in or custom display name) → who owns it; absent = `always`.
    public var updateRules: [String: UpdateRule] = [:]

    public enum Scope: Sendable, Hashable {
        case all
        case records(Set<String>)
    }

    public init(workflowName: String, workflowDescription: String? = nil, pinnedWorkflowId: String? = nil,
                phases: [DesiredPhase], cardSource: String, leads: [DesiredLead], rejected: [RejectedRecord] = [],
                recordCount: Int? = nil, scope: Scope = .all) {
        self.workflowName = workflowName; self.workflowDescription = workflowDescription
        self.pinnedWorkflowId = pinnedWorkflowId; self.phases = phases; self.cardSource = cardSource
        self.leads = leads; self.rejected = rejected; self.recordCount = recordCount ?? (leads.count + rejected.count)
        self.scope = scope
    }
}
