import FunnelCore
import Yams

/// The whole document: every section, then the checks that span sections.
extension ConfigReader {
    func configuration(root: Node?, digest: String) -> FunnelConfiguration? {
        guard let root else {
            error("the file is empty; run `funnel init` for a commented starter funnel.yaml",
                  at: SourceLocation(file: file, line: 1, column: 1))
            return nil
        }
        guard let fields = self.fields(Slot(node: root, path: ""), ConfigKeys.root) else { return nil }
        let version = fields.slot("version").flatMap(self.version)
        let wix = fields.slot("wix").flatMap(self.wixSettings)
        let workflow = fields.slot("workflow").flatMap(self.workflow)
        let source = fields.slot("source").flatMap(self.source)
        let contact = fields.slot("contact").flatMap(self.contact)
        let card = fields.slot("card").flatMap(self.card)
        let state = value(fields.slot("state"), default: StateLocation.sqlite(path: resolve(".funnel/state.db")),
                          self.stateLocation)
        let policy = value(fields.slot("policy"), default: PolicySpec(), self.policy)
        checkAcrossSections(workflow: workflow, source: source, card: card)
        guard let version, let wix, let workflow, let source, let contact, let card, let state, let policy,
              !hasErrors else { return nil }
        return FunnelConfiguration(path: absolutePath, digest: digest, version: version, wix: wix, workflow: workflow.spec,
                                   source: source.spec, contact: contact, card: card.spec, state: state, policy: policy)
    }

    /// Stage-map targets against the phases, `card.phase.map` for listed phases, and a mirror's stages.
    private func checkAcrossSections(workflow: ReadWorkflow?, source: ReadSource?, card: ReadCard?) {
        guard let workflow else { return }
        guard let mirror = workflow.mirror else {
            if !workflow.phases.isEmpty { // an empty list is reported already; every target would be noise
                checkTargets(targetUses, against: workflow.phases.map(\.spec.name), context: "workflow.phases")
            }
            if let card, !card.hasMap {
                error("missing required key \"map\" in card.phase (required when workflow.phases is a list)", at: card.phaseAnchor)
            }
            return
        }
        guard let source else { return }
        let type = source.spec.kind.typeName
        guard type != "hubspot", type != "pipedrive" else { return } // their stages are read from the CRM
        guard let stages = source.stages else {
            error("workflow.phases: from: source needs source.stages for a \(type) source", at: mirror.fromKey)
            return
        }
        let phases = mirroredPhases(mirror, stages: stages)
        checkPhases(phases, path: "workflow.phases (mirrored from source.stages)", at: mirror.fromKey)
        checkTargets(targetUses, against: phases.map(\.spec.name), context: "the phases mirrored from source.stages")
    }
}
