public import Foundation

/// The harness's funnel as the `funnel.yaml` a user would write (API key from `WIX_API_KEY`), and
/// a `serve --funnels DIR` folder of them for tests and benchmarks.
public enum FleetConfigFiles {
    /// One `siteNN.yaml` per harness; the state is `${FUNNEL_STATE_URL}` when `sharedState`, else
    /// each funnel's own SQLite file; `maxArchive` is `policy.max_archive`.
    public static func write(_ harnesses: [FunnelHarness], rate: Int = 100_000, sharedState: Bool = true,
                             maxArchive: String = "100%", into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, harness) in harnesses.enumerated() {
            try yaml(harness, rate: rate, state: sharedState ? "${FUNNEL_STATE_URL}" : harness.statePath, maxArchive: maxArchive)
                .write(to: folder.appendingPathComponent(String(format: "site%02d.yaml", index + 1)), atomically: true,
                       encoding: .utf8)
        }
    }

    /// The config text (`state` as given: a path or `${FUNNEL_STATE_URL}`).
    public static func yaml(_ harness: FunnelHarness, rate: Int = 100_000, state: String, maxArchive: String = "100%") -> String {
        """
                version: 1
                wix:
                  siteId: \(harness.sandbox.siteId)
                  apiKey: ${WIX_API_KEY}
                  endpoint: \(harness.sandbox.baseURL)
                  rate_limit: \(rate)
                workflow:
                  name: Lead Funnel
                  phases: [New Lead, Contacted, Qualified, Proposal Sent, Negotiating]
                source:
                  type: csv
                  path: \(harness.csvPath)
                  key: id
                contact:
                  match: email
                  fields:
                    first: "{{ first_name }}"
                    last: "{{ last_name }}"
                    email: "{{ email | lower }}"
                card:
                  source: My CRM
                  name: "{{ first_name }} {{ last_name }}"
                  phase:
                    from: stage
                    map: { new: New Lead, contacted: Contacted, qualified: Qualified, proposal: Proposal Sent, negotiation: Negotiating, won: $win, lost: $archive }
                state: \(state)
                policy:
                  max_archive: \(maxArchive)

                """
    }
}
