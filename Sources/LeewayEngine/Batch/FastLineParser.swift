import Foundation
import LeewayCore

/// A byte-level reader for the common shape of a JSON Lines case: it fills a reusable
/// `CaseInput` straight from the bytes, looking names up in the compiled policy, without
/// building strings or a tree.
///
/// It reads any valid UTF-8 text, and JSON's escapes in free text (titles, problems,
/// goals). It is deliberately strict about the rest: anything it does not fully understand
/// (an escape in a name or id, `expect`, unknown keys or values, duplicate keys, amounts with more than four
/// decimals, a currency other than the policy's…) makes it give up, and the caller
/// falls back to `CaseLoader.decodeLine` and `PolicySet.bind`, which accept or reject
/// the line exactly as for any case file and locate the problem. So the fast path can
/// never accept a line that the loader would reject.
public struct FastLineParser: Sendable {
    let policy: CompiledPolicy
    let policyCurrency: [UInt8]
    let moodSlot: Int
    let channelSlot: Int
    /// Names as bytes, and the facts' kinds: read without touching the policy's
    /// reference-counted model while parsing.
    let roleNames: [[UInt8]]
    let factNames: [[UInt8]]
    let factKinds: [FactKind]
    let factMany: [Bool]
    let enumValues: [[[UInt8]]]
    let actionNames: [[UInt8]]
    let actionMeasures: [Measure]
    let actionCurrencies: [[UInt8]]
    /// Perfect-hash lookups (`NameIndex`) of the case's keys (in `CaseKey` order), the
    /// roles, facts and actions, and every fact's values (grouped by slot; `valueNumbers`
    /// gives an entry's index among its fact's values).
    let keyIndex: NameIndex
    let roleIndex: NameIndex
    let factIndex: NameIndex
    let actionIndex: NameIndex
    let valueIndex: NameIndex
    let valueNumbers: [Int32]
    /// Whether the policy's id and every role, fact, value and action name are printable
    /// ASCII needing no escape, so that strings looked up among them are read by `Cursor.nameString()`.
    let plainNames: Bool
    /// What usually comes next (`KeyPatterns`): the case's keys in the order they are
    /// written (`topKeys`), the policy's facts in their order, a want's keys, the policy's
    /// id as a string. The facts and the id only when `plainNames` (else the general
    /// reading checks their text, which a pattern would not).
    let topPatterns: KeyPatterns
    let factPatterns: KeyPatterns
    let wantPatterns: KeyPatterns
    let policyPattern: KeyPatterns
    /// The roles, the actions and every fact's values as strings (`"name"`), in their
    /// order; a fact's values are `valuePatterns[valueStarts[slot]..<valueStarts[slot + 1]]`.
    /// Empty unless `plainNames`.
    let rolePatterns: KeyPatterns
    let actionPatterns: KeyPatterns
    let valuePatterns: KeyPatterns
    let valueStarts: [Int]
    static let topKeys: [CaseKey] = [.leeway, .case, .title, .policy, .handledBy, .channel, .customer, .facts, .wants, .spent]

