import Crypto
import Foundation
public import FunnelCore

/// Loads `funnel.yaml`: YAML with positions (Yams), strict schema checks, env interpolation,
/// semantic checks. Every problem becomes a `Diagnostic` with `file:line:column`; all are reported
/// at once. Pure: takes text, a path and the environment; reads no files itself (except through
/// the `load(contentsOf:)` convenience).
public struct ConfigLoader: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// The result of loading: the configuration when there are no errors, and every diagnostic
    /// (warnings included) in source order.
    public struct Result: Sendable {
        public var configuration: FunnelConfiguration?
        public var diagnostics: [Diagnostic]

        public init(configuration: FunnelConfiguration?, diagnostics: [Diagnostic]) {
            self.configuration = configuration; self.diagnostics = diagnostics
        }

        /// Only the errors.
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    /// `text` is the file's contents, `path` its absolute path (used for diagnostics, for
    /// resolving relative paths, and in the digest).
    public func load(text: String, path: String) -> Result {
        load(bytes: Array(text.utf8), text: text, path: path, absolutePath: path)
    }

    /// Reads the file at `path` (relative paths resolve against the current directory) and loads it.
    /// Diagnostics name the file as `path` was given; an unreadable file is one error.
    public func load(contentsOf path: String) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file"
            return Result(configuration: nil, diagnostics: [.error("cannot load \(path): \(reason)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Result(configuration: nil, diagnostics: [.error("cannot load \(path): it is not UTF-8 text")])
        }
        let absolute = path.hasPrefix("/") ? path
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return load(bytes: Array(data), text: text, path: path, absolutePath: (absolute as NSString).standardizingPath)
    }

    private func load(bytes: [UInt8], text: String, path: String, absolutePath: String) -> Result {
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let document: YAMLDocument
        switch YAMLDocument.compose(text, file: path) {
        case .success(let composed): document = composed
        case .failure(let diagnostic): return Result(configuration: nil, diagnostics: [diagnostic])
        }
        let reader = ConfigReader(file: path, absolutePath: absolutePath, environment: environment, document: document)
        let configuration = reader.configuration(root: document.root, digest: digest)
        let diagnostics = Self.sorted(reader.diagnostics)
        return Result(configuration: diagnostics.contains { $0.severity == .error } ? nil : configuration, diagnostics: diagnostics)
    }

    /// Source order (line, then column); diagnostics without a position first. Stable otherwise.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.location?.line ?? 0, lhs.element.location?.column ?? 0, lhs.offset)
            let right = (rhs.element.location?.line ?? 0, rhs.element.location?.column ?? 0, rhs.offset)
            return left < right
        }.map(\.element)
    }
}
