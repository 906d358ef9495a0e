/// A site's entities of one kind by id, remembering which ids were set since the last
/// `takeChanges()`: the data file then writes only the entities a request touched, so a write
/// costs the same on a site of ten cards or of five thousand.
///
/// Reads and in-place mutations (`cards[id]!.phaseId = …`) go through the same subscript as a
/// dictionary's, so the site operations are written as if it were one.
struct TrackedTable<Value: Sendable>: Sendable {
    private(set) var rows: [String: Value]
    private var changed: Set<String> = []

    init(_ rows: [String: Value] = [:]) { self.rows = rows }

    subscript(id: String) -> Value? {
        get { rows[id] }
        set {
            changed.insert(id)
            rows[id] = newValue
        }
        _modify {
            changed.insert(id)
            yield &rows[id]
        }
    }

    var values: Dictionary<String, Value>.Values { rows.values }
    var keys: Dictionary<String, Value>.Keys { rows.keys }
    var count: Int { rows.count }

    /// The ids set (added, changed or removed) since the last call.
    mutating func takeChanges() -> Set<String> {
        defer { changed = [] }
        return changed
    }
}

extension TrackedTable: Codable where Value: Codable {
    // Encoded as the plain object it replaced, so the JSON data file format is unchanged.
    init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: Value].self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rows)
    }
}