    public init(policy: CompiledPolicy) {
        self.policy = policy
        policyCurrency = Array((policy.currency ?? "").utf8)
        moodSlot = policy.moodSlot ?? -1
        channelSlot = policy.channelSlot ?? -1
        roleNames = policy.roles.map(\.utf8)
        factNames = policy.facts.map(\.nameUTF8)
        factKinds = policy.facts.map(\.kind)
        factMany = policy.facts.map(\.many)
        enumValues = policy.facts.map(\.valueUTF8)
        actionNames = policy.actions.map(\.utf8)
        actionMeasures = policy.actions.map(\.measure)
        actionCurrencies = policy.actions.map(\.currencyUTF8)
        keyIndex = NameIndex(Cursor.keys.map { key in key.withUTF8Buffer { Array($0) } })
        roleIndex = NameIndex(roleNames)
        factIndex = NameIndex(factNames)
        actionIndex = NameIndex(actionNames)
        var values: [[UInt8]] = []
        var groups: [Int] = []
        var numbers: [Int32] = []
        for (slot, list) in enumValues.enumerated() {
            for (number, value) in list.enumerated() {
                values.append(value)
                groups.append(slot)
                numbers.append(Int32(number))
            }
        }
        valueIndex = NameIndex(values, groups: groups)
        valueNumbers = numbers
        let all = [policy.policyIDUTF8] + roleNames + factNames + values + actionNames
        // Printable ASCII only: text beyond it is checked as the loader reads it (`string()`).
        plainNames = all.allSatisfy { name in name.allSatisfy(ByteScan.isPlain) }
        let keyBytes = { (key: CaseKey) in Cursor.keys[Int(key.rawValue)].withUTF8Buffer { Array($0) } }
        topPatterns = KeyPatterns(keys: FastLineParser.topKeys.map(keyBytes))
        wantPatterns = KeyPatterns(keys: [keyBytes(.action), keyBytes(.amount)])
        factPatterns = KeyPatterns(keys: plainNames ? factNames : [])
        policyPattern = KeyPatterns(strings: plainNames ? [policy.policyIDUTF8] : [])
        rolePatterns = KeyPatterns(strings: plainNames ? roleNames : [])
        actionPatterns = KeyPatterns(strings: plainNames ? actionNames : [])
        valuePatterns = KeyPatterns(strings: plainNames ? values : [])
        var starts = [0]
        for list in enumValues { starts.append(starts[starts.count - 1] + (plainNames ? list.count : 0)) }
        valueStarts = starts
    }

    /// A string to look up among the policy's names (see `plainNames`).
    @inline(__always)
    func nameValue(_ cursor: inout Cursor) -> Range<Int>? {
        plainNames ? cursor.nameString() : cursor.string()
    }

    /// The case key `bytes[range]` names (`Cursor.name`, by the perfect hash).
    @inline(__always)
    func key(_ range: Range<Int>, _ cursor: Cursor) -> CaseKey {
        let index = keyIndex.find(cursor.base, range)
        // The index holds the keys in `CaseKey` order, so any index found is a case.
        return index >= 0 && index < Int(CaseKey.unknown.rawValue) ? unsafeBitCast(UInt8(truncatingIfNeeded: index), to: CaseKey.self) : .unknown
    }

    /// The index among fact `slot`'s values of the string at the cursor (matched against
    /// their patterns, else read and looked up), or -1.
    @inline(__always)
    func readValue(slot: Int, _ cursor: inout Cursor) -> Int {
        let (start, stop) = valueStarts.withUnsafeBufferPointer { ($0[slot], $0[slot + 1]) }
        let (entry, length) = valuePatterns.match(cursor.at, cursor.end, from: start, upTo: stop)
        if entry >= 0 {
            cursor.at += length
            return entry - start
        }
        guard let range = nameValue(&cursor) else { return -1 }
        return value(range, slot: slot, cursor)
    }

    /// The index among `names` of the string at the cursor: matched against `patterns`
    /// (the same names as strings, or none), else read and looked up in `index`; or -1.
    @inline(__always)
    func readName(_ patterns: KeyPatterns, _ index: NameIndex, _ cursor: inout Cursor) -> Int {
        let (entry, length) = patterns.match(cursor.at, cursor.end, from: 0)
        if entry >= 0 {
            cursor.at += length
            return entry
        }
        guard let range = nameValue(&cursor) else { return -1 }
        return index.find(cursor.base, range)
    }

    /// The index among fact `slot`'s values of the value `bytes[range]`, or -1.
    @inline(__always)
    func value(_ range: Range<Int>, slot: Int, _ cursor: Cursor) -> Int {
        let entry = valueIndex.find(cursor.base, range, group: slot)
        return entry >= 0 ? Int(valueNumbers[entry]) : -1
    }

    /// Parses one line into `input`; returns the case id's byte range, or nil to fall back.
    public func parse(_ line: UnsafeBufferPointer<UInt8>, into input: inout CaseInput) -> Range<Int>? {
        input.reset(for: policy)
        // The facts' values are written through pointers, not checked and made unique at
        // every write: their arrays are moved out of `input` (left empty) for the line, and back.
        var values: [Int64] = []
        var present: [Bool] = []
        swap(&values, &input.values)
        swap(&present, &input.present)
        defer {
            swap(&values, &input.values)
            swap(&present, &input.present)
        }
        return values.withUnsafeMutableBufferPointer { values in
            present.withUnsafeMutableBufferPointer { present in
                parse(line, FactSlots(values: values, present: present), &input)
            }
        }
    }

