import FunnelCore
import Yams

/// Credentials come from the environment only: a literal secret in the file is an error, and no
/// message ever quotes a secret's text or value.
extension ConfigReader {
    /// A credential such as `wix.apiKey`; `example` is the line to suggest (`apiKey: ${WIX_API_KEY}`)
    /// and `variable` the environment variable it names.
    func secret(_ slot: Slot, example: String, variable: String) -> Secret? {
        guard let raw = rawString(slot, quoting: false) else { return nil }
        guard let parsed = try? EnvironmentInterpolation(parsing: raw) else {
            _ = interpolate(raw, slot, quoting: false) // reports the malformed reference
            return nil
        }
        if parsed.references.isEmpty {
            error("\(slot.path): a secret must not be written in funnel.yaml; write \(example) and set \(variable) in the environment",
                  at: slot.anchor)
            return nil
        }
        if let reference = parsed.references.first(where: { !($0.fallback ?? "").isEmpty }) {
            error("\(slot.path): a secret must not have a default in funnel.yaml; write ${\(reference.name)} without \":-…\"",
                  at: slot.anchor)
            return nil
        }
        guard let value = interpolate(raw, slot, quoting: false) else { return nil }
        guard !value.isEmpty else {
            let names = parsed.references.map(\.name).joined(separator: ", ")
            error("\(slot.path): the secret is empty (\(names) is set but empty)", at: slot.anchor)
            return nil
        }
        return Secret(value)
    }

    /// An HTTP header value. Credential headers (by name, or by a `Bearer …`/`Basic …` value) follow
    /// the secret rules; the others are ordinary strings. Either way the value is kept as a `Secret`.
    func headerValue(_ slot: Slot, name: String) -> Secret? {
        let raw = slot.node.scalar?.string ?? ""
        if Self.isCredentialHeader(name) || Self.looksLikeCredential(raw) {
            let scheme = Self.credentialScheme(raw) ?? (name.lowercased() == "authorization" ? "Bearer" : nil)
            let example = scheme.map { "\(name): \"\($0) ${API_TOKEN}\"" } ?? "\(name): ${API_TOKEN}"
            return secret(slot, example: example, variable: "API_TOKEN")
        }
        return string(slot).map(Secret.init)
    }

    static func isCredentialHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        let exact = ["authorization", "proxy-authorization", "cookie", "api-key", "apikey"]
        let parts = ["token", "secret", "key", "auth", "password", "session"]
        return exact.contains(lowered) || parts.contains { lowered.contains($0) }
    }

    static func looksLikeCredential(_ value: String) -> Bool { credentialScheme(value) != nil }

    /// `Bearer`, `Basic`, `Token` or `Digest` when the value starts with that scheme and a space.
    static func credentialScheme(_ value: String) -> String? {
        ["Bearer", "Basic", "Token", "Digest"].first { value.lowercased().hasPrefix($0.lowercased() + " ") }
    }

    /// `state:` — a path, or a `postgres://` URL whose password must come from the environment.
    /// A URL is validated here (scheme, host, database, port, sslmode); no message quotes it.
    func stateLocation(_ slot: Slot) -> StateLocation? {
        guard let raw = rawString(slot) else { return nil }
        if Self.isDatabaseURL(raw) {
            let parsed = try? EnvironmentInterpolation(parsing: raw)
            // postgres://user:password@host — a colon in the part before "@" after the scheme.
            let userInfo = raw.contains("@") ? raw.split(separator: "@")[0].split(separator: "/").dropFirst().first : nil
            let hasPassword = userInfo?.contains(":") ?? false
            if hasPassword, let parsed, parsed.references.isEmpty {
                error("\(slot.path): a database URL with a password must not be written in funnel.yaml; write state: ${FUNNEL_STATE_URL} and set FUNNEL_STATE_URL in the environment",
                      at: slot.anchor)
                return nil
            }
        }
        guard let value = interpolate(raw, slot, quoting: !Self.isDatabaseURL(raw)) else { return nil }
        guard !value.isEmpty else { error("\(slot.path) must not be empty", at: slot.anchor); return nil }
        if Self.isDatabaseURL(value) {
            do {
                return .postgres(try PostgresStateURL(parsing: value))
            } catch {
                self.error("\(slot.path): \(error.description)", at: slot.anchor)
                return nil
            }
        }
        if value.contains("://") {
            let scheme = value.prefix { $0 != ":" }
            error("\(slot.path): \(PostgresStateURL.ParseError.badScheme(String(scheme)).description) "
                  + "(or a file path for a local SQLite state)", at: slot.anchor)
            return nil
        }
        return .sqlite(path: resolve(value))
    }

    static func isDatabaseURL(_ text: String) -> Bool {
        PostgresStateURL.looksLikeDatabaseURL(text)
    }
}
