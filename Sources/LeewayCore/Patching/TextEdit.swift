import Foundation

/// One edit of a source file's text: replace what lies between two positions (end
/// exclusive; equal positions insert). Edits are made in the original text at the
/// source locations, so comments, key order, quoting and indentation everywhere else
/// stay byte for byte.
public struct TextEdit: Sendable, Equatable {
    public var start: SourcePosition
    public var end: SourcePosition
    public var replacement: String

    public init(start: SourcePosition, end: SourcePosition, replacement: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
    }

    /// Replaces a located scalar (`within: 3d` → `within: 15m`): from its start to its end.
    public static func replace<T>(_ located: Located<T>, with text: String) -> TextEdit? {
        guard let start = located.location.position, let end = located.end else { return nil }
        return TextEdit(start: start, end: end, replacement: text)
    }

    /// Inserts whole lines before a 1-based line (or at the end, past the last line).
    public static func insertLines(_ lines: [String], before line: Int) -> TextEdit {
        let position = SourcePosition(line: line, column: 1)
        return TextEdit(start: position, end: position, replacement: lines.map { $0 + "\n" }.joined())
    }
}

public enum TextEditError: Error, Equatable, Sendable {
    case outOfRange(SourcePosition)
    case overlapping(SourcePosition)
}

extension TextEdit {
    /// Applies edits to a text. Positions count lines from 1 and columns in Unicode
    /// scalars from 1, as libyaml reports them. Overlapping edits are refused. In a file
    /// whose lines end in CRLF, the lines an edit adds end in CRLF too.
    public static func apply(_ edits: [TextEdit], to text: String) throws -> String {
        // On the UTF-8 bytes: columns count scalars, so a column becomes a byte offset by
        // stepping over the line's scalars (a byte that is not a continuation byte starts one).
        var text = text
        return try text.withUTF8 { bytes in
            let crlf = bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } ?? false
            // Byte offsets of each line's start.
            var lineStarts = [0]
            for index in bytes.indices where bytes[index] == 0x0A { lineStarts.append(index + 1) }
            func offset(_ position: SourcePosition) throws -> Int {
                if position.line == lineStarts.count + 1 && position.column == 1 { return bytes.count }
                guard position.line >= 1, position.line <= lineStarts.count, position.column >= 1 else {
                    throw TextEditError.outOfRange(position)
                }
                let lineEnd = position.line < lineStarts.count ? lineStarts[position.line] : bytes.count
                var at = lineStarts[position.line - 1]
                var left = position.column - 1
                while left > 0 {
                    guard at < lineEnd else { throw TextEditError.outOfRange(position) }
                    at += 1
                    while at < lineEnd && bytes[at] & 0xC0 == 0x80 { at += 1 }
                    left -= 1
                }
                return at
            }
            var resolved: [(start: Int, end: Int, replacement: String)] = []
            resolved.reserveCapacity(edits.count)
            for edit in edits {
                resolved.append((start: try offset(edit.start), end: try offset(edit.end), replacement: edit.replacement))
            }
            resolved.sort { left, right in left.start == right.start ? left.end < right.end : left.start < right.start }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + resolved.reduce(0) { $0 + $1.replacement.utf8.count + 8 })
            var cursor = 0
            for (start, end, replacement) in resolved {
                guard start >= cursor, end >= start else {
                    throw TextEditError.overlapping(SourcePosition(line: 0, column: start))
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<start]))
                if crlf {
                    var previous: UInt8 = 0
                    for byte in replacement.utf8 {
                        if byte == 0x0A && previous != 0x0D { out.append(0x0D) }
                        out.append(byte)
                        previous = byte
                    }
                } else {
                    out.append(contentsOf: replacement.utf8)
                }
                cursor = end
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor...]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
