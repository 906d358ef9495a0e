import FunnelCore
import Foundation

/// Access tokens issued by `POST /oauth2/token`. A token stands for its instance id, which is the site id,
/// so requests carrying it may omit `wix-site-id`. Tokens live in memory only: a restart revokes them.
actor TokenIssuer {
    enum Lookup: Sendable, Equatable { case valid(site: String, appId: String), expired, unknown }

    static let prefix = "OAUTH2."

    private struct Grant { var site: String; var appId: String; var expires: ContinuousClock.Instant }

    private let lifetime: Duration
    private var grants: [String: Grant] = [:]

    init(lifetime: Duration) { self.lifetime = lifetime }

    func issue(site: String, appId: String) -> (token: String, expiresIn: Int) {
        let token = Self.prefix + UUID().uuidString.lowercased() + UUID().uuidString.lowercased()
        grants[token] = Grant(site: site, appId: appId, expires: .now + lifetime)
        return (token, Int(lifetime.components.seconds))
    }

    func lookup(_ token: String) -> Lookup {
        guard let grant = grants[token] else { return .unknown }
        guard ContinuousClock.now < grant.expires else { return .expired }
        return .valid(site: grant.site, appId: grant.appId)
    }
}
