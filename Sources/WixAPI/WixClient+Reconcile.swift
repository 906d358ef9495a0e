extension WixClient {
    /// Runs a write that is safe to repeat. If it fails after an attempt that may have been applied
    /// (`outcomeUnknown`), `applied` looks at Wix: when the object already is as the write wanted,
    /// its answer is the result; otherwise the error stands.
    ///
    /// This is what makes a retried restore, delete or contact update honest: the retry of a write
    /// that did land meets "not archived", 404 or a stale revision, which is success in disguise.
    func reconciling<T>(
        _ write: () async throws -> T, applied: (WixError) async throws -> T?
    ) async throws -> T {
        do {
            return try await write()
        } catch let error as WixError where error.outcomeUnknown && error.status.map({ (400..<500).contains($0) }) == true {
            if let result = try await applied(error) { return result }
            throw error
        }
    }

    /// `reconciling` for deletes: a 404 after an ambiguous attempt means the first one deleted it.
    func deleting(_ write: () async throws -> Void) async throws {
        try await reconciling(write) { error in error.isNotFound ? () : nil }
    }
}

extension ContactInfo {
    /// Whether `stored` holds every field this info sets (emails and phones compared by value),
    /// i.e. a write of `self` has been applied.
    func isApplied(in stored: ContactInfo?) -> Bool {
        guard let stored else { return false }
        func same<T: Equatable>(_ wanted: T?, _ actual: T?) -> Bool { wanted == nil || wanted == actual }
        let emails = self.emails.map { Set($0.items.map { $0.email.lowercased() }) }
        let storedEmails = stored.emails.map { Set($0.items.map { $0.email.lowercased() }) } ?? []
        let phones = self.phones.map { Set($0.items.map(\.phone)) }
        let storedPhones = stored.phones.map { Set($0.items.map(\.phone)) } ?? []
        return same(name, stored.name) && same(company, stored.company) && same(jobTitle, stored.jobTitle)
            && same(emails, storedEmails) && same(phones, storedPhones)
    }
}
