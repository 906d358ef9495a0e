import FunnelCore
import WixAPI

/// Everything `funnel doctor` learned; `ok` when funnel works correctly on the site.
public struct DoctorReport: Sendable, Encodable {
    public var checks: [DoctorCheck]
    public var ok: Bool { !checks.isEmpty && checks.allSatisfy(\.ok) }

    public init(checks: [DoctorCheck]) { self.checks = checks }

    private enum CodingKeys: String, CodingKey { case ok, checks }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(checks, forKey: .checks)
    }
}

/// What to fix when a Wix call failed, in the words of the settings a user can change.
enum DoctorAdvice {
    /// `error` explained; `permission` names what the call needs.
    static func explain(_ error: any Error, permission: String) -> String {
        guard let error = error as? WixError else { return "\(error)" }
        switch error.status {
        case 401:
            return "Wix refused the API key (401): check wix.apiKey (create one in the Wix account's API Keys page) and that it is sent unchanged"
        case 403:
            return "permission denied (403): give the API key \(permission), and check that wix.siteId is a site of the account that created the key"
        case 404 where error.target == nil || error.path.hasSuffix("/workflows") || error.path.hasSuffix("/query"):
            return "not found (404): check wix.siteId (the id after /dashboard/ in the site's dashboard URL)"
        case 429:
            return "rate limited (429): wait a minute, or lower wix.rate_limit"
        case nil:
            return "no answer from Wix: \(error.message); check the network and wix.endpoint"
        default:
            return error.description
        }
    }
}
