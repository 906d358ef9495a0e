/// A streaming RFC 4180 parser over bytes: quoted fields with delimiters, quotes (`""`) and line
/// breaks inside, `\n` or `\r\n` line ends, a configurable one-byte delimiter. It is fed chunks and
/// keeps the bytes of an incomplete record for the next chunk, so every row knows the line it starts on.
///
/// Why not a library: SwiftCSV reads the whole file into one `String`, and CSV.swift's reader
/// neither reports a broken row's line nor rejects a stray quote (see docs/sources.md).
struct CSVParser {
    struct Row { var line: Int; var fields: [String] }

    enum Failure: Error {
        case unterminatedQuote(line: Int)
        case quoteInUnquotedField(line: Int, field: Int)
        case textAfterClosingQuote(line: Int, field: Int)

        var line: Int {
            switch self {
            case .unterminatedQuote(let line), .quoteInUnquotedField(let line, _), .textAfterClosingQuote(let line, _): line
            }
        }

        var message: String {
            switch self {
            case .unterminatedQuote: "unterminated quoted field (the quote opened here is never closed)"
            case .quoteInUnquotedField(_, let field): "a quote inside unquoted field \(field); quote the whole field and double the quote (\"\")"
            case .textAfterClosingQuote(_, let field): "text after the closing quote of field \(field); expected a delimiter or the end of the line"
            }
        }
    }

    let delimiter: UInt8
    /// The line the next unparsed byte is on (1-based).
    private(set) var line = 1
    private var pending: [UInt8] = []
    private var atStart = true

    init(delimiter: UInt8) { self.delimiter = delimiter }

    /// Parses `chunk` after any pending bytes; returns the complete rows. With `final`, the input ends
    /// here and a last row without a line break is returned too.
    mutating func feed(_ chunk: [UInt8], final: Bool) throws(Failure) -> [Row] {
        var bytes = pending.isEmpty ? chunk : pending + chunk
        if atStart {
            atStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
        var rows: [Row] = []
        let consumed = try bytes.withUnsafeBufferPointer { buffer throws(Failure) in
            try parse(buffer, final: final, into: &rows)
        }
        pending = consumed < bytes.count ? Array(bytes[consumed...]) : []
        return rows
    }

    private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Returns how many bytes were consumed (the start of the first incomplete record).
    private mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>, final: Bool, into rows: inout [Row]) throws(Failure) -> Int {
        let end = buffer.count
        var index = 0
        var currentLine = line
        var consumed = 0
        records: while index < end {
            let rowLine = currentLine
            var fields: [String] = []
            var lineIsEmpty = true
            fieldLoop: while true {
                if index < end, buffer[index] == Self.quote {
                    lineIsEmpty = false
                    let quoteLine = currentLine
                    index += 1
                    var bytes: [UInt8] = []
                    var segmentStart = index
                    while true {
                        guard index < end else {
                            if final { throw .unterminatedQuote(line: quoteLine) }
                            break records
                        }
                        let byte = buffer[index]
                        if byte == Self.newline { currentLine += 1 }
                        if byte != Self.quote { index += 1; continue }
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[segmentStart..<index]))
                        if index + 1 < end, buffer[index + 1] == Self.quote {
                            bytes.append(Self.quote); index += 2; segmentStart = index; continue
                        }
                        if index + 1 >= end, !final { break records }
                        index += 1
                        break
                    }
                    fields.append(String(decoding: bytes, as: UTF8.self))
                    if index < end {
                        let next = buffer[index]
                        if next != delimiter, next != Self.newline,
                           !(next == Self.cr && index + 1 < end && buffer[index + 1] == Self.newline) {
                            if next == Self.cr, index + 1 >= end, !final { break records }
                            throw .textAfterClosingQuote(line: currentLine, field: fields.count)
                        }
                    }
                } else {
                    let start = index
                    while index < end {
                        let byte = buffer[index]
                        if byte == delimiter || byte == Self.newline { break }
                        if byte == Self.quote { throw .quoteInUnquotedField(line: currentLine, field: fields.count + 1) }
                        index += 1
                    }
                    var fieldEnd = index
                    if index < end, buffer[index] == Self.newline, fieldEnd > start, buffer[fieldEnd - 1] == Self.cr { fieldEnd -= 1 }
                    if index >= end, !final { break records }
                    if index >= end, fieldEnd > start, buffer[fieldEnd - 1] == Self.cr { fieldEnd -= 1 }
                    if fieldEnd > start { lineIsEmpty = false }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<fieldEnd]), as: UTF8.self))
                }
                // After a field: a delimiter, a line break, or the end of the input.
                if index < end, buffer[index] == delimiter { index += 1; lineIsEmpty = false; continue fieldLoop }
                if index < end, buffer[index] == Self.cr { index += 1 }
                if index < end, buffer[index] == Self.newline { index += 1; currentLine += 1; break fieldLoop }
                if index >= end, !final { break records }
                break fieldLoop
            }
            consumed = index
            line = currentLine
            if !(lineIsEmpty && fields.count == 1) { rows.append(Row(line: rowLine, fields: fields)) }
        }
        return consumed
    }
}
