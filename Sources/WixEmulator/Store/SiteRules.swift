import Foundation
import FunnelCore

/// The parts of `EmulatorOptions` the site logic needs, in one value passed to every operation.
struct SiteRules: Sendable {
    var limits: EmulatorLimits
    var strictness: EmulatorStrictness
    var pageSizes: EmulatorPageSizes
    var phaseCardsPreview: Int
    var variants: Set<SandboxVariant>

    init(_ options: EmulatorOptions) {
        limits = options.limits
        strictness = options.strictness
        pageSizes = options.pageSizes
        phaseCardsPreview = options.phaseCardsPreview
        variants = options.variants
        if variants.contains(.pageLimit50) {
            pageSizes.cardsMax = min(pageSizes.cardsMax, 50)
            pageSizes.phasesMax = min(pageSizes.phasesMax, 50)
        }
    }

    /// Whether the sandbox plays `variant`.
    func plays(_ variant: SandboxVariant) -> Bool { variants.contains(variant) }

    /// Whether emails compare ignoring case (the documented-enough default; not under `email-case-sensitive`).
    var caseInsensitiveEmails: Bool { !plays(.emailCaseSensitive) }

    /// Whether a page above the maximum is a 400 (always under `page-limit-50`, whose point is the 400).
    var rejectsOversizedPages: Bool { strictness.rejectOversizedPages || plays(.pageLimit50) }

    /// Where an item lands for a 0-based `position` among `count` items: omitted = last,
    /// past the end = clamped (or a 400 when `rejectOutOfRangePositions`), negative = 400.
    func insertionIndex(_ position: Int?, count: Int, field: String) throws(WixError) -> Int {
        guard let position else { return count }
        if position < 0 { throw .invalid(field, "must be at least 0, got \(position)", rule: "MIN") }
        if position > count {
            if strictness.rejectOutOfRangePositions {
                throw .invalid(field, "must be at most \(count), got \(position)", rule: "MAX")
            }
            return count
        }
        return position
    }
}

/// An offset page request after defaults and maximums are applied.
struct PageWindow: Sendable, Equatable {
    var offset: Int
    var limit: Int

    /// Resolves `limit`/`offset`: a missing or 0 limit takes `defaultLimit`, one above `maxLimit` is a 400
    /// (`rejectOversized`) or clamped; negative values are a 400.
    init(limit: Int?, offset: Int?, defaultLimit: Int, maxLimit: Int, rejectOversized: Bool,
         limitField: String = "limit", offsetField: String = "offset") throws(WixError) {
        let offset = offset ?? 0
        if offset < 0 { throw .invalid(offsetField, "must be at least 0, got \(offset)", rule: "MIN") }
        var limit = limit ?? 0
        if limit < 0 { throw .invalid(limitField, "must be at least 0, got \(limit)", rule: "MIN") }
        if limit == 0 { limit = defaultLimit }
        if limit > maxLimit {
            if rejectOversized { throw .invalid(limitField, "must be at most \(maxLimit), got \(limit)", rule: "MAX") }
            limit = maxLimit
        }
        self.offset = offset
        self.limit = limit
    }

    /// The slice of `0..<total` this window covers.
    func range(total: Int) -> Range<Int> {
        let start = min(offset, total)
        return start..<min(total, start + limit)
    }
}

/// A `field:asc|desc` sort request (Workflows v1), or `fieldName` + `ASC|DESC` (Contacts v4).
struct SortKey: Sendable, Equatable {
    var field: String
    var descending: Bool

    /// Parses repeated or comma-joined `sort` query values; rejects fields outside `allowed`.
    static func parse(_ values: [String], allowed: Set<String>) throws(WixError) -> [SortKey] {
        var keys: [SortKey] = []
        for value in values.flatMap({ $0.split(separator: ",") }) {
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            let field = parts[0].trimmingCharacters(in: .whitespaces)
            guard allowed.contains(field) else {
                throw .invalid("sort", "cannot sort by \"\(field)\"; sortable: \(allowed.sorted().joined(separator: ", "))",
                               rule: "FORMAT")
            }
            let order = parts.count > 1 ? parts[1].lowercased() : "asc"
            guard order == "asc" || order == "desc" else {
                throw .invalid("sort", "order must be asc or desc, got \"\(parts[1])\"", rule: "FORMAT")
            }
            keys.append(SortKey(field: field, descending: order == "desc"))
        }
        return keys
    }

    /// Orders two rows by these keys (lexicographic, case-sensitive, as Wix documents); `nil` when equal.
    static func compare(_ keys: [SortKey], _ lhs: (String) -> String, _ rhs: (String) -> String) -> Bool? {
        for key in keys {
            let left = lhs(key.field), right = rhs(key.field)
            if left != right { return key.descending ? left > right : left < right }
        }
        return nil
    }
}
