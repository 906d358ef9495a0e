/// Where a lead belongs: an active phase by name, the win phase, or archived.
public enum TargetRef: Sendable, Hashable, Codable, CustomStringConvertible {
    case phase(String)
    case win
    case archive

    /// Parses `$win`, `$archive` or a phase name.
    public init(_ text: String) {
        switch text {
        case "$win": self = .win
        case "$archive": self = .archive
        default: self = .phase(text)
        }
    }

    /// `$win`, `$archive` or the phase name.
    public var text: String {
        switch self {
        case .phase(let name): return name
        case .win: return "$win"
        case .archive: return "$archive"
        }
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
