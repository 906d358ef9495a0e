/// The one phone normaliser: every phone funnel matches or writes is an E.164 string (`+` and 7–15
/// digits). Records, live Wix contacts and the sandbox all go through `e164(_:country:)`.
///
/// A number written with `+` (or an international `00` prefix) is read as it stands. A national number
/// (`(555) 010-0100`, `020 7946 0018`) needs the country it belongs to: `contact.country` in
/// funnel.yaml, or the `countryCode` Wix keeps next to a phone. Without one there is no E.164 form, and
/// the caller says so instead of guessing.
public enum PhoneNumber {
    /// Why a text is not an E.164 phone number.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Letters or other characters that are not digits, `+` or `-.()/ ` separators.
        case notAPhoneNumber
        /// A national number (no `+`) and no country to complete it.
        case needsCountry
        /// The country is not in `callingCodes`.
        case unknownCountry(String)
        /// Fewer than 7 or more than 15 digits with the calling code.
        case wrongLength(Int)

        public var description: String {
            switch self {
            case .notAPhoneNumber: return "not a phone number (only digits, + and - . ( ) / spaces)"
            case .needsCountry:
                return "a national number without + cannot be made E.164; write it with +<country code> or set contact.country"
            case .unknownCountry(let code): return "unknown country \"\(code)\""
            case .wrongLength(let digits): return "\(digits) digits; E.164 numbers have 7 to 15"
            }
        }
    }

    /// `text` as E.164 (`+15550100100`). A national number is completed with `country`'s calling code
    /// after dropping its trunk prefix (`0` in most countries, `1` in the NANP).
    public static func e164(_ text: String, country: String?) -> Result<String, Problem> {
        var digits = ""
        var international = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", digits.isEmpty, !international {
                international = true
            } else if !separators.contains(character) {
                return .failure(.notAPhoneNumber)
            }
        }
        if !international, digits.hasPrefix("00") {
            international = true
            digits.removeFirst(2)
        }
        if !international {
            guard let country else { return .failure(.needsCountry) }
            guard let code = callingCode(country) else { return .failure(.unknownCountry(country)) }
            let trunk = code == "1" ? "1" : "0"
            if digits.hasPrefix(trunk) && !keepsLeadingZero.contains(country.uppercased()) { digits.removeFirst() }
            digits = code + digits
        }
        guard (7...15).contains(digits.count) else { return .failure(.wrongLength(digits.count)) }
        return .success("+" + digits)
    }

    /// The E.164 form when there is one, nil otherwise (for matching, where a miss is not an error).
    public static func normalized(_ text: String, country: String?) -> String? {
        try? e164(text, country: country).get()
    }

    /// The calling code (`"1"`, `"44"`) of an ISO 3166-1 alpha-2 country, case-insensitively.
    public static func callingCode(_ country: String) -> String? {
        callingCodes[country.uppercased()]
    }

    /// Whether `text` is a country code funnel can complete national numbers with (two uppercase letters).
    public static func isKnownCountry(_ text: String) -> Bool {
        text.count == 2 && text == text.uppercased() && callingCodes[text] != nil
    }

    private static let separators: Set<Character> = [" ", "-", ".", "(", ")", "/", "\u{00A0}", "\t"]
    /// Countries whose national numbers keep their leading 0 after the calling code.
    private static let keepsLeadingZero: Set<String> = ["IT", "SM", "VA", "CI", "GA", "TG"]

    // A small table instead of a library: libphonenumber has no Swift port in the package mirror
    // funnel builds from, and funnel needs only "country → calling code" to complete national
    // numbers; Wix itself validates and derives `e164Phone`.
    static let callingCodes: [String: String] = [
        "US": "1", "CA": "1", "PR": "1", "DO": "1", "JM": "1", "TT": "1", "BS": "1", "BB": "1",
        "RU": "7", "KZ": "7", "EG": "20", "ZA": "27", "GR": "30", "NL": "31", "BE": "32", "FR": "33", "ES": "34",
        "HU": "36", "IT": "39", "VA": "39", "RO": "40", "CH": "41", "AT": "43", "GB": "44", "DK": "45", "SE": "46",
        "NO": "47", "PL": "48", "DE": "49", "PE": "51", "MX": "52", "CU": "53", "AR": "54", "BR": "55", "CL": "56",
        "CO": "57", "VE": "58", "MY": "60", "AU": "61", "ID": "62", "PH": "63", "NZ": "64", "SG": "65", "TH": "66",
        "JP": "81", "KR": "82", "VN": "84", "CN": "86", "TR": "90", "IN": "91", "PK": "92", "AF": "93", "LK": "94",
        "MM": "95", "IR": "98", "MA": "212", "DZ": "213", "TN": "216", "LY": "218", "GM": "220", "SN": "221",
        "CI": "225", "GH": "233", "NG": "234", "ET": "251", "KE": "254", "TZ": "255", "UG": "256", "GA": "241",
        "TG": "228", "ZM": "260", "ZW": "263", "PT": "351", "LU": "352", "IE": "353", "IS": "354", "MT": "356",
        "CY": "357", "FI": "358", "BG": "359", "LT": "370", "LV": "371", "EE": "372", "UA": "380", "RS": "381",
        "HR": "385", "SI": "386", "BA": "387", "SM": "378", "MK": "389", "CZ": "420", "SK": "421", "LI": "423",
        "MC": "377", "AD": "376", "BY": "375", "MD": "373", "AM": "374", "GE": "995", "AZ": "994", "IL": "972",
        "PS": "970", "JO": "962", "LB": "961", "SY": "963", "IQ": "964", "KW": "965", "SA": "966", "YE": "967",
        "OM": "968", "AE": "971", "QA": "974", "BH": "973", "HK": "852", "MO": "853", "TW": "886", "BD": "880",
        "NP": "977", "UY": "598", "PY": "595", "BO": "591", "EC": "593", "CR": "506", "PA": "507", "GT": "502",
        "SV": "503", "HN": "504", "NI": "505",
    ]
}
