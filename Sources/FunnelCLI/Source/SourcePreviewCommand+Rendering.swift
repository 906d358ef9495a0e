import Foundation
import FunnelConfig
import FunnelCore
import FunnelRender
import FunnelSources

/// Text and JSON views of a source preview.
enum SourcePreviewRendering {
    /// The preview with every email and phone masked (the default in both views).
    static func masked(_ preview: MappedSource) -> MappedSource {
        var preview = preview
        preview.mapped.leads = preview.mapped.leads.map(PersonalData.masked)
        preview.mapped.rejected = preview.mapped.rejected.map(PersonalData.masked)
        preview.mapped.warnings = preview.mapped.warnings.map(PersonalData.masked)
        return preview
    }

    static func text(_ preview: MappedSource, source: SourceSpec, limit: Int) -> String {
        let mapped = preview.mapped
        var lines: [String] = []
        lines.append("Source: \(source.kind.typeName) (key: \(source.key))")
        if let pipeline = preview.pipeline {
            let stages = pipeline.stages.map { $0.kind == .open ? $0.label : "\($0.label) [\($0.kind.rawValue)]" }
            lines.append("Pipeline: \(pipeline.name) — \(stages.joined(separator: " → "))")
        }
        lines.append("")
        for lead in mapped.leads {
            lines.append("\(lead.provenance.record ?? "?")  \(lead.key)  stage \"\(lead.stage)\" → \(lead.target)")
            var contact = ["match \(lead.identity)"]
            let fields: [(String, String?)] = [("first", lead.contact.first), ("last", lead.contact.last), ("email", lead.contact.email),
                                               ("phone", lead.contact.phone), ("company", lead.contact.company), ("jobTitle", lead.contact.jobTitle)]
            for (name, value) in fields where name != lead.identity.kind.rawValue {
                if let value { contact.append("\(name)=\(value)") }
            }
            lines.append("    contact  " + contact.joined(separator: "  "))
            if let labels = lead.contact.labels, !labels.isEmpty { lines.append("    labels   " + LabelList.format(labels)) }
            if let custom = lead.contact.custom, !custom.isEmpty {
                lines.append("    custom   " + custom.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "  "))
            }
            lines.append("    card     \"\(lead.cardName)\"" + (lead.cardDescription.map { " — \($0)" } ?? "")
                         + (lead.cardDue.map { "  due \($0)" } ?? ""))
        }
        if !mapped.rejected.isEmpty {
            lines.append("")
            lines.append("Rejected (\(mapped.rejected.count)):")
            for rejected in mapped.rejected {
                lines.append("  \(rejected.location ?? "?")  \(rejected.key ?? "(no key)"): \(rejected.reason)")
            }
        }
        if !mapped.warnings.isEmpty {
            lines.append("")
            for warning in mapped.warnings { lines.append("\(warning)") }
        }
        lines.append("")
        let more = mapped.recordCount >= limit ? " (stopped at --limit \(limit))" : ""
        lines.append("Read \(mapped.recordCount) record\(mapped.recordCount == 1 ? "" : "s")\(more): \(mapped.leads.count) mapped, \(mapped.rejected.count) rejected.")
        return lines.joined(separator: "\n") + "\n"
    }

    struct Document: Encodable {
        var formatVersion = 1
        var recordsRead: Int
        var limit: Int
        var pipeline: Pipeline?
        var leads: [DesiredLead]
        var rejected: [RejectedRecord]
        var warnings: [Diagnostic]

        struct Pipeline: Encodable { var id: String; var name: String; var stages: [SourceStage] }

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", recordsRead = "records_read", limit, pipeline, leads, rejected, warnings
        }
    }

    static func json(_ preview: MappedSource, limit: Int) -> String {
        let document = Document(recordsRead: preview.mapped.recordCount, limit: limit,
                                pipeline: preview.pipeline.map { Document.Pipeline(id: $0.id, name: $0.name, stages: $0.stages) },
                                leads: preview.mapped.leads, rejected: preview.mapped.rejected, warnings: preview.mapped.warnings)
        let data = (try? JSONEncoderFactory.pretty.encode(document)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
