/// Workflows v1 `pagination`: `{offset, limit, total, count}`.
struct Pagination: Sendable, Decodable {
    var offset: Int?
    var limit: Int?
    var total: Int?
    var count: Int?
}

/// Contacts v4 `pagingMetadata`: `{count, offset, total, tooManyToCount}`.
struct PagingMetadata: Sendable, Decodable {
    var count: Int?
    var offset: Int?
    var total: Int?
    var tooManyToCount: Bool?
    var hasNext: Bool?
}
