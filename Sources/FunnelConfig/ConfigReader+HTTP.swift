import FunnelCore

/// `source: { type: http, … }` — any paginated JSON API.
extension ConfigReader {
    func http(_ fields: Fields) -> HTTPSource? {
        let url = fields.slot("url").flatMap(self.url)
        var failed = false
        var headers: [String: Secret] = [:]
        if let headersSlot = fields.slot("headers") {
            if let entries = stringMap(headersSlot) {
                for entry in entries {
                    if let value = headerValue(entry.value, name: entry.key) { headers[entry.key] = value } else { failed = true }
                }
            } else { failed = true }
        }
        let records = fields.slot("records").map(jsonPointer)
        let pagination = value(fields.slot("pagination"), default: HTTPSource.Pagination.none, self.pagination)
        let timeout = value(fields.slot("timeout"), default: 30, positiveNumber)
        let maxPages = value(fields.slot("max_pages"), default: 1000) { integer($0, minimum: 1) }
        guard let url, !failed, let pagination, let timeout, let maxPages, !(records.map { $0 == nil } ?? false) else { return nil }
        return HTTPSource(url: url, headers: headers, recordsPointer: records ?? nil, pagination: pagination,
                          timeoutSeconds: timeout, maxPages: maxPages)
    }

    private func pagination(_ slot: Slot) -> HTTPSource.Pagination? {
        guard let picked = discriminated(slot, ConfigKeys.paginationByType), let fields = self.fields(slot, picked.table) else {
            return nil
        }
        switch picked.type {
        case "next_link":
            return fields.slot("pointer").flatMap(jsonPointer).map { .nextLink(pointer: $0) }
        case "cursor":
            let pointer = fields.slot("pointer").flatMap(jsonPointer)
            let parameter = fields.slot("param").flatMap(nonEmptyString)
            guard let pointer, let parameter else { return nil }
            return .cursor(pointer: pointer, parameter: parameter)
        case "offset":
            let offset = value(fields.slot("offset_param"), default: "offset", nonEmptyString)
            let limitParameter = value(fields.slot("limit_param"), default: "limit", nonEmptyString)
            let limit = value(fields.slot("limit"), default: 100) { integer($0, minimum: 1) }
            guard let offset, let limitParameter, let limit else { return nil }
            return .offset(offsetParameter: offset, limitParameter: limitParameter, limit: limit)
        default:
            return .linkHeader
        }
    }
}
