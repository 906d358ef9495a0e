import FunnelConfig
import HTTPTransport
import WixAPI

/// What to check when the very first Wix call of a run fails: nothing has shown yet that the
/// network, the endpoint, the site id or the key work, so the error alone does not say which.
enum FirstContactChecklist {
    static func text(for error: WixError, configuration: FunnelConfiguration) -> String {
        let wix = configuration.wix
        let endpoint = wix.endpoint ?? WixClientConfiguration.wixHost
        let host = RetryNotice.host(of: endpoint)
        let siteId: String = switch wix.target {
        case .site(let siteId, _): siteId
        case .sandbox: "the sandbox's"
        }
        let likely: String = switch (error.network?.kind, error.status) {
        case (.dns?, _): "\(host) did not resolve: the network is down, or the endpoint's host name is wrong"
        case (.tls?, _): "the TLS handshake with \(host) failed: the endpoint must be an https:// URL of a server with a valid certificate"
        case (.refused?, _), (.timeout?, _): "nothing answered at \(endpoint): the network, or the endpoint"
        case (_, 401?): "Wix refused the key (401): it is wrong, revoked, or not an API key of this account"
        case (_, 403?): "Wix refused access (403): the key lacks a permission, or the site id is not a site of the key's account"
        case (_, 404?): "Wix does not know the path (404): the endpoint, or the site id"
        default: "the first call failed"
        }
        return """
            This was the first call to Wix in this run, so nothing has worked yet. Most likely: \(likely).
            Check:
              - the network: can this machine reach \(host)?
              - the endpoint: \(endpoint)\(wix.endpoint == nil ? " (the default; set wix.endpoint only for a proxy)" : " (wix.endpoint)")
              - the site id: \(siteId) (wix.siteId, the site the key was made for)
              - the key's permissions: Wix Workflows and Contacts, read and manage
            `funnel doctor -c \(configuration.path)` checks each of these in turn.
            """
    }
}
