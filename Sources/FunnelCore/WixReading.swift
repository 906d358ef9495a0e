import Foundation

/// A reading of the Wix docs other than the documented one (wix-api.md §7, DESIGN.md §6a): the
/// sandbox plays it on request (`SandboxVariant`), `funnel doctor --write` tells whether a site
/// follows it. The raw values are a public contract: `funnel sandbox serve --variant ID`,
/// `/_sandbox/stats` and the check ids of `funnel doctor --json`. Only the ids live here; what each
/// reading does is the sandbox's business, and what funnel does about it the client's.
public enum WixReading: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// List Cards and List Phases reject a `limit` above 50 with a 400.
    case pageLimit50 = "page-limit-50"
    /// Query Contacts rejects an `$in` list of more than 100 values with a 400.
    case inLimit100 = "in-limit-100"
    /// The phone filter compares `e164Phone` only; `phone` is kept as entered.
    case phoneFilterE164 = "phone-filter-e164"
    /// Update Contact replaces `info` whole: an omitted sub-object (birthdate, addresses, picture…) is erased.
    case contactInfoReplace = "contact-info-replace"
    /// Empty lists and objects are left out of responses (proto3 JSON), e.g. a new workflow's `phasesList`.
    case omitEmptyCollections = "omit-empty-collections"
    /// Move Phase's `newPosition` counts positions before the phase is taken out.
    case movePhaseBeforeRemoval = "move-phase-before-removal"
    /// Get Card on an archived card answers 404 instead of `200 {}`.
    case archivedCard404 = "archived-card-404"
    /// The email filter and the duplicate check compare emails case-sensitively.
    case emailCaseSensitive = "email-case-sensitive"
    /// Find Or Create Label / Extended Field match an existing display name ignoring case.
    case definitionNameCaseInsensitive = "definition-name-case-insensitive"
    /// A `DATE` extended field is read back as a timestamp (`YYYY-MM-DDT00:00:00.000Z`), not as sent.
    case dateFieldTimestamp = "date-field-timestamp"
    /// Update Contact merges `info.extendedFields` key by key: an omitted key is kept, `null` or `""` clears it.
    case extendedFieldsMerge = "extended-fields-merge"
    /// A card's `dueDate` is read back with milliseconds (`…T00:00:00.000Z`), not in proto3's shortest form.
    case dueDateMillis = "due-date-millis"

    /// What the variant changes, one line (for `--help` and docs).
    public var summary: String {
        switch self {
        case .pageLimit50: "List Cards / List Phases reject limit > 50 (400)"
        case .inLimit100: "Query Contacts rejects $in lists of more than 100 values (400)"
        case .phoneFilterE164: "the phone filter matches info.phones.e164Phone only; phone stays as entered"
        case .contactInfoReplace: "Update Contact replaces info whole; omitted sub-objects are erased"
        case .omitEmptyCollections: "empty lists and objects are left out of responses"
        case .movePhaseBeforeRemoval: "Move Phase's newPosition counts before the phase is taken out"
        case .archivedCard404: "Get Card on an archived card answers 404"
        case .emailCaseSensitive: "email filters and duplicate checks are case-sensitive"
        case .definitionNameCaseInsensitive: "find-or-create of labels and custom fields matches display names ignoring case"
        case .dateFieldTimestamp: "DATE custom field values are read back as YYYY-MM-DDT00:00:00.000Z"
        case .extendedFieldsMerge: "Update Contact merges extendedFields; an omitted key is kept, null or \"\" clears it"
        case .dueDateMillis: "a card's dueDate is read back with milliseconds"
        }
    }

    /// Parses `ID[,ID…]` or `all`; an unknown id is an error naming the known ones.
    public static func parse(_ text: String) throws(VariantError) -> Set<WixReading> {
        var variants: Set<WixReading> = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            if part == "all" {
                variants.formUnion(allCases)
            } else if let variant = WixReading(rawValue: part) {
                variants.insert(variant)
            } else {
                throw VariantError(unknown: part)
            }
        }
        return variants
    }

    public static func < (lhs: WixReading, rhs: WixReading) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An id that names no `WixReading`.
public struct VariantError: Error, Sendable, CustomStringConvertible {
    public var unknown: String
    public var description: String {
        "unknown sandbox variant \"\(unknown)\"; expected all or one of: "
            + WixReading.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
