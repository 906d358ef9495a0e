import FunnelCore
import Yams

/// A YAML text composed into a Yams node tree (every node keeps its line and column), with the
/// duplicate keys found on the way.
///
/// Yams refuses a mapping with a duplicate key and stops there. To report every problem at once,
/// the first occurrence of such a key is renamed in place to a placeholder of the same length
/// (private-use characters, so columns stay exact) and the text is composed again; the reader then
/// reports the second occurrence and ignores the placeholder.
struct YAMLDocument {
    /// A first occurrence of a key that appears again in the same mapping.
    struct RenamedKey {
        var key: String
        var line: Int
        var column: Int
    }

    var root: Node?
    /// Placeholder text → the key it replaced.
    var renamedKeys: [String: RenamedKey]

    /// Composes `text`; a YAML syntax error is the single diagnostic returned instead.
    static func compose(_ text: String, file: String) -> Swift.Result<YAMLDocument, Diagnostic> {
        var current = text
        var renamed: [String: RenamedKey] = [:]
        // Each pass renames one duplicate; a file with more than this many is not worth a better message.
        for attempt in 0..<500 {
            do {
                return .success(YAMLDocument(root: try Yams.compose(yaml: current), renamedKeys: renamed))
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let key = duplicates.first ?? ""
                let placeholder = Self.placeholder(number: attempt, length: key.unicodeScalars.count)
                guard !key.isEmpty,
                      let rewritten = Self.replace(key: key, with: placeholder, at: context.mark, in: current) else {
                    let where_ = SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
                    return .failure(.error("duplicate key \"\(key)\"", at: where_))
                }
                renamed[placeholder] = RenamedKey(key: key, line: context.mark.line, column: context.mark.column)
                current = rewritten
            } catch {
                return .failure(Self.diagnostic(for: error, file: file))
            }
        }
        return .failure(.error("too many duplicate keys", at: SourceLocation(file: file, line: 1, column: 1)))
    }

    /// Whether a key's text is a placeholder this document put in.
    func renamedKey(_ text: String) -> RenamedKey? { renamedKeys[text] }

    private static func placeholder(number: Int, length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(Unicode.Scalar(0xE000 + UInt32(number % 6000))!)
        for _ in 1..<max(length, 1) { scalars.append(Unicode.Scalar(0xF000)!) }
        return String(scalars)
    }

    /// Replaces the key written at `mark` (after an opening quote, if any); nil when the text there
    /// is not the key as written (escapes, folded keys), so the caller falls back to one error.
    private static func replace(key: String, with placeholder: String, at mark: Mark, in text: String) -> String? {
        // Work on Unicode scalars, as libyaml counts columns: "\r\n" is one Character but two scalars.
        var scalars = Array(text.unicodeScalars)
        var lineStart = 0
        for _ in 1..<max(mark.line, 1) {
            guard let newline = scalars[lineStart...].firstIndex(of: "\n") else { return nil }
            lineStart = newline + 1
        }
        var start = lineStart + mark.column - 1
        guard scalars.indices.contains(start) else { return nil }
        if scalars[start] == "\"" || scalars[start] == "'" { start += 1 }
        let keyScalars = Array(key.unicodeScalars)
        let end = start + keyScalars.count
        guard end <= scalars.count, Array(scalars[start..<end]) == keyScalars else { return nil }
        scalars.replaceSubrange(start..<end, with: Array(placeholder.unicodeScalars))
        return String(String.UnicodeScalarView(scalars))
    }

    private static func diagnostic(for error: any Error, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func explain(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context, !context.text.isEmpty else { return "invalid YAML: \(problem)" }
            return "invalid YAML: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
             YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            return .error(explain(problem, context), at: at(mark))
        case YamlError.reader(let problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return .error("invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
