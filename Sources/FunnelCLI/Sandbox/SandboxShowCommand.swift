import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import WixEmulator

/// `funnel sandbox show`: prints the board of a sandbox, from its data file or a running server.
struct SandboxShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the sandbox board: each phase in order with its cards, then the archived cards.",
        discussion: "Emails and phone numbers are masked unless --show-personal-data is given."
    )

    @Option(help: "A sandbox data file (as given to `funnel sandbox serve --data`).")
    var data: String?

    @Option(help: "A running sandbox, e.g. http://127.0.0.1:8080.")
    var url: String?

    @Option(help: "Only this site (default: every site holding data).")
    var site: String?

    @Flag(help: "Show emails and phone numbers instead of masking them.")
    var showPersonalData = false

    func validate() throws {
        guard (data == nil) != (url == nil) else { throw ValidationError("give exactly one of --data PATH or --url URL") }
    }

    func run() async throws {
        let boards: [EmulatorBoard]
        if let data {
            boards = try EmulatorBoard.load(dataPath: data, site: site)
        } else {
            boards = try await Self.fetch(url!, site: site)
        }
        print(SandboxBoardRenderer.render(boards, showPersonalData: showPersonalData), terminator: "")
    }

    /// `GET URL/_sandbox/board` from a running sandbox.
    static func fetch(_ base: String, site: String?) async throws -> [EmulatorBoard] {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        guard let endpoint = URL(string: trimmed + "/_sandbox/board") else { throw ValidationError("not a URL: \(base)") }
        var request = URLRequest(url: endpoint)
        if let site { request.setValue(site, forHTTPHeaderField: "wix-site-id") }
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let status = (response as? HTTPURLResponse)?.statusCode, status != 200 {
                    continuation.resume(throwing: ValidationError("\(endpoint) answered HTTP \(status)"))
                } else {
                    continuation.resume(returning: data ?? Data())
                }
            }.resume()
        }
        return try JSONDecoder().decode([EmulatorBoard].self, from: data)
    }
}
