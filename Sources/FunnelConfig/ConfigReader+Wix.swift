import FunnelCore
import Yams

/// `wix:` — the sandbox, or a real site with its credentials.
extension ConfigReader {
    func wixSettings(_ slot: Slot) -> WixSettings? {
        guard let fields = self.fields(slot, ConfigKeys.wix) else { return nil }
        let sandbox = fields.slot("sandbox").flatMap(self.path)
        let siteId = fields.slot("siteId").flatMap(nonEmptyString)
        let apiKey = fields.slot("apiKey").flatMap { secret($0, example: "apiKey: ${WIX_API_KEY}", variable: "WIX_API_KEY") }
        let oauth = fields.slot("oauth").flatMap(oauthCredentials)
        let endpoint = fields.slot("endpoint").flatMap(self.url)
        let rateLimit = fields.slot("rate_limit").flatMap { integer($0, minimum: 1) }

        switch (fields.keyNode("sandbox"), fields.keyNode("siteId")) {
        case (nil, nil):
            error("wix: give either sandbox (a local emulator of Wix) or siteId with apiKey (a real site)", at: fields.anchor)
            return nil
        case (let sandboxKey?, let siteKey?):
            let later = (sandboxKey.mark?.line ?? 0) > (siteKey.mark?.line ?? 0) ? sandboxKey : siteKey
            error("wix: sandbox and siteId exclude each other; keep one", at: later)
            return nil
        case (_?, nil):
            for key in ["apiKey", "oauth"] {
                if let keyNode = fields.keyNode(key) { error("wix.\(key) is only used with siteId, not with sandbox", at: keyNode) }
            }
            guard let sandbox, fields.keyNode("apiKey") == nil, fields.keyNode("oauth") == nil else { return nil }
            return WixSettings(target: .sandbox(dataPath: sandbox), endpoint: endpoint, requestsPerMinute: rateLimit,
                               location: location(fields.anchor))
        case (nil, let siteKey?):
            switch (fields.keyNode("apiKey"), fields.keyNode("oauth")) {
            case (nil, nil):
                error("wix: siteId needs apiKey: ${WIX_API_KEY} (or oauth)", at: siteKey)
                return nil
            case (_?, let oauthKey?):
                error("wix: apiKey and oauth exclude each other; keep one", at: oauthKey)
                return nil
            default:
                break
            }
            guard let siteId else { return nil }
            let credentials: WixSettings.Credentials
            if let apiKey { credentials = .apiKey(apiKey) }
            else if let oauth { credentials = oauth }
            else { return nil }
            return WixSettings(target: .site(siteId: siteId, credentials: credentials), endpoint: endpoint,
                               requestsPerMinute: rateLimit, location: location(fields.anchor))
        }
    }

    private func oauthCredentials(_ slot: Slot) -> WixSettings.Credentials? {
        guard let fields = self.fields(slot, ConfigKeys.wixOAuth) else { return nil }
        let appId = fields.slot("appId").flatMap(nonEmptyString)
        let appSecret = fields.slot("appSecret").flatMap {
            secret($0, example: "appSecret: ${WIX_APP_SECRET}", variable: "WIX_APP_SECRET")
        }
        let instanceId = fields.slot("instanceId").flatMap(nonEmptyString)
        guard let appId, let appSecret, let instanceId else { return nil }
        return .oauth(appId: appId, appSecret: appSecret, instanceId: instanceId)
    }
}
