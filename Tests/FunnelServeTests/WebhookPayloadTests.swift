import Testing
@testable import FunnelServe

@Suite("Webhook payloads → record keys")
struct WebhookPayloadTests {
    @Test("HubSpot: deal events give their objectId; contact events and repeats are skipped")
    func hubSpot() throws {
        let body = #"""
        [{"subscriptionType":"deal.propertyChange","objectId":6682673371,"propertyName":"dealstage","propertyValue":"closedwon"},
         {"subscriptionType":"contact.creation","objectId":5},
         {"subscriptionType":"deal.creation","objectId":6682673371},
         {"subscriptionType":"object.propertyChange","objectTypeId":"0-3","objectId":42},
         {"subscriptionType":"deal.deletion","objectId":7}]
        """#
        #expect(try WebhookPayload.hubSpotKeys(Array(body.utf8)) == ["6682673371", "42", "7"])
        #expect(throws: WebhookPayloadError.self) { try WebhookPayload.hubSpotKeys(Array(#"{"objectId":1}"#.utf8)) }
    }

    @Test("Pipedrive: v2 meta.entity_id of deals, v1 meta.id, other entities nothing")
    func pipedrive() throws {
        let v2 = #"{"meta":{"action":"change","entity":"deal","entity_id":"8","version":"2.0"},"data":{"id":8,"stage_id":3},"previous":{"stage_id":2}}"#
        #expect(try WebhookPayload.pipedriveKeys(Array(v2.utf8)) == ["8"])
        let deleted = #"{"meta":{"action":"delete","entity":"deal"},"data":null,"previous":{"id":9}}"#
        #expect(try WebhookPayload.pipedriveKeys(Array(deleted.utf8)) == ["9"])
        let person = #"{"meta":{"action":"change","entity":"person","entity_id":"3"},"data":{"id":3}}"#
        #expect(try WebhookPayload.pipedriveKeys(Array(person.utf8)) == [])
        let v1 = #"{"v":1,"meta":{"v":1,"action":"updated","object":"deal","id":8},"current":{"id":8}}"#
        #expect(try WebhookPayload.pipedriveKeys(Array(v1.utf8)) == ["8"])
        #expect(throws: WebhookPayloadError.self) { try WebhookPayload.pipedriveKeys(Array("[]".utf8)) }
    }

    @Test("generic: keys or records[].id; anything else is an error that does not quote the body")
    func generic() throws {
        #expect(try WebhookPayload.genericKeys(Array(#"{"keys":["L-001","L-002","L-001"]}"#.utf8)) == ["L-001", "L-002"])
        #expect(try WebhookPayload.genericKeys(Array(#"{"records":[{"id":"L-7"},{"id":12}]}"#.utf8)) == ["L-7", "12"])
        let error = #expect(throws: WebhookPayloadError.self) { try WebhookPayload.genericKeys(Array(#"{"secret":"hunter2"}"#.utf8)) }
        #expect(error?.description.contains("hunter2") == false)
        #expect(throws: WebhookPayloadError.self) { try WebhookPayload.genericKeys(Array("not json".utf8)) }
    }
}
