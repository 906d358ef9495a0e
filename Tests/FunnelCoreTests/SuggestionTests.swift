import FunnelCore
import Testing

/// One "did you mean" rule for config keys and values, phase names and state addresses.
@Suite struct SuggestionTests {
    @Test func configKeysAndValues() {
        #expect(Suggestion.closest(to: "sitId", among: ["sandbox", "siteId"]) == "siteId")
        #expect(Suggestion.closest(to: "site_id", among: ["sandbox", "siteId"]) == "siteId")
        #expect(Suggestion.closest(to: "colour", among: ["source", "name"]) == nil)
        #expect(Suggestion.closest(to: "$won", among: ["$win", "$archive"]) == "$win")
    }

    @Test func stateAddresses() {
        let candidates = ["workflow", "phase[\"New Lead\"]", "contact[\"L-001\"]", "card[\"L-001\"]", "card[\"L-002\"]"]
        #expect(Suggestion.closest(to: "card[\"L-01\"]", among: candidates) == "card[\"L-001\"]")
        #expect(Suggestion.closest(to: "phase[\"New lead\"]", among: candidates) == "phase[\"New Lead\"]")
        #expect(Suggestion.closest(to: "workflw", among: candidates) == "workflow")
        #expect(Suggestion.closest(to: "card[\"Z-999-XYZ\"]", among: candidates) == nil)
        #expect(Suggestion.closest(to: "anything", among: []) == nil)
    }
}