    private func parse(_ line: UnsafeBufferPointer<UInt8>, _ slots: FactSlots, _ input: inout CaseInput) -> Range<Int>? {
        var cursor = Cursor(bytes: line)
        // A tab before the object is YAML indentation, which libyaml refuses (JSON would
        // not): such a line goes to the loader, which says so at its place.
        for byte in line {
            if byte == 0x09 { return nil }
            if byte != 0x20 { break }
        }
        var seen: UInt32 = 0
        var id: Range<Int>?
        guard cursor.consume(UInt8(ascii: "{")) else { return nil }
        if cursor.peek() == UInt8(ascii: "}") { return nil }
        var next = 0
        while true {
            let key: CaseKey
            let (entry, length) = topPatterns.match(cursor.at, cursor.end, from: next)
            if entry >= 0 {
                // `topKeys` are the first nine keys in order, then `spent`.
                key = entry < 9 ? unsafeBitCast(UInt8(truncatingIfNeeded: entry), to: CaseKey.self) : .spent
                cursor.at += length
                next = entry + 1
            } else {
                guard let range = cursor.nameString() else { return nil }
                guard cursor.consume(UInt8(ascii: ":")) else { return nil }
                key = self.key(range, cursor)
            }
            let bit: UInt32
            switch key {
            case .leeway:
                bit = 1
                guard let version = cursor.integer(), version == Int64(PolicyLoader.formatVersion) else { return nil }
            case .case:
                bit = 2
                guard let value = cursor.string(), !value.isEmpty else { return nil }
                id = value
            case .title:
                bit = 4
                guard cursor.text() else { return nil }
            case .policy:
                bit = 8
                let (hit, length) = policyPattern.match(cursor.at, cursor.end, from: 0)
                if hit == 0 {
                    cursor.at += length
                } else {
                    guard let value = nameValue(&cursor), cursor.equal(value, policy.policyIDUTF8) else { return nil }
                }
            case .handledBy:
                bit = 16
                let found = readName(rolePatterns, roleIndex, &cursor)
                guard found >= 0 else { return nil }
                input.role = Int32(found)
            case .channel:
                bit = 32
                guard channelSlot >= 0, setEnum(slot: channelSlot, &cursor, slots) else { return nil }
            case .customer:
                bit = 64
                guard parseCustomer(&cursor, slots, &input) else { return nil }
            case .facts:
                bit = 128
                guard parseFacts(&cursor, slots, &input) else { return nil }
            case .wants:
                bit = 256
                guard parseWants(&cursor, &input) else { return nil }
            case .spent:
                bit = 512
                guard parseSpent(&cursor, &input) else { return nil }
            default:
                return nil
            }
            guard seen & bit == 0 else { return nil }
            seen |= bit
            if cursor.consume(UInt8(ascii: ",")) { continue }
            guard cursor.consume(UInt8(ascii: "}")) else { return nil }
            break
        }
        guard cursor.atEnd() else { return nil }
        guard seen & (2 | 16 | 256) == (2 | 16 | 256), let id else { return nil }
        return id
    }

    @inline(__always)
    private func setEnum(slot: Int, _ cursor: inout Cursor, _ slots: FactSlots) -> Bool {
        guard !slots.isSet(slot) else { return false }
        guard factKinds[slot] == .enumeration else { return false }
        let index = readValue(slot: slot, &cursor)
        guard index >= 0 else { return false }
        slots.set(slot, Int64(index))
        return true
    }

