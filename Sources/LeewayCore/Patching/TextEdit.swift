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
        let scalars = Array(text.unicodeScalars)
        let crlf = scalars.firstIndex(of: "\n").map { $0 > 0 && scalars[$0 - 1] == "\r" } ?? false
        // Offsets (in scalars) of each line's start; a final entry for the end of text.
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            lineStarts.append(index + 1)
        }
        func offset(_ position: SourcePosition) throws -> Int {
            if position.line == lineStarts.count + 1 && position.column == 1 { return scalars.count }
            guard position.line >= 1, position.line <= lineStarts.count else { throw TextEditError.outOfRange(position) }
            let value = lineStarts[position.line - 1] + position.column - 1
            let lineEnd = position.line < lineStarts.count ? lineStarts[position.line] : scalars.count
            guard position.column >= 1, value <= lineEnd else { throw TextEditError.outOfRange(position) }
            return value
        }
        var resolved: [(start: Int, end: Int, replacement: String)] = []
        for edit in edits {
            resolved.append((start: try offset(edit.start), end: try offset(edit.end), replacement: edit.replacement))
        }
        resolved.sort { left, right in left.start == right.start ? left.end < right.end : left.start < right.start }
        var out = String.UnicodeScalarView()
        var cursor = 0
        for (start, end, replacement) in resolved {
            guard start >= cursor, end >= start else {
                throw TextEditError.overlapping(SourcePosition(line: 0, column: start))
            }
            out.append(contentsOf: scalars[cursor..<start])
            if crlf {
                var previous: Unicode.Scalar?
                for scalar in replacement.unicodeScalars {
                    if scalar == "\n" && previous != "\r" { out.append("\r") }
                    out.append(scalar)
                    previous = scalar
                }
            } else {
                out.append(contentsOf: replacement.unicodeScalars)
            }
            cursor = end
        }
        out.append(contentsOf: scalars[cursor...])
        return String(out)
    }
}
