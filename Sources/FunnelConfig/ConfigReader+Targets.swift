import FunnelCore
import Yams

/// Stage-map targets: a phase name, `$win` or `$archive`.
extension ConfigReader {
    /// A target as written, checked against the phases once they are all known.
    struct TargetUse {
        var text: String
        var node: Node
        var path: String
    }

    static let specialTargets = ["$win", "$archive"]

    /// Reads a target; a `$` word other than `$win`/`$archive` is reported now, phase names later.
    func target(_ slot: Slot) -> TargetRef? {
        guard let text = nonEmptyString(slot) else { return nil }
        if text.hasPrefix("$"), !Self.specialTargets.contains(text) {
            let hint = Suggestion.closest(to: text, among: Self.specialTargets).map { " (did you mean \"\($0)\"?)" } ?? ""
            error("\(slot.path): unknown target \"\(text)\"; expected a phase name, $win or $archive\(hint)", at: slot.anchor)
            return nil
        }
        targetUses.append(TargetUse(text: text, node: slot.anchor, path: slot.path))
        return TargetRef(text)
    }

    /// Reports every phase-name target that is not in `phaseNames`.
    func checkTargets(_ uses: [TargetUse], against phaseNames: [String], context: String) {
        for use in uses where !Self.specialTargets.contains(use.text) && !phaseNames.contains(use.text) {
            let hint = Suggestion.closest(to: use.text, among: phaseNames + Self.specialTargets).map { " (did you mean \"\($0)\"?)" } ?? ""
            error("\(use.path): \"\(use.text)\" is not a phase of \(context), $win or $archive\(hint)", at: use.node)
        }
    }
}
