import Foundation
import LeewayCore
import LeewayEngine

/// A policy file's text with the small, located edits overrides and fixes make: replace
/// a scalar keeping the way it was written, insert a list item next to another, insert
/// or remove whole lines. Every edit is a `TextEdit` on the original text, so comments,
/// key order, quoting and indentation elsewhere stay byte for byte.
public struct PolicyText: Sendable {
    public let text: String
    /// Each line, without its terminator (a CR of CRLF dropped), as a slice of `text`, and
    /// whether it is all ASCII (then a column is a byte offset, and lines and slices are cut
    /// from the bytes at once: a batch of cases reads the same few lines again and again).
    let lines: [Substring]
    let asciiLines: [Bool]

    public init(_ text: String) {
        self.text = text
        lines = SourceFile.lines(of: text)
        asciiLines = lines.map { line in line.utf8.allSatisfy { $0 < 0x80 } }
    }

    public var lineCount: Int { lines.count }

    /// A 1-based line's text, without its terminator ("" past the end).
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        return String(lines[number - 1])
    }

    /// The number of Unicode scalars on a 1-based line (its last column is this + 1).
    func scalarCount(ofLine number: Int) -> Int {
        let line = lines[number - 1]
        return asciiLines[number - 1] ? line.utf8.count : line.unicodeScalars.count
    }

    /// The line's text from column `from` to column `to` (0-based scalar offsets, `to`
    /// clamped to the line's end); nil when `from` is past `to`.
    func cut(line number: Int, from: Int, to: Int) -> String? {
        let line = lines[number - 1]
        if asciiLines[number - 1] {
            let utf8 = line.utf8
            let to = min(to, utf8.count)
            guard from >= 0, from <= to else { return nil }
            return String(line[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
        }
        let scalars = line.unicodeScalars
        let to = min(to, scalars.count)
        guard from >= 0, from <= to else { return nil }
        return String(String.UnicodeScalarView(scalars[scalars.index(scalars.startIndex, offsetBy: from)..<scalars.index(scalars.startIndex, offsetBy: to)]))
    }

    /// The text between two positions on one line; nil when they span lines.
    public func slice(_ start: SourcePosition, _ end: SourcePosition) -> String? {
        guard start.line == end.line, start.line >= 1, start.line <= lines.count else { return nil }
        return cut(line: start.line, from: start.column - 1, to: end.column - 1)
    }

    /// The value as written (`72h`, `"25 USD"` with its quotes), when it sits on one line.
    public func written<T>(_ value: Located<T>) -> String? {
        guard let start = value.location.position, let end = value.end else { return nil }
        return slice(start, end)
    }

    /// The spaces a line starts with.
    public func indentation(ofLine number: Int) -> String {
        String(line(number).prefix { $0 == " " })
    }

    /// What precedes a position on its line.
    func prefix(before position: SourcePosition) -> String {
        guard position.line >= 1, position.line <= lines.count else { return "" }
        return cut(line: position.line, from: 0, to: max(0, position.column - 1)) ?? ""
    }

    /// Whether a line holds only a comment (or is blank when `blank` is true).
    func isComment(_ number: Int, orBlank blank: Bool = false) -> Bool {
        let trimmed = line(number).trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("#") || (blank && trimmed.isEmpty)
    }

    // MARK: - Edits

    /// Replaces a written value, keeping its quotes when it was quoted.
    public func replace<T>(_ value: Located<T>, with replacement: String) -> TextEdit? {
        guard let start = value.location.position, let end = value.end, let old = slice(start, end) else { return nil }
        return TextEdit(start: start, end: end, replacement: PolicyText.requote(replacement, like: old))
    }

    /// Replaces a node's text (start to end on one line), keeping its quotes.
    public func replace(node: YAMLNode, with replacement: String) -> TextEdit? {
        guard let old = slice(node.start, node.end) else { return nil }
        return TextEdit(start: node.start, end: node.end, replacement: PolicyText.requote(replacement, like: old))
    }

    static func requote(_ replacement: String, like old: String) -> String {
        if let first = old.first, first == "\"" || first == "'", old.count >= 2, old.last == first {
            return "\(first)\(replacement)\(first)"
        }
        return replacement
    }

    /// Inserts a new item into the list holding the item that starts at `item`: a new
    /// line `- body` before it in a block list, `body, ` before it in a flow list.
    public func insertItem(_ body: String, before item: SourcePosition) -> TextEdit? {
        let before = prefix(before: item)
        let trimmed = before.trimmingCharacters(in: .whitespaces)
        if trimmed == "-" {
            let dash = before.firstIndex(of: "-")!
            let indent = String(before[..<dash])
            return TextEdit.insertLines(["\(indent)- \(body)"], before: item.line)
        }
        if trimmed.hasSuffix("[") || trimmed.hasSuffix(",") {
            return TextEdit(start: item, end: item, replacement: body + ", ")
        }
        return nil
    }

    /// Inserts a new item after a list's last item when that item sits on one line
    /// (`- { … }` in a block list, or inside `[ … ]`); else before its first item.
    public func appendItem(_ body: String, to list: YAMLNode) -> TextEdit? {
        guard let items = list.sequence, let last = items.last, let first = items.first else { return nil }
        if list.style == .flow {
            return TextEdit(start: last.end, end: last.end, replacement: ", " + body)
        }
        let before = prefix(before: last.start).trimmingCharacters(in: .whitespaces)
        if before == "-", last.start.line == last.contentEnd.line {
            let raw = prefix(before: last.start)
            let indent = String(raw[..<raw.firstIndex(of: "-")!])
            return insertLines(["\(indent)- \(body)"], after: last.start.line)
        }
        return insertItem(body, before: first.start)
    }

    /// Inserts whole lines after a 1-based line, also when it is the last line and has
    /// no line terminator.
    public func insertLines(_ new: [String], after line: Int) -> TextEdit {
        if line < lines.count { return TextEdit.insertLines(new, before: line + 1) }
        let position = SourcePosition(line: line, column: scalarCount(ofLine: line) + 1)
        return TextEdit(start: position, end: position, replacement: new.map { "\n" + $0 }.joined())
    }

    /// Removes the whole lines from `first` through `last`.
    public func removeLines(_ first: Int, through last: Int) -> TextEdit {
        let end = last + 1 <= lines.count ? SourcePosition(line: last + 1, column: 1)
            : SourcePosition(line: last, column: scalarCount(ofLine: last) + 1)
        return TextEdit(start: SourcePosition(line: first, column: 1), end: end, replacement: "")
    }

    /// Removes a list item: its lines in a block list (when nothing else shares them),
    /// or the item and one comma in a flow list.
    public func removeItem(at index: Int, of list: YAMLNode) -> TextEdit? {
        guard let items = list.sequence, index < items.count else { return nil }
        let item = items[index]
        if list.style == .flow {
            if items.count == 1 { return nil }
            if index > 0 {
                return TextEdit(start: items[index - 1].end, end: item.end, replacement: "")
            }
            return TextEdit(start: item.start, end: items[1].start, replacement: "")
        }
        let before = prefix(before: item.start).trimmingCharacters(in: .whitespaces)
        guard before == "-" else { return nil }
        let last = item.contentEnd.line
        // Another item starting on the last line means the lines are shared.
        if index + 1 < items.count, items[index + 1].start.line <= last { return nil }
        return removeLines(item.start.line, through: last)
    }

    /// Removes a key and its value from a mapping: `, key: value` in a flow mapping, or
    /// its lines in a block mapping.
    public func removePair(_ name: String, from mapping: YAMLNode) -> TextEdit? {
        guard let pairs = mapping.mapping, let index = pairs.firstIndex(where: { $0.name == name }) else { return nil }
        let pair = pairs[index]
        if mapping.style == .flow {
            if index > 0 { return TextEdit(start: pairs[index - 1].value.end, end: pair.value.end, replacement: "") }
            if pairs.count > 1 { return TextEdit(start: pair.key.start, end: pairs[1].key.start, replacement: "") }
            return nil
        }
        guard prefix(before: pair.key.start).trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let last = pair.value.contentEnd.line
        if index + 1 < pairs.count, pairs[index + 1].key.start.line <= last { return nil }
        return removeLines(pair.key.start.line, through: last)
    }

    /// Adds `key: value` to a mapping: before the closing brace of a flow mapping, or
    /// as a new line after the mapping's first line in a block mapping.
    public func addPair(_ key: String, _ value: String, to mapping: YAMLNode) -> TextEdit? {
        guard let pairs = mapping.mapping, let last = pairs.last, let first = pairs.first else { return nil }
        if mapping.style == .flow {
            return TextEdit(start: last.value.end, end: last.value.end, replacement: ", \(key): \(value)")
        }
        let indent = String(repeating: " ", count: first.key.start.column - 1)
        if last.key.start.line == last.value.contentEnd.line {
            return insertLines([indent + "\(key): \(value)"], after: last.key.start.line)
        }
        guard prefix(before: first.key.start).allSatisfy({ $0 == " " }) else { return nil }
        return TextEdit.insertLines([indent + "\(key): \(value)"], before: first.key.start.line)
    }
}

/// Values written the way a policy writes them.
public enum PolicyValue {
    /// An amount in the style of an existing one: `40 USD` where the policy wrote
    /// `25 USD`, a bare `40` where it wrote `25`.
    public static func text(_ quantity: Quantity, like written: String?, currency: String?) -> String {
        switch quantity {
        case .money(let money):
            let unquoted = written.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")) }
            if let unquoted, !unquoted.contains(" "), money.currency == currency { return Money.format(money.amount) }
            return money.description
        case .duration(let duration): return duration.description
        case .count(let count): return String(count)
        }
    }

    /// A scalar safe to write plainly in a flow list or mapping, quoted otherwise.
    public static func scalar(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == "." || $0 == " " }
        let reserved = ["yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"]
        if plain, let first = text.unicodeScalars.first, CharacterSet.letters.contains(first), !reserved.contains(text.lowercased()),
           !text.hasSuffix(" ") {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
