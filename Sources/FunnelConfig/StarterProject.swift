import Foundation

/// What `funnel init` writes: a commented starter `funnel.yaml` on the sandbox and a sample
/// `leads.csv` it validates against.
public enum StarterProject {
    /// File name → contents, in the order they are written.
    public static let files: [(name: String, contents: String)] = [
        ("funnel.yaml", funnelYAML),
        ("leads.csv", leadsCSV),
    ]

    /// A file `write(into:)` would overwrite.
    public struct ExistingFiles: Error, Sendable, CustomStringConvertible {
        public var paths: [String]
        public var description: String {
            "refusing to overwrite \(paths.joined(separator: ", ")); move \(paths.count == 1 ? "it" : "them") away or pick another directory"
        }
    }

    /// Writes the starter files into `directory` (created if needed), each atomically; writes
    /// nothing if any of them exists. Returns the paths written.
    public static func write(into directory: String) throws -> [String] {
        let paths = files.map { (directory as NSString).appendingPathComponent($0.name) }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        guard existing.isEmpty else { throw ExistingFiles(paths: existing) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (path, file) in zip(paths, files) {
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        return paths
    }

    /// The starter `funnel.yaml` text.
    public static var exampleText: String { funnelYAML }

    static let funnelYAML = #"""
    # funnel.yaml: the lead funnel funnel keeps in sync. Check it with `funnel validate`.
    # Every key: `funnel schema` prints the JSON Schema (editors complete and check keys with it);
    # the guide is https://funnel.dev/docs/config.md, real Wix sites https://funnel.dev/docs/real-wix.md.
    # Strings may use ${VAR} or ${VAR:-default}.
    version: 1

    wix:
      # The built-in sandbox: a local emulator of the Wix APIs over this data file.
      sandbox: .funnel/sandbox.json
      # A real site instead (secrets only ever come from the environment):
      # siteId: ${WIX_SITE_ID}
      # apiKey: ${WIX_API_KEY}

    workflow:
      name: Lead Funnel
      description: Shows where contacts are in the lead funnel.
      phases:                     # active phases, left to right; the Win phase always exists
        - New Lead
        - Contacted
        - Qualified
        - Proposal Sent
        - Negotiating

    source:
      type: csv                   # csv | json | ndjson | http | hubspot | pipedrive
      path: leads.csv             # relative to this file
      key: id                     # the column holding the CRM record id

    contact:
      match: email                # how a record finds its Wix contact: email | phone
      fields:
        first: "{{ first_name }}"
        last: "{{ last_name }}"
        email: "{{ email | lower }}"
        phone: "{{ phone }}"

    card:
      source: My CRM              # written to each card; marks the cards funnel owns
      name: "{{ first_name }} {{ last_name }}"
      description: "{{ company }}"
      phase:
        from: stage               # the column that says where the lead is
        map:
          new: New Lead
          contacted: Contacted
          qualified: Qualified
          proposal: Proposal Sent
          negotiation: Negotiating
          won: $win               # the Win phase
          lost: $archive          # archive the card

    policy:
      missing: archive            # a card whose record is gone: archive | keep
      drift: revert               # a card moved by hand in Wix: revert | keep
      max_archive: 10%            # plan fails above this many archives: 10% of owned cards, rounded up, at least 1

    """#

    static let leadsCSV = """
    id,first_name,last_name,email,phone,company,stage
    1,Ada,Lovelace,ada@analytical.example,+44 20 5555 0101,Analytical Engines,new
    2,Grace,Hopper,grace@cobol.example,+1 212 555 0102,Compiler Works,contacted
    3,Alan,Turing,alan@bletchley.example,+44 1908 555 0103,Bletchley Labs,qualified
    4,Katherine,Johnson,katherine@orbit.example,+1 757 555 0104,Orbit Analytics,proposal
    5,Tim,Berners-Lee,tim@web.example,+44 20 5555 0105,Hypertext Ltd,negotiation
    6,Margaret,Hamilton,margaret@apollo.example,+1 617 555 0106,Apollo Software,won
    7,Dennis,Ritchie,dennis@unix.example,+1 908 555 0107,Unix Systems,lost

    """
}
