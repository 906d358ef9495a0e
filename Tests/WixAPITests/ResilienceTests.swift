import FunnelCore
import Foundation
import AsyncHTTPClient
import FunnelTestSupport
import NIOCore
import Testing
@testable import WixAPI
import WixEmulator

@Suite("Retries, timeouts and ambiguous creates against the sandbox")
struct ResilienceTests {
    @Test("under 20 % injected 5xx and 5 % dropped connections every call completes")
    func faultsAreRetried() async throws {
        let faulty = EmulatorOptions(faultRate: 0.2, dropRate: 0.05, seed: 42)
        try await withSandboxClient(faulty, configure: { $0.maxAttempts = 10 }) { wix, sandbox in
            let caller = CheckingCaller(wix: wix)
            let workflow = try await caller.workflow(named: "Funnel")
            let new = try await caller.phase(named: "New", in: workflow)
            let later = try await caller.phase(named: "Later", in: workflow)
            var cards: [String] = []
            for index in 0..<12 {
                let contact = try await caller.contact(email: "lead\(index)@example.com")
                cards.append(try await caller.card(for: contact, named: "Lead \(index)", workflow: workflow, phase: new))
            }
            // Idempotent calls: reads, moves, updates, archive/restore, listings.
            for (index, card) in cards.enumerated() {
                let current = try #require(try await wix.getCard(id: card))
                try await wix.moveCard(id: card, phaseId: later, position: 0)
                try await wix.updateCard(id: card, info: CardFields(
                    name: "Lead \(index)!", contactId: try #require(current.contactId), source: "My CRM"))
                if index.isMultiple(of: 3) {
                    try await wix.archiveCard(id: card)
                    try await wix.restoreCard(id: card, phaseId: new)
                }
            }
            #expect(try await wix.cards(workflowId: workflow).collect().count == 12)
            #expect(try await wix.contacts(emails: (0..<12).map { "lead\($0)@example.com" }).count == 12)

            let server = try await sandbox.stats()
            let client = wix.statistics
            #expect(server.faults.serverErrors > 5)
            #expect(client.serverErrors == server.faults.serverErrors)
            #expect(client.retries >= server.faults.serverErrors + server.faults.droppedConnections - caller.ambiguousCreates)
        }
    }

    @Test("a create whose outcome is unknown is not repeated; the caller finds what it made")
    func ambiguousCreateIsNotRepeated() async throws {
        let commitThenFail = EmulatorOptions(commitThenFailRate: 1)
        try await withSandboxClient(commitThenFail) { wix, sandbox in
            let error = await expectWixError {
                _ = try await wix.createContact(ContactInfo(first: "Ada", last: nil, email: "ada@example.com"))
            }
            #expect(error?.status == 504)
            #expect(error?.outcomeUnknown == true)
            #expect(error?.attempts == 1)
            #expect(error?.description.contains("outcome unknown") == true)
            #expect(try await sandbox.stats().count(.createContact) == 1)

            // The first attempt did commit: the lookup finds it, and creating again names it.
            let found = try await wix.contacts(emails: ["ada@example.com"])
            #expect(found.count == 1)
            let again = await expectWixError {
                _ = try await wix.createContact(ContactInfo(first: "Ada", last: nil, email: "ada@example.com"))
            }
            #expect(again?.duplicateContactId == found.first?.id)
        }
    }

    @Test("writes whose first attempt landed but answered 504 still succeed: retried and reconciled")
    func committedWritesAreReconciled() async throws {
        let options = EmulatorOptions(commitThenFailRate: 0.4, seed: 11)
        try await withSandboxClient(options, configure: { $0.maxAttempts = 10 }) { wix, sandbox in
            let caller = CheckingCaller(wix: wix)
            let workflow = try await caller.workflow(named: "Funnel")
            let new = try await caller.phase(named: "New", in: workflow)
            let doomed = try await caller.phase(named: "Doomed", in: workflow)
            for index in 0..<8 {
                let email = "lead\(index)@example.com"
                let contactId = try await caller.contact(email: email)
                var contact = try await wix.getContact(id: contactId)
                for company in ["A", "B"] {
                    contact = try await wix.updateContact(
                        id: contactId, revision: contact.revision,
                        info: ContactInfo(name: .init(first: "Lead", last: "\(index)"),
                                          emails: [.init(email: email, primary: true)], company: company))
                }
                #expect(contact.info?.company == "B")
                let card = try await caller.card(for: contactId, named: "Lead \(index)", workflow: workflow, phase: new)
                try await wix.archiveCard(id: card)
                try await wix.restoreCard(id: card, phaseId: new)
                try await wix.archiveCard(id: card)
                try await wix.restoreCard(id: card, phaseId: new, position: 0)
                if index.isMultiple(of: 2) { try await wix.deleteCard(id: card) }
            }
            try await wix.deletePhase(id: doomed)
            #expect(try await wix.cards(workflowId: workflow).collect().count == 4)
            #expect(try await wix.phases(workflowId: workflow).collect().map(\.id) == [new])
            #expect(try await sandbox.stats().faults.commitThenFail > 10)
        }
    }

    @Test("a refused connection is not ambiguous: even a create retries, then reports it")
    func refusedConnection() async throws {
        // A port bound but never listened on: connections are refused, and no other server started by
        // a parallel test can take the port meanwhile (a stopped sandbox's port could be reused).
        let reserved = try ReservedPort()
        defer { reserved.release() }
        let closedURL = "http://127.0.0.1:\(reserved.port)"
        var configuration = WixClientConfiguration.sandbox(
            baseURL: closedURL, apiKey: EmulatorHandle.defaultAPIKey, siteId: EmulatorHandle.defaultSiteId)
        configuration.maxAttempts = 3
        configuration.baseBackoff = .milliseconds(1)
        // AsyncHTTPClient keeps reconnecting until its connect timeout: keep that short here.
        let http = HTTPClient(configuration: .init(timeout: .init(connect: .milliseconds(100))))
        let wix = WixClient(configuration: configuration, httpClient: http)
        let error = await expectWixError { _ = try await wix.createWorkflow(name: "X") }
        try await http.shutdown()
        #expect(error?.status == nil)
        #expect(error?.category == .transport || error?.category == .timeout)
        #expect(error?.outcomeUnknown == false, "\(String(describing: error))")
        #expect(error?.attempts == 3)
        #expect(wix.statistics.transportErrors == 3)
    }

    @Test("a slow answer times out; reads retry, a create reports an unknown outcome")
    func timeouts() async throws {
        try await withSandboxClient(EmulatorOptions(latency: .milliseconds(400)), configure: {
            $0.timeout = .milliseconds(100)
            $0.maxAttempts = 2
        }) { wix, sandbox in
            let read = await expectWixError { _ = try await wix.workflows().collect() }
            #expect(read?.category == .timeout)
            #expect(read?.status == nil)
            #expect(read?.attempts == 2)

            let create = await expectWixError { _ = try await wix.createWorkflow(name: "Slow") }
            #expect(create?.category == .timeout)
            #expect(create?.outcomeUnknown == true)
            #expect(create?.attempts == 1)
        }
    }

    @Test("a 429 holds every caller until Retry-After has passed, then the call succeeds")
    func rateLimitedCallsWaitForRetryAfter() async throws {
        let clock = ManualClock()
        try await withEmulator(EmulatorOptions(rateLimitPerMinute: 2)) { sandbox in
            var configuration = WixClientConfiguration.sandbox(
                baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, siteId: sandbox.siteId)
            configuration.baseBackoff = .milliseconds(5)
            let wix = WixClient(configuration: configuration, clock: clock)
            _ = try await wix.workflows().collect()
            _ = try await wix.workflows().collect()

            let first = Task { try await wix.workflows().collect() }
            await clock.waitForSleepers(1)  // answered 429, now waiting out Retry-After
            #expect(wix.statistics.rateLimited == 1)
            let second = Task { try await wix.workflows().collect() }
            await clock.waitForSleepers(2)  // held by the limiter without sending anything
            #expect(wix.statistics.requests == 3)

            clock.advance(by: .seconds(30))
            #expect(clock.sleeperCount == 2)
            try await sandbox.reset()  // the sandbox's minute is over
            clock.advance(by: .seconds(31))
            _ = try await first.value
            _ = try await second.value
            #expect(wix.statistics.rateLimited == 1)
            #expect(wix.statistics.retries == 1)
            #expect(wix.statistics.requests == 5)
        }
    }
}

/// What a careful caller (the applier) does around creates: on an unknown outcome it looks for
/// the object before creating it again.
final class CheckingCaller: Sendable {
    let wix: WixClient
    private let ambiguous = Counter()
    var ambiguousCreates: Int { ambiguous.value }

    init(wix: WixClient) { self.wix = wix }

    private func create<T: Sendable>(
        _ make: () async throws -> T, find: () async throws -> T?
    ) async throws -> T {
        while true {
            do {
                return try await make()
            } catch let error as WixError where error.outcomeUnknown {
                ambiguous.increment()
                if let existing = try await find() { return existing }
            }
        }
    }

    func workflow(named name: String) async throws -> String {
        try await create({ try await wix.createWorkflow(name: name) },
                         find: { try await wix.workflows().collect().first { $0.name == name }?.id })
    }

    func phase(named name: String, in workflow: String) async throws -> String {
        try await create({ try await wix.createPhase(workflowId: workflow, name: name) },
                         find: { try await wix.phases(workflowId: workflow).collect().first { $0.name == name }?.id })
    }

    func contact(email: String) async throws -> String {
        do {
            return try await create(
                { try await wix.createContact(ContactInfo(first: nil, last: nil, email: email)).id },
                find: { try await wix.contacts(emails: [email]).first?.id })
        } catch let error as WixError where error.duplicateContactId != nil {
            return error.duplicateContactId!
        }
    }

    func card(for contact: String, named name: String, workflow: String, phase: String) async throws -> String {
        try await create(
            { try await wix.createCard(workflowId: workflow, phaseId: phase,
                                       card: NewCard(name: name, contactId: contact, source: "My CRM")) },
            find: { try await wix.cards(workflowId: workflow, contactId: contact).collect().first?.id })
    }
}

