import Foundation

extension FunnelConfiguration {
    /// The one line `funnel validate` prints for a valid file:
    /// `funnel.yaml is valid: 5 phases, csv source (leads.csv), sandbox.`
    /// `displayPath` is the config path as the user gave it.
    public func validSummary(displayPath: String) -> String {
        let phases: String
        switch workflow.phases {
        case .list(let list): phases = list.count == 1 ? "1 phase" : "\(list.count) phases"
        case .fromSource: phases = "phases mirrored from the source"
        }
        let target: String
        switch wix.target {
        case .sandbox: target = "sandbox"
        case .site: target = "Wix site"
        }
        return "\(displayPath) is valid: \(phases), \(source.kind.typeName) source (\(sourceLabel)), \(target)."
    }

    /// `leads.csv` (relative to the config), a URL's host, or a CRM pipeline.
    private var sourceLabel: String {
        let directory = (path as NSString).deletingLastPathComponent + "/"
        func relative(_ file: String) -> String { file.hasPrefix(directory) ? String(file.dropFirst(directory.count)) : file }
        switch source.kind {
        case .csv(let csv): return relative(csv.path)
        case .json(let json): return relative(json.path)
        case .ndjson(let ndjson): return relative(ndjson.path)
        case .http(let http): return URL(string: http.url)?.host ?? http.url
        case .hubspot, .pipedrive: return "pipeline \(source.pipeline ?? "default")"
        }
    }
}
