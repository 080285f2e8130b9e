import Foundation
import LeewayCore

/// A byte-level reader for the common shape of a JSON Lines case: it fills a reusable
/// `CaseInput` straight from the bytes, looking names up in the compiled policy, without
/// building strings or a tree.
///
/// It is deliberately strict: anything it does not fully understand (escapes, non-ASCII
/// text, `expect`, unknown keys or values, duplicate keys, amounts with more than four
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
    }

    /// Parses one line into `input`; returns the case id's byte range, or nil to fall back.
    public func parse(_ line: UnsafeBufferPointer<UInt8>, into input: inout CaseInput) -> Range<Int>? {
        var cursor = Cursor(bytes: line)
        input.reset(for: policy)
        var seen: UInt32 = 0
        var id: Range<Int>?
        guard cursor.consume(UInt8(ascii: "{")) else { return nil }
        if cursor.peek() == UInt8(ascii: "}") { return nil }
        while true {
            guard let key = cursor.string() else { return nil }
            guard cursor.consume(UInt8(ascii: ":")) else { return nil }
            let bit: UInt32
            switch cursor.name(key) {
            case .leeway:
                bit = 1
                guard let version = cursor.integer(), version == Int64(PolicyLoader.formatVersion) else { return nil }
            case .case:
                bit = 2
                guard let value = cursor.string(), !value.isEmpty else { return nil }
                id = value
            case .title:
                bit = 4
                guard cursor.string() != nil else { return nil }
            case .policy:
                bit = 8
                guard let value = cursor.string(), cursor.equal(value, policy.policyIDUTF8) else { return nil }
            case .handledBy:
                bit = 16
                guard let value = cursor.string() else { return nil }
                var found: Int32 = -1
                for index in roleNames.indices where cursor.equal(value, roleNames[index]) {
                    found = Int32(index)
                    break
                }
                guard found >= 0 else { return nil }
                input.role = found
            case .channel:
                bit = 32
                guard channelSlot >= 0, let value = cursor.string(), setEnum(slot: channelSlot, value, &cursor, &input) else { return nil }
            case .customer:
                bit = 64
                guard parseCustomer(&cursor, &input) else { return nil }
            case .facts:
                bit = 128
                guard parseFacts(&cursor, &input) else { return nil }
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

    private func setEnum(slot: Int, _ value: Range<Int>, _ cursor: inout Cursor, _ input: inout CaseInput) -> Bool {
        guard !input.present[slot] else { return false }
        guard factKinds[slot] == .enumeration else { return false }
        let values = enumValues[slot]
        for index in values.indices where cursor.equal(value, values[index]) {
            input.set(slot: slot, Int64(index))
            return true
        }
        return false
    }

    private func parseCustomer(_ cursor: inout Cursor, _ input: inout CaseInput) -> Bool {
        guard cursor.consume(UInt8(ascii: "{")) else { return false }
        if cursor.consume(UInt8(ascii: "}")) { return true }
        var seen = 0
        while true {
            guard let key = cursor.string(), cursor.consume(UInt8(ascii: ":")), let value = cursor.string() else { return false }
            switch cursor.name(key) {
            case .problem: guard seen & 1 == 0 else { return false }; seen |= 1
            case .goal: guard seen & 2 == 0 else { return false }; seen |= 2
            case .mood:
                guard seen & 4 == 0, moodSlot >= 0, setEnum(slot: moodSlot, value, &cursor, &input) else { return false }
                seen |= 4
            case .id:
                guard seen & 8 == 0 else { return false }
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
            guard let key = cursor.string(), cursor.consume(UInt8(ascii: ":")), let value = cursor.moneyToken(),
                  let fixed = cursor.money(value, currency: policyCurrency) else { return false }
            let period: BudgetPeriod
            switch cursor.name(key) {
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
        let values = enumValues[slot]
        func bit(_ range: Range<Int>, _ cursor: inout Cursor) -> UInt64? {
            for index in values.indices where index < 64 && cursor.equal(range, values[index]) { return 1 << UInt64(index) }
            return nil
        }
        guard cursor.consume(UInt8(ascii: "[")) else {
            guard let value = cursor.string() else { return nil }
            return bit(value, &cursor)
        }
        var bits: UInt64 = 0
        if cursor.consume(UInt8(ascii: "]")) { return bits }
        while true {
            guard let value = cursor.string(), let one = bit(value, &cursor) else { return nil }
            bits |= one
            if cursor.consume(UInt8(ascii: ",")) { continue }
            return cursor.consume(UInt8(ascii: "]")) ? bits : nil
        }
    }

    private func parseFacts(_ cursor: inout Cursor, _ input: inout CaseInput) -> Bool {
        guard cursor.consume(UInt8(ascii: "{")) else { return false }
        if cursor.consume(UInt8(ascii: "}")) { return true }
        while true {
            guard let key = cursor.string(), cursor.consume(UInt8(ascii: ":")) else { return false }
            var slot = -1
            for index in factNames.indices where cursor.equal(key, factNames[index]) {
                slot = index
                break
            }
            guard slot >= 0, !input.present[slot] else { return false }
            switch factKinds[slot] {
            case .enumeration where factMany[slot]:
                guard let bits = manyValues(slot: slot, &cursor) else { return false }
                input.set(slot: slot, Int64(bitPattern: bits))
            case .enumeration:
                guard let value = cursor.string(), setEnum(slot: slot, value, &cursor, &input) else { return false }
            case .count:
                guard let value = cursor.integer(), value >= 0 else { return false }
                input.set(slot: slot, value)
            case .bool:
                guard let value = cursor.boolean() else { return false }
                input.set(slot: slot, value ? 1 : 0)
            case .duration:
                guard let value = cursor.string(), let seconds = cursor.duration(value) else { return false }
                input.set(slot: slot, seconds)
            case .money:
                guard let value = cursor.moneyToken(), let fixed = cursor.money(value, currency: policyCurrency) else { return false }
                input.set(slot: slot, fixed)
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
            while true {
                guard let key = cursor.string(), cursor.consume(UInt8(ascii: ":")) else { return false }
                switch cursor.name(key) {
                case .action:
                    guard action < 0, let value = cursor.string() else { return false }
                    for index in actionNames.indices where cursor.equal(value, actionNames[index]) {
                        action = index
                        break
                    }
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

/// The field names the fast path knows, in the order of `Cursor.keys`.
enum CaseKey: UInt8 {
    case leeway, `case`, title, policy, handledBy, channel, customer, facts, wants, problem, goal, mood, action, amount
    case id, spent, day, week, month, year, unknown
}

/// A position in a line's bytes, with the token readers the fast parser needs.
struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    @inline(__always)
    mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D else { return }
            index += 1
        }
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        return index < bytes.count ? bytes[index] : nil
    }

    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func atEnd() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    /// A string without escapes, control characters or non-ASCII bytes: its content's range.
    mutating func string() -> Range<Int>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x7F { return nil }
            index += 1
        }
        return nil
    }

    /// The range of a string's content or of a bare number (an amount written either way).
    mutating func moneyToken() -> Range<Int>? {
        skipSpace()
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") { return string() }
        let start = index
        while index < bytes.count, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || bytes[index] == UInt8(ascii: ".") { index += 1 }
        return index > start ? start..<index : nil
    }

    /// A non-negative JSON integer (no sign, fraction or exponent).
    mutating func integer() -> Int64? {
        skipSpace()
        let start = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        guard index > start, index - start <= 18 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            return nil
        }
        return plainInteger(start..<index)
    }

    func plainInteger(_ range: Range<Int>) -> Int64? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value: Int64 = 0
        for position in range {
            let byte = bytes[position]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }

    mutating func boolean() -> Bool? {
        skipSpace()
        if matches("true") { index += 4; return true }
        if matches("false") { index += 5; return false }
        return nil
    }

    private func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return word.withUTF8Buffer { literal in
            for offset in 0..<count where bytes[index + offset] != literal[offset] { return false }
            return true
        }
    }

    func equal(_ range: Range<Int>, _ other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        var position = range.lowerBound
        for byte in other {
            if bytes[position] != byte { return false }
            position += 1
        }
        return true
    }

    /// A key among the case's fixed field names, compared as bytes (no String).
    func name(_ range: Range<Int>) -> CaseKey {
        for (index, candidate) in Cursor.keys.enumerated() where range.count == candidate.utf8CodeUnitCount {
            let same = candidate.withUTF8Buffer { literal in
                var position = range.lowerBound
                for byte in literal {
                    if bytes[position] != byte { return false }
                    position += 1
                }
                return true
            }
            if same { return CaseKey(rawValue: UInt8(index)) ?? .unknown }
        }
        return .unknown
    }

    static let keys: [StaticString] = ["leeway", "case", "title", "policy", "handled-by", "channel", "customer", "facts", "wants",
                                       "problem", "goal", "mood", "action", "amount", "id", "spent", "day", "week", "month", "year"]

    /// `12`, `12.5`, `12.5 USD`: fixed point, in `currency` (a bare number takes it).
    func money(_ range: Range<Int>, currency: [UInt8]) -> Int64? {
        var position = range.lowerBound
        var whole: Int64 = 0
        var digits = 0
        while position < range.upperBound, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            whole = whole * 10 + Int64(bytes[position] - 0x30)
            digits += 1
            position += 1
        }
        guard digits > 0, digits <= 14 else { return nil }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if position < range.upperBound, bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < range.upperBound, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                fraction = fraction * 10 + Int64(bytes[position] - 0x30)
                fractionDigits += 1
                position += 1
            }
            guard fractionDigits > 0, fractionDigits <= FixedPoint.decimals else { return nil }
        }
        for _ in fractionDigits..<FixedPoint.decimals { fraction *= 10 }
        if position < range.upperBound {
            guard bytes[position] == 0x20, range.upperBound - position == 4 else { return nil }
            guard equal((position + 1)..<range.upperBound, currency) else { return nil }
        } else if currency.isEmpty {
            return nil
        }
        return whole * FixedPoint.scale + fraction
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
