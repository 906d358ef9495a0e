import Foundation
import FunnelCore
import Testing
@testable import FunnelServe

@Suite("Webhook signatures")
struct SignatureTests {
    static let vectorBody = #"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"appId":54321,"occurredAt":1564113600000,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":123,"propertyName":"dealstage","propertyValue":"closedwon","changeSource":"CRM_UI"}]"#
    static let vectorSecret = Secret("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy")
    static let vectorTime = Date(timeIntervalSince1970: 1_564_113_600)

    @Test("the HubSpot v3 test vector of crm-apis.md §1.11 verifies")
    func hubSpotVector() {
        let verifier = HubSpotSignatureVerifier(secret: Self.vectorSecret, publicBaseURL: "https://example.com/")
        let verdict = verifier.verify(method: "POST", pathAndQuery: "/hooks/hubspot", body: Array(Self.vectorBody.utf8),
                                      signature: "YuiFwIKEnBss88OHACtuA6PwxjNuvVbkp9KK9cTwvf0=", timestamp: "1564113600000",
                                      now: Self.vectorTime.addingTimeInterval(60))
        #expect(verdict == .accepted)
        #expect(HubSpotSignatureVerifier.sign(secret: Self.vectorSecret, method: "POST", uri: "https://example.com/hooks/hubspot",
                                              body: Array(Self.vectorBody.utf8), timestamp: "1564113600000")
                == "YuiFwIKEnBss88OHACtuA6PwxjNuvVbkp9KK9cTwvf0=")
    }

    @Test("HubSpot: a changed byte, another URI, a stale or future timestamp, a missing header are rejected",
          arguments: [
              ("body", "/hooks/hubspot", "1564113600000", 60.0),
              ("uri", "/hooks/other", "1564113600000", 60.0),
              ("stale", "/hooks/hubspot", "1564113600000", 301.0),
              ("future", "/hooks/hubspot", "1564113600000", -301.0),
              ("missing", "/hooks/hubspot", "", 60.0),
          ])
    func hubSpotRejects(_ change: String, _ path: String, _ timestamp: String, _ age: Double) {
        let verifier = HubSpotSignatureVerifier(secret: Self.vectorSecret, publicBaseURL: "https://example.com")
        let body = change == "body" ? Self.vectorBody.replacingOccurrences(of: "closedwon", with: "closedlost") : Self.vectorBody
        let verdict = verifier.verify(method: "POST", pathAndQuery: path, body: Array(body.utf8),
                                      signature: "YuiFwIKEnBss88OHACtuA6PwxjNuvVbkp9KK9cTwvf0=",
                                      timestamp: timestamp.isEmpty ? nil : timestamp, now: Self.vectorTime.addingTimeInterval(age))
        #expect(!verdict.isAccepted)
    }

    @Test("HubSpot decodes the listed escapes in the URI before signing, but not the query's ?")
    func hubSpotEscapes() {
        #expect(HubSpotSignatureVerifier.decodeEscapes("https://example.com/hooks/hubspot%3Fx%3A1?y=%2a")
                == "https://example.com/hooks/hubspot?x:1?y=*")
        let secret = Secret("s")
        let signature = HubSpotSignatureVerifier.sign(secret: secret, method: "POST", uri: "https://h.example/hooks/hubspot?a=b:c",
                                                      body: [], timestamp: "1000")
        let verdict = HubSpotSignatureVerifier(secret: secret, publicBaseURL: "https://h.example")
            .verify(method: "POST", pathAndQuery: "/hooks/hubspot?a=b%3Ac", body: [], signature: signature, timestamp: "1000",
                    now: Date(timeIntervalSince1970: 1))
        #expect(verdict == .accepted)
    }

    @Test("Pipedrive Basic auth: right credentials pass; wrong credentials or other schemes fail")
    func basicAuth() {
        let verifier = BasicAuthVerifier(user: Secret("funnel"), password: Secret("pa:ss"))
        #expect(verifier.verify(authorization: BasicAuthVerifier.header(user: "funnel", password: "pa:ss")) == .accepted)
        #expect(!verifier.verify(authorization: BasicAuthVerifier.header(user: "funnel", password: "pa:sx")).isAccepted)
        #expect(!verifier.verify(authorization: "Bearer abc").isAccepted)
        #expect(!verifier.verify(authorization: nil).isAccepted)
        #expect(!verifier.verify(authorization: "Basic !!!").isAccepted)
    }

    @Test("generic: sha256=<hex HMAC of the body>; another body or secret fails")
    func generic() {
        let body = Array(#"{"keys":["L-001"]}"#.utf8)
        let header = BodySignatureVerifier.header(secret: Secret("k"), body: body)
        #expect(header.count == "sha256=".count + 64)
        #expect(BodySignatureVerifier(secret: Secret("k")).verify(body: body, signature: header) == .accepted)
        #expect(!BodySignatureVerifier(secret: Secret("j")).verify(body: body, signature: header).isAccepted)
        #expect(!BodySignatureVerifier(secret: Secret("k")).verify(body: body + [32], signature: header).isAccepted)
        #expect(!BodySignatureVerifier(secret: Secret("k")).verify(body: body, signature: "sha256=zz").isAccepted)
        #expect(!BodySignatureVerifier(secret: Secret("k")).verify(body: body, signature: nil).isAccepted)
    }

    /// Fixed vectors: RFC 4231 test case 2, and our body as `openssl dgst -sha256 -hmac k` computes it
    /// (`printf '{"keys":["L-001"]}' | openssl dgst -sha256 -hmac k`).
    @Test("generic: the HMAC-SHA256 matches fixed vectors (RFC 4231 case 2, openssl)", arguments: [
        ("Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ("k", #"{"keys":["L-001"]}"#, "cd0b2cadf285e68a574abb49895f52aaf7699309a978911c1c61a9e92dd50f44"),
    ])
    func genericVectors(secret: String, body: String, hex: String) {
        #expect(BodySignatureVerifier.header(secret: Secret(secret), body: Array(body.utf8)) == "sha256=" + hex)
        #expect(BodySignatureVerifier(secret: Secret(secret)).verify(body: Array(body.utf8), signature: "sha256=" + hex) == .accepted)
    }

    @Test("rejection reasons never quote the secret or the signature")
    func reasonsAreSafe() {
        let verdict = BasicAuthVerifier(user: Secret("u"), password: Secret("topsecret"))
            .verify(authorization: BasicAuthVerifier.header(user: "u", password: "guess"))
        guard case .rejected(let reason) = verdict else { Issue.record("accepted"); return }
        #expect(!reason.contains("topsecret") && !reason.contains("guess"))
    }
}
