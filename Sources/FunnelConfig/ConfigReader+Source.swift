import FunnelCore
import Yams

/// `source:` — one of six types, each with its own keys.
extension ConfigReader {
    static let sourceTypes = ConfigKeys.sourceByType.map(\.type)

    struct ReadStage {
        var spec: StageSpec
        var labelNode: Node
    }

    struct ReadSource {
        var spec: SourceSpec
        var stages: [ReadStage]?
    }

    func source(_ slot: Slot) -> ReadSource? {
        guard let picked = discriminated(slot, ConfigKeys.sourceByType), let fields = self.fields(slot, picked.table) else { return nil }
        let type = picked.type
        let isCRM = type == "hubspot" || type == "pipedrive"
        let key = fields.slot("key").flatMap(nonEmptyString) ?? (isCRM && !fields.has("key") ? "id" : nil)
        let stages = fields.slot("stages").flatMap(stageList)
        let pipeline = fields.slot("pipeline").flatMap(textOrNumber)
        let kind: SourceSpec.Kind?
        switch type {
        case "csv": kind = csv(fields).map(SourceSpec.Kind.csv)
        case "json":
            let path = fields.slot("path").flatMap(self.path)
            let records = fields.slot("records").flatMap(jsonPointer)
            kind = path.map { .json(JSONFileSource(path: $0, recordsPointer: records)) }
        case "ndjson": kind = fields.slot("path").flatMap(self.path).map { .ndjson(NDJSONSource(path: $0)) }
        case "http": kind = http(fields).map(SourceSpec.Kind.http)
        case "hubspot":
            let token = fields.slot("token").flatMap { secret($0, example: "token: ${HUBSPOT_TOKEN}", variable: "HUBSPOT_TOKEN") }
            let baseURL = fields.slot("base_url").flatMap(self.url)
            let properties = fields.slot("properties").flatMap(stringList) ?? []
            kind = token.map { .hubspot(HubSpotSource(token: $0, baseURL: baseURL, properties: properties)) }
        default:
            let token = fields.slot("token").flatMap { secret($0, example: "token: ${PIPEDRIVE_API_TOKEN}", variable: "PIPEDRIVE_API_TOKEN") }
            let baseURL = fields.slot("base_url").flatMap(self.url)
            kind = token.map { .pipedrive(PipedriveSource(token: $0, baseURL: baseURL)) }
        }
        guard let key, let kind, !(fields.has("stages") && stages == nil) else { return nil }
        return ReadSource(spec: SourceSpec(key: key, kind: kind, stages: stages?.map(\.spec), pipeline: pipeline,
                                           location: location(fields.anchor)),
                          stages: stages)
    }

    /// Reads `type:` first to pick the key table of a mapping whose keys depend on it.
    func discriminated(_ slot: Slot, _ tables: [(type: String, table: ConfigKeyTable)]) -> (type: String, table: ConfigKeyTable)? {
        guard case .mapping(let mapping) = slot.node else {
            typeMismatch(slot, expected: "a mapping")
            return nil
        }
        guard let typeNode = mapping.first(where: { $0.key.scalar?.string == "type" })?.value else {
            error("missing required key \"type\" \(Self.describe(slot.path))", at: slot.head)
            return nil
        }
        let typeSlot = Slot(node: typeNode, path: Self.join(slot.path, "type"))
        guard let type = choice(typeSlot, tables.map(\.type)),
              let table = tables.first(where: { $0.type == type })?.table else { return nil }
        return (type, table)
    }

    /// A string or an integer, as text (pipeline and stage ids are often numbers).
    func textOrNumber(_ slot: Slot) -> String? {
        if Self.kind(of: slot.node) == .integer { return slot.node.scalar?.string }
        guard Self.kind(of: slot.node) == .string else {
            typeMismatch(slot, expected: "a string or an integer")
            return nil
        }
        return nonEmptyString(slot)
    }

    private func csv(_ fields: Fields) -> CSVSource? {
        let path = fields.slot("path").flatMap(self.path)
        let delimiter = value(fields.slot("delimiter"), default: Character(",")) { slot in
            string(slot).flatMap { text in
                guard text.count == 1, let character = text.first else {
                    error("\(slot.path): expected one character such as \",\" or \";\", found \(shown(text, slot))", at: slot.anchor)
                    return nil
                }
                return character
            }
        }
        let columns = value(fields.slot("columns"), default: [], stringList)
        guard let path, let delimiter, let columns else { return nil }
        return CSVSource(path: path, delimiter: delimiter, requiredColumns: columns)
    }

    private func stageList(_ slot: Slot) -> [ReadStage]? {
        guard let items = self.items(slot) else { return nil }
        var stages: [ReadStage] = []
        var failed = false
        var firstByID: [String: Node] = [:]
        for (index, item) in items.enumerated() {
            guard let fields = self.fields(item, ConfigKeys.stage), let idSlot = fields.slot("id"), let id = textOrNumber(idSlot) else {
                failed = true; continue
            }
            let label = value(fields.slot("label"), default: id, nonEmptyString)
            let order = value(fields.slot("order"), default: index) { integer($0) }
            let kind = value(fields.slot("kind"), default: "open") { choice($0, ["open", "won", "lost"]) }
            if let first = firstByID[id] {
                error("duplicate stage id \"\(id)\" in \(slot.path)\(Self.firstAt(first, from: idSlot.anchor))", at: idSlot.anchor)
                failed = true
            }
            firstByID[id] = firstByID[id] ?? idSlot.anchor
            guard let label, let order, let kind, let stageKind = StageSpec.Kind(rawValue: kind) else { failed = true; continue }
            stages.append(ReadStage(spec: StageSpec(id: id, label: label, order: order, kind: stageKind, location: location(idSlot.anchor)),
                                    labelNode: fields.slot("label")?.anchor ?? idSlot.anchor))
        }
        return failed ? nil : stages
    }
}
