import Foundation
import FunnelConfig
import FunnelCore

/// Loads the fixtures under `Fixtures/{valid,invalid}` with a fixed environment.
enum FixtureSupport {
    /// The environment every fixture is loaded with. The secret values must never show up in a diagnostic.
    static let environment: [String: String] = [
        "WIX_SITE_ID": "site-1234",
        "WIX_API_KEY": "IST.secret-wix-api-key-value",
        "WIX_APP_SECRET": "secret-app-secret-value",
        "HUBSPOT_TOKEN": "pat-secret-hubspot-token-value",
        "PIPEDRIVE_API_TOKEN": "secret-pipedrive-token-value",
        "API_TOKEN": "secret-http-api-token-value",
        "FUNNEL_STATE_URL": "postgres://funnel:secret-db-password@db.internal/funnel",
    ]

    static var secretValues: [String] {
        environment.filter { $0.key != "WIX_SITE_ID" }.map(\.value) + ["secret-db-password"]
    }

    static let root: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// The fixture names (without `.yaml`) in a folder, sorted.
    static func names(_ folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func text(_ folder: String, _ name: String, ext: String = "yaml") throws -> String {
        try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent("\(name).\(ext)"), encoding: .utf8)
    }

    /// Loads a fixture as `/fixtures/NAME.yaml`; diagnostics name the file `NAME.yaml`.
    static func load(_ folder: String, _ name: String) throws -> ConfigLoader.Result {
        let result = ConfigLoader(environment: environment).load(text: try text(folder, name), path: "/fixtures/\(name).yaml")
        return result
    }

    /// `NAME.yaml:LINE:COL: error: MESSAGE`, one per diagnostic, the way `.expected` files hold them.
    static func rendered(_ result: ConfigLoader.Result) -> [String] {
        result.diagnostics.map { $0.description.replacingOccurrences(of: "/fixtures/", with: "") }
    }
}
