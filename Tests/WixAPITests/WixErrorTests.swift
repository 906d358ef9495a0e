import Foundation
import FunnelCore
import Testing
@testable import WixAPI

@Suite("WixError decoding and description")
struct WixErrorTests {
    func decode(_ status: Int, _ body: String, target: WixTarget? = nil) -> WixError {
        WixError(status: status, body: Data(body.utf8), method: "POST", path: "/contacts/v4/contacts",
                 target: target, attempts: 1)
    }

    @Test("409 DUPLICATE_CONTACT_EXISTS carries the existing contact's id")
    func duplicateContact() {
        let error = decode(409, """
            {"message":"A contact with the same primary email or phone already exists.",
             "details":{"applicationError":{"code":"DUPLICATE_CONTACT_EXISTS","description":"dup",
               "data":{"duplicateContactId":"c-1","duplicateEmail":"a@b.c"}}}}
            """)
        #expect(error.code == "DUPLICATE_CONTACT_EXISTS")
        #expect(error.duplicateContactId == "c-1")
        #expect(error.isDuplicateContact)
        #expect(!error.isRevisionMismatch)
        #expect(error.category == .conflict)
        #expect(!error.isRetryable)
        #expect(error.description.contains("duplicate of contact c-1"))
    }

    @Test("validation errors keep their field violations")
    func fieldViolations() {
        let error = decode(400, """
            {"message":"invalid","details":{"validationError":{"fieldViolations":[
              {"field":"workflow.name","description":"must not be empty","violatedRule":"REQUIRED_FIELD"}]}}}
            """, target: .workflow("w-1"))
        #expect(error.fieldViolations.map(\.field) == ["workflow.name"])
        #expect(error.category == .invalidArgument)
        #expect(error.description == "POST /contacts/v4/contacts → 400: invalid [workflow.name: must not be empty] (workflow w-1)")
    }

    @Test("an empty or non-JSON body still gives a readable message", arguments: [
        (500, "", "internal server error", WixError.Category.server, true),
        (503, "<html>busy</html>", "service unavailable", .server, true),
        (501, "{}", "HTTP 501", .server, false),
        (429, "{\"message\":\"\",\"details\":{}}", "too many requests", .rateLimited, true),
        (404, "{\"message\":\"card not found\"}", "card not found", .notFound, false),
    ])
    func fallbackMessages(status: Int, body: String, message: String, category: WixError.Category, retryable: Bool) {
        let error = decode(status, body)
        #expect(error.message == message)
        #expect(error.category == category)
        #expect(error.isRetryable == retryable)
    }

    @Test("a stale revision is told apart from a duplicate")
    func revisionMismatch() {
        let error = decode(409, "{\"message\":\"entity has already changed since the requested revision\"}")
        #expect(error.isRevisionMismatch)
        #expect(!error.isDuplicateContact)
    }

    @Test("an ambiguous create says so in its description")
    func outcomeUnknown() {
        var error = decode(500, "")
        error.outcomeUnknown = true
        error.attempts = 1
        #expect(error.description.contains("outcome unknown"))
    }

    @Test("auth descriptions redact the key and the app secret")
    func authRedaction() {
        let key = WixAuth.apiKey(Secret("IST.very-secret"), siteId: "site-1")
        let oauth = WixAuth.oauth(appId: "app", appSecret: Secret("shh-app-secret"), instanceId: "inst", siteId: nil)
        let configuration = WixClientConfiguration(auth: key)
        for text in ["\(key)", "\(oauth)", String(reflecting: key), "\(configuration)", String(reflecting: configuration)] {
            #expect(!text.contains("very-secret"))
            #expect(!text.contains("shh-app-secret"))
        }
    }
}
