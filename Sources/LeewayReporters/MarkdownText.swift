import Foundation

/// Escaping for Markdown (CommonMark with GitHub's tables), shared by the Markdown
/// report and SARIF `help.markdown`.
///
/// Messages write user values in backticks; those stay code spans. Everything else is
/// text in which Markdown syntax is escaped, so a policy value can never add a link, an
/// image, HTML or a table column.
public enum MarkdownText {
    /// Characters that start Markdown (or GitHub) syntax inside a line.
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "!", "&", "$", "{", "}"]

    /// `special` as a table of ASCII bytes.
    static let specialBytes: [Bool] = (0..<128).map { byte in special.contains(Character(Unicode.Scalar(UInt8(byte)))) }

    /// ASCII with no carriage return: each character is one byte (a CR LF pair would be
    /// one character), so the byte-level paths give what the character-level ones give.
    static func isPlainASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
            return true
        }
    }

    /// Text for one line, keeping balanced backtick spans as code.
    public static func inline(_ text: String) -> String {
        let pieces = isPlainASCII(text)
            ? text.utf8.split(separator: UInt8(ascii: "`"), omittingEmptySubsequences: false).map { Substring($0) }
            : text.split(separator: "`", omittingEmptySubsequences: false)
        // An odd number of backticks: no reliable spans, escape them all.
        guard pieces.count % 2 == 1 else { return escape(text) }
        var out = ""
        for (index, piece) in pieces.enumerated() {
            if index % 2 == 0 {
                out += escape(String(piece))
            } else {
                out += code(String(piece))
            }
        }
        return out
    }

    /// Text for a table cell: `inline`, with line breaks as `<br>` and pipes escaped
    /// inside code spans too (GitHub splits cells before reading spans).
    public static func cell(_ text: String) -> String {
        if isPlainASCII(text) {
            return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
                .map { inline(String(Substring($0))) }.joined(separator: "<br>")
        }
        return lines(text).map { inline(String($0)) }.joined(separator: "<br>")
    }

    /// `cell(text)` appended to `out` as UTF-8. Plain ASCII in one pass over its bytes,
    /// as `cell` splits it (lines joined by `<br>`; in a line with balanced backticks, the
    /// spans between them as code, which holds no backtick, the rest escaped; in a line
    /// with an odd number, the whole line escaped): no pieces, no strings on the way.
    static func appendCell(_ text: String, to out: inout [UInt8]) {
        guard isPlainASCII(text) else {
            out.append(contentsOf: cell(text).utf8)
            return
        }
        var text = text
        text.withUTF8 { bytes in specialBytes.withUnsafeBufferPointer { table in
            // Runs of bytes that stand for themselves are copied whole; a line break
            // becomes a space and a byte `escapes` says is special gets a backslash.
            func copy(_ from: Int, _ to: Int, escaping escapes: (UInt8) -> Bool) {
                var run = from
                for index in from..<to {
                    let byte = bytes[index]
                    guard byte == 0x0A || escapes(byte) else { continue }
                    if run < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
                    if byte == 0x0A {
                        out.append(0x20)
                    } else {
                        out.append(UInt8(ascii: "\\"))
                        out.append(byte)
                    }
                    run = index + 1
                }
                if run < to { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<to])) }
            }
            func escape(_ from: Int, _ to: Int) {
                copy(from, to) { table[Int($0)] }
            }
            func code(_ from: Int, _ to: Int) {
                out.append(UInt8(ascii: "`"))
                if from == to { out.append(0x20) }
                copy(from, to) { $0 == UInt8(ascii: "|") }
                out.append(UInt8(ascii: "`"))
            }
            var lineStart = 0
            var firstLine = true
            while true {
                var lineEnd = lineStart
                var ticks = 0
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A {
                    if bytes[lineEnd] == UInt8(ascii: "`") { ticks += 1 }
                    lineEnd += 1
                }
                if !firstLine { out.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "b"), UInt8(ascii: "r"), UInt8(ascii: ">")]) }
                firstLine = false
                if ticks % 2 == 1 {
                    escape(lineStart, lineEnd)
                } else {
                    var pieceStart = lineStart
                    var inCode = false
                    for index in lineStart...lineEnd where index == lineEnd || bytes[index] == UInt8(ascii: "`") {
                        if inCode { code(pieceStart, index) } else { escape(pieceStart, index) }
                        inCode.toggle()
                        pieceStart = index + 1
                    }
                }
                guard lineEnd < bytes.count else { break }
                lineStart = lineEnd + 1
            }
        } }
    }

    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }

    /// `cell` and `inline` character by character, for the tests to hold the byte paths to.
    static func characterCell(_ text: String) -> String {
        lines(text).map { characterInline(String($0)) }.joined(separator: "<br>")
    }

    static func characterInline(_ line: String) -> String {
        let pieces = line.split(separator: "`", omittingEmptySubsequences: false)
        guard pieces.count % 2 == 1 else { return characterEscape(line) }
        return pieces.enumerated().map { $0.offset % 2 == 0 ? characterEscape(String($0.element)) : characterCode(String($0.element)) }
            .joined()
    }

    /// A code span for any text: the fence is longer than any run of backticks inside,
    /// and `|` is escaped so the span is safe in a table cell.
    public static func code(_ text: String) -> String {
        // The common span (a rule id, a path): nothing in it but plain bytes, in one fence.
        var bytes = text
        let simple = bytes.withUTF8 { buffer -> Bool in
            guard !buffer.isEmpty else { return false }
            for byte in buffer where byte >= 0x80 || byte < 0x20 || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "|") { return false }
            return true
        }
        if simple { return "`" + text + "`" }
        if isPlainASCII(text) {
            // ASCII without carriage returns: every character is one byte.
            var longest = 0, run = 0
            for byte in text.utf8 {
                if byte == UInt8(ascii: "`") { run += 1; longest = max(longest, run) } else { run = 0 }
            }
            var out: [UInt8] = Array(repeating: UInt8(ascii: "`"), count: longest + 1)
            let fence = out
            let utf8 = text.utf8
            let padded = !utf8.isEmpty && (utf8.first == UInt8(ascii: "`") || utf8.last == UInt8(ascii: "`"))
            if utf8.isEmpty { out.append(0x20) }
            if padded { out.append(0x20) }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "|"): out += [UInt8(ascii: "\\"), byte]
                case 0x0A: out.append(0x20)
                default: out.append(byte)
                }
            }
            if padded { out.append(0x20) }
            out += fence
            return String(decoding: out, as: UTF8.self)
        }
        return characterCode(text)
    }

    /// `code` character by character: for any text (the tests hold the byte path to it).
    static func characterCode(_ text: String) -> String {
        var longest = 0, run = 0
        for char in text {
            if char == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        var body = text.replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        if body.isEmpty { body = " " }
        if body.first == "`" || body.last == "`" { body = " " + body + " " }
        return fence + body + fence
    }

    /// Backslash-escapes Markdown syntax in plain text.
    public static func escape(_ text: String) -> String {
        if isPlainASCII(text) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count + 8)
            for byte in text.utf8 {
                if byte == 0x0A {
                    out.append(0x20)
                } else if specialBytes[Int(byte)] {
                    out += [UInt8(ascii: "\\"), byte]
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return characterEscape(text)
    }

    /// `escape` character by character: for any text.
    static func characterEscape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for char in text {
            switch char {
            case "\n", "\r": out += " "
            case _ where special.contains(char): out += "\\" + String(char)
            default: out.append(char)
            }
        }
        return out
    }
}
