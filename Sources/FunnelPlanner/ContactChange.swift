import FunnelCore

/// One contact's field changes as the planner gathers them: what moves, what a person's value keeps
/// (drift), what an update rule holds back (a note).
struct ContactChange {
    var before: [String: String] = [:]
    var after: [String: String] = [:]
    var kept: [String] = []
    var heldBack: [(field: String, rule: UpdateRule)] = []

    /// Whether `field` changes to `wanted`. `always` writes over an empty value or the one funnel wrote
    /// last (`mine`), and keeps a value a person set; `fill_empty` writes only over an empty value;
    /// `never` never writes an existing contact.
    mutating func consider(_ field: String, wanted: String, current: String, mine: String?, rule: UpdateRule?) -> Bool {
        if current == wanted { return false }
        switch rule ?? .always {
        case .never:
            heldBack.append((field, .never))
            return false
        case .fillEmpty where !current.isEmpty:
            heldBack.append((field, .fillEmpty))
            return false
        case .fillEmpty, .always:
            guard current.isEmpty || current == mine else {
                kept.append(field)
                return false
            }
            before[field] = current
            after[field] = wanted
            return true
        }
    }
}
