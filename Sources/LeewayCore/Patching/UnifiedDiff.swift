/// A unified diff (`diff -u`, as `git apply` and `patch -p1` take it) between two texts.
public enum UnifiedDiff {
    /// The diff of `old` → `new`, with `a/` and `b/` prefixed paths; empty when equal.
    public static func make(old: String, new: String, path: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        guard a != b else { return "" }
        let script = editScript(a, b)
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        // Group the script into hunks with `context` unchanged lines around changes.
        var index = 0
        while index < script.count {
            guard let firstChange = script[index...].firstIndex(where: { $0.kind != .same }) else { break }
            var hunkStart = max(index, firstChange - context)
            if hunkStart < index { hunkStart = index }
            var hunkEnd = firstChange
            var lastChange = firstChange
            while hunkEnd < script.count {
                if script[hunkEnd].kind != .same { lastChange = hunkEnd }
                if hunkEnd - lastChange > 2 * context { break }
                hunkEnd += 1
            }
            hunkEnd = min(script.count, lastChange + context + 1)
            let hunk = script[hunkStart..<hunkEnd]
            let oldStart = hunk.first?.oldLine ?? 0, newStart = hunk.first?.newLine ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for entry in hunk {
                switch entry.kind {
                case .same: out += " " + entry.text.line
                case .delete: out += "-" + entry.text.line
                case .insert: out += "+" + entry.text.line
                }
                if !entry.text.newline { out += "\n\\ No newline at end of file\n" }
            }
            index = hunkEnd
        }
        return out
    }

    /// The changes from `old` to `new` as whole-line edits on `old`: each run of changed
    /// lines replaced by the new ones (an insertion where none is removed).
    public static func lineEdits(old: String, new: String) -> [TextEdit] {
        let a = lines(old), b = lines(new)
        guard a != b else { return [] }
        var edits: [TextEdit] = []
        var index = 0
        let script = editScript(a, b)
        while index < script.count {
            guard script[index].kind != .same else { index += 1; continue }
            let first = script[index].oldLine
            var removed: [Line] = []
            var inserted = ""
            while index < script.count, script[index].kind != .same {
                if script[index].kind == .delete { removed.append(script[index].text) } else { inserted += script[index].text.line }
                index += 1
            }
            let start = SourcePosition(line: first, column: 1)
            var end = SourcePosition(line: first + removed.count, column: 1)
            if let last = removed.last, !last.newline {
                end = SourcePosition(line: first + removed.count - 1, column: last.line.unicodeScalars.count + 1)
            }
            edits.append(TextEdit(start: start, end: end, replacement: inserted))
        }
        return edits
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        // An empty range names the line before it (diff's convention).
        if count == 0 { return "\(max(0, start - 1)),0" }
        return count == 1 ? "\(start)" : "\(start),\(count)"
    }

    struct Line: Equatable {
        var line: String
        var newline: Bool
    }

    static func lines(_ text: String) -> [Line] {
        // Split on the bytes: a line feed is always a grapheme of its own (or the end of a
        // CRLF pair, which stays in its line), so this is the same as walking characters.
        var result: [Line] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == 0x0A {
                result.append(Line(line: String(Substring(utf8[start..<next])), newline: true))
                start = next
            }
            index = next
        }
        if start != utf8.endIndex { result.append(Line(line: String(Substring(utf8[start...])), newline: false)) }
        return result
    }

    enum Kind { case same, delete, insert }

    struct Entry {
        var kind: Kind
        var text: Line
        /// 1-based line numbers where this entry sits in the old and the new text.
        var oldLine: Int
        var newLine: Int
    }

    /// The shortest edit script: the common head and tail are matched first, and the
    /// middle by the standard library's `CollectionDifference` (Myers' algorithm), so time
    /// and memory grow with the size of the change, not with the product of the lengths
    /// (a 16,000-line policy with one fix takes a few megabytes, not gigabytes).
    static func editScript(_ a: [Line], _ b: [Line]) -> [Entry] {
        let n = a.count, m = b.count
        var head = 0
        while head < n, head < m, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < n - head, tail < m - head, a[n - 1 - tail] == b[m - 1 - tail] { tail += 1 }
        let middleA = a[head..<(n - tail)], middleB = b[head..<(m - tail)]
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in middleB.difference(from: middleA) {
            switch change {
            case .remove(let offset, _, _): removed.insert(head + offset)
            case .insert(let offset, _, _): inserted.insert(head + offset)
            }
        }
        var entries: [Entry] = []
        entries.reserveCapacity(max(n, m) + inserted.count)
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, removed.contains(i) {
                // Deletions first, as `diff` and `git diff` show them.
                entries.append(Entry(kind: .delete, text: a[i], oldLine: i + 1, newLine: j + 1))
                i += 1
            } else if j < m, inserted.contains(j) {
                entries.append(Entry(kind: .insert, text: b[j], oldLine: i + 1, newLine: j + 1))
                j += 1
            } else {
                entries.append(Entry(kind: .same, text: a[i], oldLine: i + 1, newLine: j + 1))
                i += 1; j += 1
            }
        }
        return entries
    }
}
