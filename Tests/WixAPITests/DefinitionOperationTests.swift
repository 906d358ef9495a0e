import FunnelTestSupport
import Testing
import WixAPI
import WixEmulator

@Suite("Labels and custom fields against the sandbox")
struct DefinitionOperationTests {
    @Test("the 101st custom field is a quota, not a rate limit: one attempt, no retry")
    func customFieldQuotaIsFinal() async throws {
        try await withSandboxClient { wix, _ in
            for index in 1...100 {
                _ = try await wix.findOrCreateExtendedField(displayName: "Field \(index)", dataType: "TEXT")
            }
            let before = wix.statistics
            let error = await expectWixError {
                _ = try await wix.findOrCreateExtendedField(displayName: "Field 101", dataType: "TEXT")
            }
            #expect(error?.status == 429)
            #expect(error?.code == "CUSTOM_FIELDS_LIMIT_REACHED")
            #expect(error?.category == .quotaExceeded)
            #expect(error?.isRetryable == false)
            #expect(error?.attempts == 1)
            #expect(wix.statistics.retries == before.retries)
        }
    }
}
