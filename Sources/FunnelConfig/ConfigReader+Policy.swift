import Foundation
import FunnelCore

/// `policy:` and `version:`.
extension ConfigReader {
    func policy(_ slot: Slot) -> PolicySpec? {
        guard let fields = self.fields(slot, ConfigKeys.policy) else { return nil }
        let defaults = PolicySpec()
        let missing = value(fields.slot("missing"), default: defaults.missing) {
            choice($0, ["archive", "keep"]).flatMap(PolicySpec.Missing.init(rawValue:))
        }
        let drift = value(fields.slot("drift"), default: defaults.drift) {
            choice($0, ["revert", "keep"]).flatMap(PolicySpec.Drift.init(rawValue:))
        }
        let maxArchive = value(fields.slot("max_archive"), default: defaults.maxArchive, limit)
        let deletePhases = value(fields.slot("delete_phases"), default: defaults.deletePhases, boolean)
        guard let missing, let drift, let maxArchive, let deletePhases else { return nil }
        return PolicySpec(missing: missing, drift: drift, maxArchive: maxArchive, deletePhases: deletePhases,
                          maxArchiveLocation: fields.slot("max_archive").flatMap { location($0.node) })
    }

    /// A count (`25`) or a percentage (`"10%"`, 0 to 100).
    private func limit(_ slot: Slot) -> PolicySpec.Limit? {
        let expected = "expected a count such as 25 or a percentage such as 10%"
        switch Self.kind(of: slot.node) {
        case .integer:
            return integer(slot, minimum: 0).map(PolicySpec.Limit.count)
        case .string:
            guard let text = string(slot) else { return nil }
            let number = text.dropLast().trimmingCharacters(in: .whitespaces)
            if text.hasSuffix("%"), number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
               let percent = Double(number), (0...100).contains(percent) {
                return .percent(percent)
            }
            error("\(slot.path): \(expected), found \(shown(text, slot))", at: slot.anchor)
            return nil
        default:
            error("\(slot.path): \(expected), found \(Self.found(slot.node))", at: slot.anchor)
            return nil
        }
    }

    /// `version: 1`, the only version there is.
    func version(_ slot: Slot) -> Int? {
        guard let version = integer(slot) else { return nil }
        guard version == 1 else {
            error("version: unsupported version \(version); this funnel reads version 1", at: slot.anchor)
            return nil
        }
        return version
    }
}
