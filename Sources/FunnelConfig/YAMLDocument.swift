import FunnelCore
import Yams

/// A YAML text composed into a Yams node tree (every node keeps its line and column), with the
/// duplicate keys found on the way.
///
/// Yams refuses a mapping with a duplicate key and stops there. To report every problem at once,
/// the extra occurrences of such a key are renamed in place to placeholders of the same length
/// (private-use characters, so columns stay exact) and the text is composed again; the reader then
/// reports every occurrence after the first. In a block mapping all occurrences of the key are
/// renamed in one pass (found at the first one's column); in a flow mapping one per pass.
struct YAMLDocument {
    /// An occurrence of a key that appears more than once in the same mapping.
    struct RenamedKey {
        var key: String
    }

    var root: Node?
    /// Placeholder text → the key it replaced.
    var renamedKeys: [String: RenamedKey]

    /// Placeholders differ in their first character; this many fit in the private-use area.
    private static let maximumPlaceholders = 6000

    /// Composes `text`; a YAML syntax error is the single diagnostic returned instead.
    static func compose(_ text: String, file: String) -> Swift.Result<YAMLDocument, Diagnostic> {
        var scalars = Array(text.unicodeScalars)
        var renamed: [String: RenamedKey] = [:]
        while true {
            do {
                let yaml = String(String.UnicodeScalarView(scalars))
                return .success(YAMLDocument(root: try Yams.compose(yaml: yaml), renamedKeys: renamed))
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                let key = Array((duplicates.first ?? "").unicodeScalars)
                let starts = Self.occurrences(of: key, from: context.mark, in: scalars)
                guard !key.isEmpty, !starts.isEmpty, renamed.count + starts.count <= maximumPlaceholders else {
                    let location = SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
                    return .failure(.error("duplicate key \"\(duplicates.first ?? "")\"", at: location))
                }
                // Keep the last occurrence as written; rename the others (all of them if only one was found).
                for start in starts.count > 1 ? starts.dropLast() : starts[...] {
                    let placeholder = Self.placeholder(number: renamed.count, length: key.count)
                    scalars.replaceSubrange(start..<start + key.count, with: placeholder.unicodeScalars)
                    renamed[placeholder] = RenamedKey(key: String(String.UnicodeScalarView(key)))
                }
            } catch {
                return .failure(Self.diagnostic(for: error, file: file))
            }
        }
    }

    /// Whether a key's text is a placeholder this document put in.
    func renamedKey(_ text: String) -> RenamedKey? { renamedKeys[text] }

    private static func placeholder(number: Int, length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(Unicode.Scalar(0xE000 + UInt32(number))!)
        for _ in 1..<max(length, 1) { scalars.append(Unicode.Scalar(0xF800)!) }
        return String(scalars)
    }

    /// Where the key written at `mark` starts (after an opening quote), then — for a block mapping —
    /// where it is written again at the same column further down the same mapping. Empty when the
    /// text at `mark` is not the key as written (escapes, folded keys): the caller gives up then.
    /// Works on Unicode scalars, as libyaml counts columns ("\r\n" is one Character, two scalars).
    private static func occurrences(of key: [Unicode.Scalar], from mark: Mark, in scalars: [Unicode.Scalar]) -> [Int] {
        var lineStarts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(offset + 1) }
        guard lineStarts.indices.contains(mark.line - 1) else { return [] }
        func keyStart(line: Int, column: Int) -> Int? {
            var start = lineStarts[line] + column
            guard start < scalars.count else { return nil }
            if scalars[start] == "\"" || scalars[start] == "'" { start += 1 }
            guard start + key.count <= scalars.count, Array(scalars[start..<start + key.count]) == key else { return nil }
            return start
        }
        let column = mark.column - 1
        guard let first = keyStart(line: mark.line - 1, column: column) else { return [] }
        let lineEnd = { (line: Int) in line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : scalars.count }
        // Only a block mapping key starts its line: nothing but spaces (or "- ") before it.
        let before = scalars[lineStarts[mark.line - 1]..<lineStarts[mark.line - 1] + column]
        guard before.allSatisfy({ $0 == " " || $0 == "-" }) else { return [first] }
        var starts = [first]
        for line in mark.line..<lineStarts.count {
            let text = scalars[lineStarts[line]..<lineEnd(line)]
            guard let indent = text.firstIndex(where: { $0 != " " && $0 != "\r" }) else { continue } // blank line
            let depth = indent - lineStarts[line]
            if scalars[indent] == "#" { continue }
            if depth < column { break } // the mapping ended
            guard depth == column, let start = keyStart(line: line, column: column) else { continue }
            // The key must be followed by an optional closing quote, spaces and ":".
            var after = start + key.count
            if after < scalars.count, scalars[after] == "\"" || scalars[after] == "'" { after += 1 }
            while after < scalars.count, scalars[after] == " " { after += 1 }
            if after < scalars.count, scalars[after] == ":" { starts.append(start) }
        }
        return starts
    }

    /// `{` and `}` end a value inside `{ … }`, so `{ siteId: ${WIX_SITE_ID} }` is broken YAML;
    /// when the lines involved hold a `${…}` reference, say how to write it.
    private static func flowHint(_ yaml: String, _ from: Mark, _ to: Mark) -> String {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let range = max(min(from.line, to.line) - 1, 0)...max(min(max(from.line, to.line) - 1, lines.count - 1), 0)
        guard !lines.isEmpty, lines[range].contains(where: { $0.contains("${") }) else { return "" }
        return "; inside { … } quote values that contain ${…}, e.g. siteId: \"${WIX_SITE_ID}\""
    }

    private static func diagnostic(for error: any Error, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func explain(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context, !context.text.isEmpty else { return "invalid YAML: \(problem)" }
            return "invalid YAML: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case YamlError.scanner(let context, let problem, let mark, let yaml),
             YamlError.parser(let context, let problem, let mark, let yaml),
             YamlError.composer(let context, let problem, let mark, let yaml):
            return .error(explain(problem, context) + flowHint(yaml, context?.mark ?? mark, mark), at: at(mark))
        case YamlError.reader(let problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return .error("invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
