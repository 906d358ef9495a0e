/// Well-known values for talking to a sandbox when nothing else is configured: the site `wix.sandbox: PATH`
/// configs use, and a key the sandbox accepts (it accepts any non-empty key unless `EmulatorOptions.apiKeys` is set).
public enum EmulatorDefaults {
    /// The sandbox's default site id (send it as `wix-site-id`).
    public static let siteId = "5a4d5a4d-0000-4000-8000-000000000001"
    /// An API key for the sandbox (not a secret: the sandbox has no real credentials).
    public static let apiKey = "sandbox-api-key"
    /// `source.appId` of contacts created with an API key (Wix documents the field, not its value for keys).
    public static let apiKeyAppId = "5a4d5a4d-0000-4000-8000-00000000a11d"
}