    private func parseCustomer(_ cursor: inout Cursor, _ slots: FactSlots, _ input: inout CaseInput) -> Bool {
        guard cursor.consume(UInt8(ascii: "{")) else { return false }
        if cursor.consume(UInt8(ascii: "}")) { return true }
        var seen = 0
        while true {
            guard let key = cursor.nameString(), cursor.consume(UInt8(ascii: ":")) else { return false }
            let name = self.key(key, cursor)
            if name == .problem || name == .goal {
                let bit = name == .problem ? 1 : 2
                guard seen & bit == 0, cursor.text() else { return false }
                seen |= bit
                if cursor.consume(UInt8(ascii: ",")) { continue }
                return cursor.consume(UInt8(ascii: "}"))
            }
            switch name {
            case .mood:
                guard seen & 4 == 0, moodSlot >= 0, setEnum(slot: moodSlot, &cursor, slots) else { return false }
                seen |= 4
            case .id:
                guard let value = cursor.string(), seen & 8 == 0 else { return false }
                seen |= 8
                input.customerID.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[value]))
            default: return false
            }
            if cursor.consume(UInt8(ascii: ",")) { continue }
            return cursor.consume(UInt8(ascii: "}"))
        }
    }

    /// `spent: { customer: 120 USD, day: 300 USD }`, for periods some budget uses (else the
    /// loader reports it).
    private func parseSpent(_ cursor: inout Cursor, _ input: inout CaseInput) -> Bool {
        guard cursor.consume(UInt8(ascii: "{")) else { return false }
        if cursor.consume(UInt8(ascii: "}")) { return true }
        while true {
            guard let key = cursor.nameString(), cursor.consume(UInt8(ascii: ":")), let value = cursor.moneyToken(),
                  let fixed = cursor.money(value, currency: policyCurrency) else { return false }
            let period: BudgetPeriod
            switch self.key(key, cursor) {
            case .customer: period = .customer
            case .day: period = .day
            case .week: period = .week
            case .month: period = .month
            case .year: period = .year
            default: return false
            }
            guard let index = BudgetPeriod.allCases.firstIndex(of: period), input.spent[index] < 0,
                  policy.usesPeriod[index] else { return false }
            input.spent[index] = fixed
            input.spentDecimal[index] = FixedPoint.decimal(fixed)
            if cursor.consume(UInt8(ascii: ",")) { continue }
            return cursor.consume(UInt8(ascii: "}"))
        }
    }

    /// A `many` fact: a list of declared values, or one value (a list of one), as a bit mask.
    private func manyValues(slot: Int, _ cursor: inout Cursor) -> UInt64? {
        func bit(_ range: Range<Int>, _ cursor: inout Cursor) -> UInt64? {
            let index = value(range, slot: slot, cursor)
            return index >= 0 && index < 64 ? 1 << UInt64(index) : nil
        }
        guard cursor.consume(UInt8(ascii: "[")) else {
            guard let value = nameValue(&cursor) else { return nil }
            return bit(value, &cursor)
        }
        var bits: UInt64 = 0
        if cursor.consume(UInt8(ascii: "]")) { return bits }
        while true {
            guard let value = nameValue(&cursor), let one = bit(value, &cursor) else { return nil }
            bits |= one
            if cursor.consume(UInt8(ascii: ",")) { continue }
            return cursor.consume(UInt8(ascii: "]")) ? bits : nil
        }
    }

    private func parseFacts(_ cursor: inout Cursor, _ slots: FactSlots, _ input: inout CaseInput) -> Bool {
        guard cursor.consume(UInt8(ascii: "{")) else { return false }
        if cursor.consume(UInt8(ascii: "}")) { return true }
        var next = 0
        while true {
            var slot: Int
            let length: Int
            (slot, length) = factPatterns.match(cursor.at, cursor.end, from: next)
            if slot >= 0 {
                cursor.at += length
                next = slot + 1
            } else {
                guard let key = plainNames ? cursor.nameString() : cursor.string(), cursor.consume(UInt8(ascii: ":")) else { return false }
                slot = factIndex.find(cursor.base, key)
            }
            guard slot >= 0, !slots.isSet(slot) else { return false }
            switch factKinds[slot] {
            case .enumeration where factMany[slot]:
                guard let bits = manyValues(slot: slot, &cursor) else { return false }
                slots.set(slot, Int64(bitPattern: bits))
            case .enumeration:
                guard setEnum(slot: slot, &cursor, slots) else { return false }
            case .count:
                guard let value = cursor.integer(), value >= 0 else { return false }
                slots.set(slot, value)
            case .bool:
                guard let value = cursor.boolean() else { return false }
                slots.set(slot, value ? 1 : 0)
            case .duration:
                guard let value = cursor.string(), let seconds = cursor.duration(value) else { return false }
                slots.set(slot, seconds)
            case .money:
                guard let value = cursor.moneyToken(), let fixed = cursor.money(value, currency: policyCurrency) else { return false }
                slots.set(slot, fixed)
                if input.decimalMode { input.moneyDecimals[slot] = FixedPoint.decimal(fixed) }
            }
            if cursor.consume(UInt8(ascii: ",")) { continue }
            return cursor.consume(UInt8(ascii: "}"))
        }
    }

    private func parseWants(_ cursor: inout Cursor, _ input: inout CaseInput) -> Bool {
        guard cursor.consume(UInt8(ascii: "[")) else { return false }
        if cursor.consume(UInt8(ascii: "]")) { return true }  // no wants: what is owed is still listed
        while true {
            guard cursor.consume(UInt8(ascii: "{")) else { return false }
            var action: Int = -1
            var amount: Range<Int>?
            var next = 0
            while true {
                let key: CaseKey
                let (entry, length) = wantPatterns.match(cursor.at, cursor.end, from: next)
                if entry >= 0 {
                    key = entry == 0 ? .action : .amount
                    cursor.at += length
                    next = entry + 1
                } else {
                    guard let range = cursor.nameString(), cursor.consume(UInt8(ascii: ":")) else { return false }
                    key = self.key(range, cursor)
                }
                switch key {
                case .action:
                    guard action < 0 else { return false }
                    action = readName(actionPatterns, actionIndex, &cursor)
                    guard action >= 0 else { return false }
                case .amount:
                    guard amount == nil, let value = cursor.moneyToken() else { return false }
                    amount = value
                default:
                    return false
                }
                if cursor.consume(UInt8(ascii: ",")) { continue }
                guard cursor.consume(UInt8(ascii: "}")) else { return false }
                break
            }
            guard action >= 0 else { return false }
            var want = WantInput(action: Int32(action))
            switch actionMeasures[action] {
            case .none:
                guard amount == nil else { return false }
            case .money:
                guard let amount, let fixed = cursor.money(amount, currency: actionCurrencies[action]) else { return false }
                want.hasAmount = true
                want.amount = fixed
                if input.decimalMode { want.decimal = FixedPoint.decimal(fixed) }
            case .duration:
                guard let amount, let seconds = cursor.duration(amount) else { return false }
                want.hasAmount = true
                want.amount = seconds
            case .count:
                guard let amount, let count = cursor.plainInteger(amount), count >= 0 else { return false }
                want.hasAmount = true
                want.amount = count
            }
            input.wants.append(want)
            if cursor.consume(UInt8(ascii: ",")) { continue }
            return cursor.consume(UInt8(ascii: "]"))
        }
    }
}

