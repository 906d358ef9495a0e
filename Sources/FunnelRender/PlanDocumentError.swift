public import Foundation

/// Why a saved plan could not be read. The description says what was found and what to do.
public enum PlanDocumentError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The bytes are not a JSON object.
    case notJSON(detail: String)
    /// A JSON object without `format_version`: not a plan document.
    case notAPlan
    /// Written by another funnel version in a format this one does not read.
    case unsupportedFormatVersion(found: Int, supported: [Int])
    /// A field is missing or has the wrong type (`path` like `steps[3].operation.phase`).
    case invalid(path: String, message: String)
    /// Emails and phones were masked when it was written (`--json` without `--show-personal-data`).
    case personalDataMasked

    public var description: String {
        switch self {
        case .notJSON(let detail):
            return "the plan file is not JSON (\(detail)); save a plan with `funnel plan --out FILE`"
        case .notAPlan:
            return "the file is not a funnel plan: it has no `format_version`; save a plan with `funnel plan --out FILE`"
        case .unsupportedFormatVersion(let found, let supported):
            let known = supported.map(String.init).joined(separator: ", ")
            return "the plan has format_version \(found), but this funnel reads format_version \(known); "
                + "make the plan again with `funnel plan --out FILE` using this funnel, or use the funnel version that wrote it"
        case .invalid(let path, let message):
            return "the plan file is invalid at \(path): \(message)"
        case .personalDataMasked:
            return "the plan was saved with emails and phone numbers masked, so it cannot be applied; "
                + "save plans for apply with `funnel plan --out FILE`"
        }
    }

    public var errorDescription: String? { description }
}
