import Foundation
import LeewayCore

extension PolicySet {
    /// The customer-facing roles, in declaration order.
    var customerFacingRoles: [Role] { roles.filter(\.customerFacing) }

    /// The first-contact roles (SPEC §9.10.7): customer-facing roles without
    /// `reachable-within`, the ones a customer reaches without being handed over. When
    /// every customer-facing role declares `reachable-within`, all of them.
    var firstContactRoles: [Role] {
        let facing = customerFacingRoles
        let first = facing.filter { $0.reachableWithin == nil }
        return first.isEmpty ? facing : first
    }

    /// An amount written as the policy writes money: `100 USD`, or `100` without a currency.
    func moneyText(_ amount: Decimal) -> String {
        guard let currency = currency?.value else { return Money.format(amount) }
        return Money(amount, currency).description
    }

    /// Every approval in the policy with where it is: grants, `above-limit`, process steps.
    /// The places carry names, not copies of the actions (rules run on every file).
    var allApprovals: [(approval: Approval, place: ApprovalPlace)] {
        // Labelled like the result (an unlabelled array was converted element by element),
        // and read in place by index (a `for` over the actions copied each action and grant).
        var out: [(approval: Approval, place: ApprovalPlace)] = []
        for a in actions.indices {
            let name = actions[a].name
            for g in actions[a].grants.indices {
                if let approval = actions[a].grants[g].approval {
                    out.append((approval, .grant(action: name, role: actions[a].grants[g].role.value)))
                }
            }
            if let approval = actions[a].aboveLimit?.approval {
                // An amount rule without `max` has no highest value: the message then
                // says "past every grant" (SPEC §9.10.6).
                var highest: Quantity?
                var unbounded = false
                for g in actions[a].grants.indices {
                    if actions[a].grants[g].upToRule != nil && actions[a].grants[g].staticUpTo == nil { unbounded = true }
                    guard let limit = actions[a].grants[g].staticUpTo else { continue }
                    if let current = highest, limit.compare(current) != .orderedDescending { continue }
                    highest = limit
                }
                if unbounded { highest = nil }
                out.append((approval, .aboveLimit(action: name, highest: highest)))
            }
        }
        for p in processes.indices {
            for s in processes[p].steps.indices {
                if case .approval(let approval) = processes[p].steps[s].kind { out.append((approval, .step(process: processes[p].name))) }
            }
        }
        return out
    }
}

extension PolicySet {
    /// The written node at a key path, as a located value (for findings on a key the
    /// model does not keep a location for, such as an amount rule's `max`).
    func located(at path: KeyPath, like location: SourceLocation) -> Located<String>? {
        guard let node = root.node(at: path) else { return nil }
        return Located(node.scalar ?? "", at: SourceLocation(file: location.file, position: node.start), end: node.end)
    }
}

/// Where an approval is written.
enum ApprovalPlace {
    case grant(action: String, role: String)
    /// `above-limit` of an action, with the highest `up-to` of its grants.
    case aboveLimit(action: String, highest: Quantity?)
    case step(process: String)

    /// The action or process the approval belongs to.
    var owner: String {
        switch self {
        case .grant(let action, _), .aboveLimit(let action, _): return action
        case .step(let process): return process
        }
    }
}

/// Whether `name` matches a glob `pattern`: `*` stands for any run of characters
/// (none included), `?` for one; everything else matches itself.
func globMatches(_ pattern: String, _ name: String) -> Bool {
    // ASCII without carriage returns (each Character one byte): matched on the bytes,
    // in place; anything else Character by Character.
    func plain(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
    if plain(pattern), plain(name),
       let matched = pattern.utf8.withContiguousStorageIfAvailable({ p in
           name.utf8.withContiguousStorageIfAvailable { n in
               glob(p, n, star: UInt8(ascii: "*"), one: UInt8(ascii: "?"))
           }
       }), let matched {
        return matched
    }
    return glob(Array(pattern), Array(name), star: "*", one: "?")
}

private func glob<C: RandomAccessCollection>(_ p: C, _ n: C, star starElement: C.Element, one: C.Element) -> Bool
    where C.Index == Int, C.Element: Equatable {
    var pi = p.startIndex, ni = n.startIndex
    var star = -1, mark = 0
    while ni < n.endIndex {
        if pi < p.endIndex, p[pi] == one || (p[pi] != starElement && p[pi] == n[ni]) {
            pi += 1
            ni += 1
        } else if pi < p.endIndex, p[pi] == starElement {
            star = pi
            mark = ni
            pi += 1
        } else if star >= 0 {
            pi = star + 1
            mark += 1
            ni = mark
        } else {
            return false
        }
    }
    while pi < p.endIndex, p[pi] == starElement { pi += 1 }
    return pi == p.endIndex
}

/// `` `a`, `b`, `c` `` for messages.
func codeList(_ items: [String]) -> String {
    items.map { "`\($0)`" }.joined(separator: ", ")
}

/// A list's items without backticks, for arguments already inside backticks.
func plainList(_ items: [String]) -> String {
    items.joined(separator: ", ")
}

extension PolicySet {
    /// A value as the policy writes it (`72h` stays `72h`, not `3d`), read from the
    /// source between its start and end; `fallback` when that is not one plain line.
    /// Scans the file's UTF-8 bytes for the line (no full split into lines: rules run on
    /// every file of a large check, and most files are never quoted).
    func written<T>(_ value: Located<T>, _ fallback: @autoclosure () -> String) -> String {
        guard let start = value.location.position, let end = value.end, start.line == end.line,
              end.column > start.column else { return fallback() }
        // The file's lines, split once (and kept: reports quote them), counted from the
        // text's start and cut at a carriage return as `line(_:of:)` cuts them.
        let lines = file.lines
        guard start.line >= 1, start.line <= lines.count else { return fallback() }
        var line = lines[start.line - 1]
        let from = start.column - 1
        // Columns count Unicode scalars: where the line is ASCII up to the value's end,
        // they are bytes, and the value is cut from the bytes at once.
        let cut: String?? = line.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var limit = bytes.count
            if let cr = bytes.firstIndex(of: 13) { limit = cr }
            let to = min(end.column - 1, limit)
            guard from >= 0, from < to else { return nil }
            for byte in bytes[..<to] where byte >= 0x80 { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        var text = ""
        if let cut = cut, let ascii = cut {
            text = ascii
        } else {
            if let cr = line.utf8.firstIndex(of: 13) { line = line[..<cr] }
            let scalars = Array(line.unicodeScalars)
            let to = min(end.column - 1, scalars.count)
            guard from >= 0, from < to else { return fallback() }
            text.unicodeScalars.append(contentsOf: scalars[from..<to])
        }
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            text = String(text.dropFirst().dropLast())
        }
        // ASCII whitespace is a space or a tab: ASCII text that neither starts nor ends
        // with one is already trimmed (and Foundation's trimming costs a bridge per value).
        if let first = text.utf8.first, let last = text.utf8.last, text.utf8.allSatisfy({ $0 < 0x80 }),
           first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return text
        }
        text = text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? fallback() : text
    }

    /// The text of a 1-based line, found by scanning bytes.
    static func line(_ number: Int, of text: String) -> String? {
        let found: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var line = 1
            var lineStart = 0
            var index = 0
            while index < bytes.count && line < number {
                if bytes[index] == 10 {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            guard line == number else { return nil }
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 10 && bytes[lineEnd] != 13 { lineEnd += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
        }
        if let found { return found }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1].hasSuffix("\r") ? lines[number - 1].dropLast() : lines[number - 1])
    }
}
