import FunnelCore

/// Where the Wix site is: the built-in sandbox over a data file, or a real site.
public struct WixSettings: Sendable {
    public enum Target: Sendable {
        /// `wix.sandbox: PATH` — absolute path of the sandbox data file.
        case sandbox(dataPath: String)
        /// `wix.siteId` + `wix.apiKey` (or `wix.oauth`).
        case site(siteId: String, credentials: Credentials)
    }

    public enum Credentials: Sendable {
        case apiKey(Secret)
        case oauth(appId: String, appSecret: Secret, instanceId: String)
    }

    public var target: Target
    /// `wix.endpoint`, default `https://www.wixapis.com`.
    public var endpoint: String?
    /// `wix.rate_limit`: requests per minute (default 200 on a real site, none on the sandbox).
    public var requestsPerMinute: Int?
    public var location: SourceLocation?

    public init(target: Target, endpoint: String? = nil, requestsPerMinute: Int? = nil, location: SourceLocation? = nil) {
        self.target = target; self.endpoint = endpoint; self.requestsPerMinute = requestsPerMinute; self.location = location
    }
}