/// The facts' values and whether each is given, while a line is parsed (`CaseInput.values`
/// and `present`, one per slot of the policy).
struct FactSlots {
    let values: UnsafeMutableBufferPointer<Int64>
    let present: UnsafeMutableBufferPointer<Bool>

    @inline(__always)
    func isSet(_ slot: Int) -> Bool { present[slot] }

    @inline(__always)
    func set(_ slot: Int, _ value: Int64) {
        values[slot] = value
        present[slot] = true
    }
}

/// The field names the fast path knows, in the order of `Cursor.keys`.
enum CaseKey: UInt8 {
    case leeway, `case`, title, policy, handledBy, channel, customer, facts, wants, problem, goal, mood, action, amount
    case id, spent, day, week, month, year, unknown
}

/// A position in a line's bytes, with the token readers the fast parser needs. The
/// position is a raw pointer moved forward (`at`, up to `end`): no index to add to a
/// base, no overflow check on every step. Ranges handed out are offsets from `base`.
struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    var at: UnsafePointer<UInt8>

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // An empty buffer has no base: any address stands in, never read.
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 0x10)!
        end = base + bytes.count
        at = base
    }

    /// The position as an offset from the line's start.
    var index: Int {
        get { at - base }
        set { at = base + newValue }
    }

    @inline(__always)
    mutating func skipSpace() {
        // Not a carriage return: one inside a line is a lone CR, which the loader refuses.
        while at < end && (at.pointee == 0x20 || at.pointee == 0x09) { at += 1 }
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        return at < end ? at.pointee : nil
    }

    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        // The byte itself first: compact JSON has no space to skip.
        if at < end && at.pointee == byte {
            at += 1
            return true
        }
        skipSpace()
        guard at < end, at.pointee == byte else { return false }
        at += 1
        return true
    }

    mutating func atEnd() -> Bool {
        skipSpace()
        return at == end
    }

    /// The offsets of the bytes from `start` to just before `stop`.
    @inline(__always)
    func range(_ start: UnsafePointer<UInt8>, _ stop: UnsafePointer<UInt8>) -> Range<Int> {
        Range(uncheckedBounds: (start - base, stop - base))
    }

    /// A string without escapes or control characters (any valid UTF-8 text): its content's
    /// range, for names and ids, which are compared and written as bytes. A string with an
    /// escape gives nil, and the line goes to the loader, which decodes it.
    @inline(__always)
    mutating func string() -> Range<Int>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = at
        at += ByteScan.plainPrefix(at, end)
        // Plain ASCII up to the closing quote: the common case, without the general loop.
        if at < end && at.pointee == UInt8(ascii: "\"") {
            at += 1
            return range(start, at - 1)
        }
        return stringRest(from: start)
    }

    /// A string that is read only to be looked up among names needing no escape (the case's
    /// keys; the policy's names when they are all plain): its content up to the next quote,
    /// unchecked. Whatever it holds, it is then one of those names — a JSON string of exactly
    /// that text, its closing quote preceded by no backslash — or no name, and the line goes
    /// to the loader.
    @inline(__always)
    mutating func nameString() -> Range<Int>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = at
        at += ByteScan.toQuote(at, end)
        guard at < end else { return nil }
        at += 1
        return range(start, at - 1)
    }

    /// The rest of `string()` past its plain ASCII prefix: UTF-8 sequences are checked,
    /// an escape or a control character gives nil.
    @inline(never)
    mutating func stringRest(from start: UnsafePointer<UInt8>) -> Range<Int>? {
        while at < end {
            let byte = at.pointee
            if byte == UInt8(ascii: "\"") {
                at += 1
                return range(start, at - 1)
            }
            if byte >= 0x80 {
                let length = scalarLength()
                guard length > 0 else { return nil }
                at += length
                // Plain ASCII again up to the next byte that is not.
                at += ByteScan.plainPrefix(at, end)
                continue
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F { return nil }
            at += 1
        }
        return nil
    }

    /// Free text (a title, a problem, a goal), which the JSON Lines record never repeats:
    /// any valid UTF-8 and JSON's escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`,
    /// `\u00e9`) are read over. What the loader might read differently from JSON (a raw control
    /// character, a surrogate or control code written as `\u`, YAML's own escapes) gives
    /// false, and the line goes to the loader.
    mutating func text() -> Bool {
        guard consume(UInt8(ascii: "\"")) else { return false }
        while at < end {
            at += ByteScan.plainPrefix(at, end)
            guard at < end else { return false }
            let byte = at.pointee
            if byte == UInt8(ascii: "\"") {
                at += 1
                return true
            }
            if byte >= 0x80 {
                let length = scalarLength()
                guard length > 0 else { return false }
                at += length
                continue
            }
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == UInt8(ascii: "\\") {
                guard end - at >= 2 else { return false }
                switch at[1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    at += 2
                case UInt8(ascii: "u"):
                    guard end - at >= 6 else { return false }
                    var value: UInt32 = 0
                    for offset in 2..<6 {
                        let digit = at[offset]
                        switch digit {
                        case 0x30...0x39: value = value << 4 | UInt32(digit - 0x30)
                        case 0x41...0x46: value = value << 4 | UInt32(digit - 0x41 + 10)
                        case 0x61...0x66: value = value << 4 | UInt32(digit - 0x61 + 10)
                        default: return false
                        }
                    }
                    // libyaml refuses surrogates (even in pairs); controls are the loader's to judge.
                    guard value >= 0x20, value != 0x7F, !(0x80...0x9F).contains(value), !(0xD800...0xDFFF).contains(value),
                          value != 0xFFFE, value != 0xFFFF else { return false }
                    at += 6
                default:
                    return false
                }
                continue
            }
            at += 1
        }
        return false
    }

    /// The length of the UTF-8 sequence at `at` (a lead byte of 0x80 or more), or 0 when
    /// it is not one the loader reads as text: malformed, overlong, a surrogate, past
    /// U+10FFFF, a C1 control (libyaml takes only U+0085, which is left to it too), a byte
    /// order mark, or U+FFFE/U+FFFF.
    @inline(__always)
    func scalarLength() -> Int {
        let lead = at.pointee
        let length: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07)
        default: return 0
        }
        guard end - at >= length else { return 0 }
        for offset in 1..<length {
            let next = at[offset]
            guard next & 0xC0 == 0x80 else { return 0 }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        switch length {
        case 2: return scalar >= 0xA0 ? 2 : 0
        case 3: return scalar >= 0x800 && !(0xD800...0xDFFF).contains(scalar) && scalar != 0xFEFF && scalar != 0xFFFE && scalar != 0xFFFF ? 3 : 0
        default: return scalar >= 0x10000 && scalar <= 0x10FFFF ? 4 : 0
        }
    }

    /// The range of a string's content or of a bare number (an amount written either way).
    @inline(__always)
    mutating func moneyToken() -> Range<Int>? {
        skipSpace()
        guard at < end else { return nil }
        if at.pointee == UInt8(ascii: "\"") { return string() }
        let start = at
        while at < end, (at.pointee >= 0x30 && at.pointee <= 0x39) || at.pointee == UInt8(ascii: ".") { at += 1 }
        return at > start ? range(start, at) : nil
    }

    /// A non-negative JSON integer (no sign, fraction or exponent).
    @inline(__always)
    mutating func integer() -> Int64? {
        skipSpace()
        let start = at
        var value: Int64 = 0
        while at < end, at.pointee >= 0x30, at.pointee <= 0x39 {
            // 18 digits at most: never past Int64.
            guard at - start < 18 else { return nil }
            value = value &* 10 &+ Int64(at.pointee &- 0x30)
            at += 1
        }
        guard at > start else { return nil }
        if at < end, at.pointee == UInt8(ascii: ".") || at.pointee == UInt8(ascii: "e") || at.pointee == UInt8(ascii: "E") {
            return nil
        }
        return value
    }

    func plainInteger(_ range: Range<Int>) -> Int64? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value: Int64 = 0
        var position = base + range.lowerBound
        let stop = base + range.upperBound
        while position < stop {
            let byte = position.pointee
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value &* 10 &+ Int64(byte &- 0x30)
            position += 1
        }
        return value
    }

    /// `true` or `false`, compared a word at a time.
    @inline(__always)
    mutating func boolean() -> Bool? {
        skipSpace()
        let raw = UnsafeRawPointer(at)
        // "true" and "fals" as little-endian words.
        if end - at >= 4, raw.loadUnaligned(as: UInt32.self) == 0x6575_7274 {
            at += 4
            return true
        }
        if end - at >= 5, raw.loadUnaligned(as: UInt32.self) == 0x736C_6166, at[4] == UInt8(ascii: "e") {
            at += 5
            return false
        }
        return nil
    }

    @inline(__always)
    func equal(_ range: Range<Int>, _ other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        guard !range.isEmpty else { return true }
        return other.withUnsafeBufferPointer { Cursor.same(base + range.lowerBound, $0.baseAddress, range.count) }
    }

    /// Whether `count` bytes at `a` and `b` are the same, compared a word at a time.
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard count > 0, let b else { return true }
        var left = count
        var x = UnsafeRawPointer(a)
        var y = UnsafeRawPointer(b)
        while left >= 8 {
            if x.loadUnaligned(as: UInt64.self) != y.loadUnaligned(as: UInt64.self) { return false }
            x += 8
            y += 8
            left -= 8
        }
        while left > 0 {
            if x.load(as: UInt8.self) != y.load(as: UInt8.self) { return false }
            x += 1
            y += 1
            left -= 1
        }
        return true
    }

    /// The case's field names, in `CaseKey` order (looked up by `FastLineParser.keyIndex`).
    static let keys: [StaticString] = ["leeway", "case", "title", "policy", "handled-by", "channel", "customer", "facts", "wants",
                                       "problem", "goal", "mood", "action", "amount", "id", "spent", "day", "week", "month", "year"]

    /// `12`, `12.5`, `12.5 USD`: fixed point, in `currency` (a bare number takes it).
    func money(_ range: Range<Int>, currency: [UInt8]) -> Int64? {
        var position = base + range.lowerBound
        let stop = base + range.upperBound
        var whole: Int64 = 0
        var digits = 0
        // Digits are counted before they are added, so 19 or more never overflow: a
        // number too long for the fast path goes to the general loader, which locates it.
        while position < stop, position.pointee >= 0x30, position.pointee <= 0x39 {
            guard digits < 14 else { return nil }
            whole = whole &* 10 &+ Int64(position.pointee &- 0x30)
            digits += 1
            position += 1
        }
        guard digits > 0 else { return nil }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if position < stop, position.pointee == UInt8(ascii: ".") {
            position += 1
            while position < stop, position.pointee >= 0x30, position.pointee <= 0x39 {
                guard fractionDigits < FixedPoint.decimals else { return nil }
                fraction = fraction &* 10 &+ Int64(position.pointee &- 0x30)
                fractionDigits += 1
                position += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        for _ in fractionDigits..<FixedPoint.decimals { fraction &*= 10 }
        if position < stop {
            guard position.pointee == 0x20, stop - position == 4, currency.count == 3 else { return nil }
            guard currency.withUnsafeBufferPointer({ Cursor.same(position + 1, $0.baseAddress, 3) }) else { return nil }
        } else if currency.isEmpty {
            return nil
        }
        // Past `FixedPoint.limit` the loader keeps the amount as a decimal: so does the slow path.
        let fixed = whole &* FixedPoint.scale &+ fraction
        return fixed <= FixedPoint.limit ? fixed : nil
    }

    /// `90s`, `4h30m`, `2d`, `0`, as `Duration(parsing:)` reads them.
    func duration(_ range: Range<Int>) -> Int64? {
        if range.count == 1, bytes[range.lowerBound] == UInt8(ascii: "0") { return 0 }
        // Working days stand alone (`10bd`): 5bd count as 1w.
        if range.count >= 3, bytes[range.upperBound - 2] == UInt8(ascii: "b"), bytes[range.upperBound - 1] == UInt8(ascii: "d") {
            guard range.count - 2 <= 12 else { return nil }
            var days: Int64 = 0
            for position in range.lowerBound..<(range.upperBound - 2) {
                let byte = bytes[position]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                days = days * 10 + Int64(byte - 0x30)
            }
            return days * Duration.workingDay
        }
        var total: Int64 = 0
        var number: Int64 = 0
        var digits = 0
        var lastUnit = -1
        for position in range {
            let byte = bytes[position]
            if byte >= 0x30 && byte <= 0x39 {
                guard digits < 12 else { return nil }
                number = number * 10 + Int64(byte - 0x30)
                digits += 1
                continue
            }
            let unit: Int
            let size: Int64
            switch byte {
            case UInt8(ascii: "w"): unit = 0; size = 604_800
            case UInt8(ascii: "d"): unit = 1; size = 86_400
            case UInt8(ascii: "h"): unit = 2; size = 3600
            case UInt8(ascii: "m"): unit = 3; size = 60
            case UInt8(ascii: "s"): unit = 4; size = 1
            default: return nil
            }
            guard digits > 0, unit > lastUnit else { return nil }
            total += number * size
            number = 0
            digits = 0
            lastUnit = unit
        }
        guard digits == 0, lastUnit >= 0 else { return nil }
        return total
    }
}
