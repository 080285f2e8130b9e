import Foundation

/// A position in a YAML source: 1-based line and column (columns count Unicode scalars,
/// as libyaml does).
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file.
    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where something is: a file (as the user named it) and, when known, a position in it.
/// A location without a position is about the whole file (an unreadable file, say).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition?

    public init(file: String, position: SourcePosition?) {
        self.file = file
        self.position = position
    }

    public init(file: String, line: Int, column: Int) {
        self.init(file: file, position: SourcePosition(line: line, column: column))
    }

    public var line: Int? { position?.line }
    public var column: Int? { position?.column }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        switch (a.position, b.position) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case let (x?, y?): return x < y
        }
    }

    /// `file:line:column`, or just `file` for a whole-file location.
    public var description: String {
        guard let position else { return file }
        return "\(file):\(position.line):\(position.column)"
    }
}

/// The text of a source file, kept so that reports can quote the offending line and
/// patches can edit the original bytes.
public final class SourceFile: @unchecked Sendable {
    /// The path as the user named it (relative paths stay relative), or `<stdin>`.
    public let path: String
    public let text: String
    /// The line number of the text's first line: 1 for a whole file, more for one
    /// document of a streamed case file (whose findings keep the file's line numbers).
    public let firstLine: Int
    private let lock = NSLock()
    private var _lines: [Substring]?

    public init(path: String, text: String, firstLine: Int = 1) {
        self.path = path
        self.text = text
        self.firstLine = firstLine
    }

    /// The source lines, without line terminators.
    public var lines: [Substring] {
        lock.lock()
        defer { lock.unlock() }
        if let lines = _lines { return lines }
        let lines = SourceFile.lines(of: text)
        _lines = lines
        return lines
    }

    /// A text's lines, without line terminators (a CR of CRLF dropped), as slices of it.
    public static func lines(of text: String) -> [Substring] {
        // Split on the contiguous UTF-8 bytes (much cheaper than by Character or by
        // stepping indices), then drop a CR of CRLF; offsets become indices in O(1).
        var lines: [Substring] = []
        let utf8 = text.utf8
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            func line(_ start: Int, _ end: Int) -> Substring {
                text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
            }
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                lines.append(line(start, index > start && bytes[index - 1] == 0x0D ? index - 1 : index))
                start = index + 1
            }
            lines.append(line(start, bytes.count > start && bytes[bytes.count - 1] == 0x0D ? bytes.count - 1 : bytes.count))
            return true
        }
        if found == nil {
            var start = utf8.startIndex
            var index = start
            while index != utf8.endIndex {
                if utf8[index] == 0x0A {
                    var end = index
                    if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
                    lines.append(text[start..<end])
                    start = utf8.index(after: index)
                }
                index = utf8.index(after: index)
            }
            var end = utf8.endIndex
            if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
            lines.append(text[start..<end])
        }
        return lines
    }

    /// The text of a 1-based line, if it exists.
    public func line(_ number: Int) -> Substring? {
        let lines = self.lines
        let index = number - firstLine
        guard index >= 0, index < lines.count else { return nil }
        return lines[index]
    }
}
