import FunnelConfig
public import FunnelCore

extension RecordMapper {
    /// Maps every record and runs the checks that need all of them. Never stops at a bad record:
    /// - a key seen before: the later record is rejected (`duplicate key`);
    /// - two records for one contact in active phases (Wix allows one active card per contact per
    ///   workflow): the later one is rejected and names the first, so the first keeps its card
    ///   instead of both cards looking deleted;
    /// - a field a template reads that no record has: a warning at the template's config line.
    /// A source error (a malformed file, a failed page) is thrown: a partial read must not plan.
    public func mapAll(_ records: some AsyncSequence<SourceRecord, any Error>) async throws -> MappedRecords {
        var leads: [DesiredLead] = []
        var rejected: [RejectedRecord] = []
        var firstLocationOfKey: [String: String] = [:]
        var activeClaims: [ContactIdentity: Int] = [:]
        var unseenPaths = Set(templates.flatMap(\.referencedPaths))
        var digest = SnapshotDigest()
        var count = 0
        for try await record in records {
            count += 1
            digest.add(record)
            if !unseenPaths.isEmpty {
                unseenPaths = unseenPaths.filter { path in record[path].map { $0 == .null } ?? true }
            }
            if let key = record.key {
                if let first = firstLocationOfKey[key] {
                    rejected.append(RejectedRecord(key: key, reason: "duplicate key \"\(key)\" (first at \(first))", location: record.location))
                    continue
                }
                firstLocationOfKey[key] = record.location
            }
            switch map(record) {
            case .failure(let rejection):
                rejected.append(rejection)
            case .success(let lead):
                if case .phase = lead.target {
                    if let first = activeClaims[lead.identity] {
                        let other = leads[first]
                        rejected.append(RejectedRecord(
                            key: lead.key,
                            reason: "contact \(lead.identity.value) already has an active card from record \"\(other.key)\" (\(other.provenance.record ?? "")); Wix allows one active card per contact",
                            location: record.location))
                        continue
                    }
                    activeClaims[lead.identity] = leads.count
                }
                leads.append(lead)
            }
        }
        var warnings = self.warnings
        if count > 0 {
            for template in templates {
                for path in template.referencedPaths.sorted() where unseenPaths.contains(path) {
                    warnings.append(.warning("no record has the field \"\(path)\" (used in \"\(template.text)\")", at: template.location))
                }
            }
        }
        return MappedRecords(leads: leads, rejected: rejected, warnings: warnings, snapshotDigest: digest.finish(), recordCount: count)
    }
}
