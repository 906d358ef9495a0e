import FunnelCore
import Testing

@Suite("PhoneNumber: the one phone normaliser")
struct PhoneNumberTests {
    @Test("international numbers are read as written, formatting dropped", arguments: [
        ("+1 (555) 010-0100", "+15550100100"), ("+44 20 7946 0018", "+442079460018"), ("0044 20 7946 0018", "+442079460018"),
        ("+353 1 555 0199", "+35315550199"),
    ])
    func international(text: String, e164: String) {
        #expect(PhoneNumber.e164(text, country: nil) == .success(e164))
        #expect(PhoneNumber.e164(text, country: "DE") == .success(e164), "a country must not change an international number")
    }

    @Test("national numbers need a country, and lose their trunk prefix", arguments: [
        ("555-010-0100", "US", "+15550100100"), ("1 555 010 0100", "US", "+15550100100"), ("020 7946 0018", "GB", "+442079460018"),
        ("097495550", "IL", "+97297495550"), ("06 1234 5678", "IT", "+390612345678"),
    ])
    func national(text: String, country: String, e164: String) {
        #expect(PhoneNumber.e164(text, country: country) == .success(e164))
        #expect(PhoneNumber.e164(text, country: nil) == .failure(.needsCountry))
    }

    @Test("what is not a phone number says why")
    func problems() {
        #expect(PhoneNumber.e164("call me", country: "US") == .failure(.notAPhoneNumber))
        #expect(PhoneNumber.e164("+1 555", country: nil) == .failure(.wrongLength(4)))
        #expect(PhoneNumber.e164("555 0100", country: "XX") == .failure(.unknownCountry("XX")))
        #expect(PhoneNumber.isKnownCountry("US") && !PhoneNumber.isKnownCountry("us") && !PhoneNumber.isKnownCountry("USA"))
    }
}
