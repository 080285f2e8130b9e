import Foundation
import LeewayCore
@testable import LeewayEngine
import Testing

/// The fast parser's shortcuts (issue 17): patterns of what usually comes next
/// (`KeyPatterns`) match exactly where the bytes start with them; numbers read by the
/// raw-pointer cursor are the plain reading's; keys and facts in any order, with spaces,
/// read as the loader reads them.
@Suite struct KeyPatternTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// At every offset of a buffer holding the patterns, near misses and noise, and from
    /// every starting entry, `match` finds the first pattern the bytes start with, as the
    /// byte-by-byte comparison does (none of more than 16 bytes, none with fewer than 16
    /// bytes left).
    @Test func patternsMatchAsTheByteByByteReferenceAtEveryOffset() {
        var patterns: [[UInt8]] = (1...17).map { length in (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) } }
        patterns += ["leeway", "handled-by", "tenure-months", "ñandú"].map { [0x22] + Array($0.utf8) + [0x22, 0x3A] }
        patterns.append(Array("\"bench-workload\"".utf8))
        patterns.append([])
        let index = KeyPatterns(patterns)
        var random = Generator(state: 0x17_0717)
        var buffer: [UInt8] = []
        for _ in 0..<400 {
            var piece = patterns[random.next(patterns.count)]
            switch random.next(4) {
            case 0 where !piece.isEmpty: piece[random.next(piece.count)] ^= UInt8(1 << random.next(8))
            case 1 where !piece.isEmpty: piece.removeLast()
            case 2: piece = (0..<random.next(6)).map { _ in UInt8(random.next(256)) }
            default: break
            }
            buffer += piece
        }
        buffer.withUnsafeBufferPointer { whole in
            let base = whole.baseAddress!
            for at in 0...whole.count {
                for from in [0, 1, 5, 16, 17, 20, patterns.count - 1, patterns.count] {
                    var expected = (-1, 0)
                    if whole.count - at >= 16 {
                        for entry in from..<patterns.count where (1...16).contains(patterns[entry].count)
                            && KeyPatterns.starts(UnsafeBufferPointer(rebasing: whole[at...]), with: patterns[entry]) {
                            expected = (entry, patterns[entry].count)
                            break
                        }
                    }
                    let found = index.match(base + at, base + whole.count, from: from)
                    #expect(found == expected, "at \(at) from \(from)")
                }
            }
        }
    }

    /// Integers and amounts read by the cursor agree with a plain reading of the same text
    /// on random texts: digits, points, spaces, currencies, too many digits.
    @Test func cursorNumbersAgreeWithAPlainReading() {
        var random = Generator(state: 0xD161)
        let alphabet = Array("0123456789. USDEURe".utf8)
        for _ in 0..<20000 {
            let length = 1 + random.next(22)
            var text = (0..<length).map { _ in alphabet[random.next(random.next(3) == 0 ? alphabet.count : 10)] }
            if random.next(3) == 0 { text += Array(" USD".utf8) }
            let line = text + [UInt8(ascii: ",")]
            line.withUnsafeBufferPointer { bytes in
                var cursor = Cursor(bytes: bytes)
                #expect(cursor.integer() == plainInteger(line), "\(String(decoding: text, as: UTF8.self))")
                let whole = Cursor(bytes: bytes)
                for currency in [Array("USD".utf8), []] {
                    #expect(whole.money(0..<text.count, currency: currency) == plainMoney(text, currency: currency),
                            "\(String(decoding: text, as: UTF8.self)) in \(currency)")
                }
            }
        }
    }

    /// A JSON integer of at most 18 digits (after spaces), not followed by a fraction or an exponent.
    func plainInteger(_ text: [UInt8]) -> Int64? {
        let line = Array(text.drop { $0 == 0x20 || $0 == 0x09 })
        let digits = line.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        if digits.count < line.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(line[digits.count]) { return nil }
        return Int64(String(decoding: digits, as: UTF8.self))
    }

    /// `12`, `12.5`, `12.5 USD` in fixed point: up to 14 whole digits and 4 decimals, the
    /// currency or none (then the policy's, which must exist), at most `FixedPoint.limit`.
    func plainMoney(_ text: [UInt8], currency: [UInt8]) -> Int64? {
        let string = String(decoding: text, as: UTF8.self)
        let parts = string.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard Array(parts[1].utf8) == currency, currency.count == 3 else { return nil }
        } else if currency.isEmpty {
            return nil
        }
        let number = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard isDigits(number[0]), number[0].count <= 14 else { return nil }
        var fraction: Int64 = 0
        if number.count == 2 {
            guard isDigits(number[1]), number[1].count <= 4 else { return nil }
            fraction = Int64(number[1] + String(repeating: "0", count: 4 - number[1].count))!
        }
        let fixed = Int64(number[0])! * FixedPoint.scale + fraction
        return fixed <= FixedPoint.limit ? fixed : nil
    }

    static let policy = """
    leeway: 1
    policy: orden
    currency: USD
    roles:
      agent: { customer-facing: true }
    facts:
      issue: { type: enum, values: [late, billing] }
      tier: { type: enum, values: [basic, vip] }
      tenure-months: { type: count }
      fraud: { type: bool }
    actions:
      refund:
        measure: money
        grants:
          - { role: agent, up-to: 25 USD, when: { tier: vip } }
          - { role: agent, up-to: 10 USD }
    """

    /// The case's keys, the facts and a want's keys in every order tried, compact or with
    /// spaces: all stay on the fast path, read as the loader reads them.
    @Test func keysInAnyOrderReadAsTheLoaderReads() throws {
        let policy = try compile(Self.policy)
        let parser = FastLineParser(policy: policy)
        var input = CaseInput(for: policy)
        var random = Generator(state: 0x0DE2)
        var lines: [String] = []
        for number in 0..<200 {
            var facts = [#""issue":"\#(["late", "billing"][number % 2])""#, #""tier":"\#(["basic", "vip"][number / 2 % 2])""#,
                         #""tenure-months":\#(number)"#, #""fraud":\#(number % 7 == 0)"#]
            var want = [#""action":"refund""#, #""amount":"\#(number % 30).5 USD""#]
            var keys = [#""leeway":1"#, #""case":"K-\#(number)""#, #""policy":"orden""#, #""handled-by":"agent""#,
                        #""title":"Orden \#(number)""#]
            for _ in 0..<3 {
                facts.swapAt(random.next(facts.count), random.next(facts.count))
                keys.swapAt(random.next(keys.count), random.next(keys.count))
            }
            if number % 3 == 0 { want.reverse() }
            let separator = number % 4 == 0 ? ", " : ","
            keys.insert(#""facts":{\#(facts.prefix(1 + number % 4).joined(separator: separator))}"#, at: random.next(keys.count + 1))
            keys.insert(#""wants":[{\#(want.joined(separator: separator))}]"#, at: random.next(keys.count + 1))
            let line = (number % 5 == 0 ? "{ " : "{") + keys.joined(separator: separator) + (number % 5 == 0 ? " }" : "}")
            #expect(Array(line.utf8).withUnsafeBufferPointer { parser.parse($0, into: &input) } != nil, "\(line)")
            lines.append(line)
        }
        try expectFastPathAgrees(lines, policy: policy)
    }

    /// A key or fact given twice goes to the loader, matched by its pattern or not.
    @Test func repeatedKeysStillGoToTheLoader() throws {
        let policy = try compile(Self.policy)
        let parser = FastLineParser(policy: policy)
        var input = CaseInput(for: policy)
        let lines = [
            #"{"leeway":1,"leeway":1,"case":"D-1","handled-by":"agent","wants":[]}"#,
            #"{"leeway":1,"case":"D-2","handled-by":"agent","facts":{"issue":"late","issue":"late"},"wants":[]}"#,
            #"{"leeway":1,"case":"D-3","handled-by":"agent","facts":{"tier":"vip","issue":"late","tier":"basic"},"wants":[]}"#,
            #"{"leeway":1,"case":"D-4","handled-by":"agent","wants":[{"action":"refund","action":"refund"}]}"#,
            #"{"leeway":1,"case":"D-5","handled-by":"agent","wants":[],"case":"D-5"}"#,
        ]
        for line in lines {
            #expect(Array(line.utf8).withUnsafeBufferPointer { parser.parse($0, into: &input) } == nil, "\(line)")
        }
    }

    /// Values, roles and actions of every length from 1 to 20 bytes (patterns hold up to 16
    /// with their quotes; longer ones are read and looked up): each is read as itself, as
    /// the loader reads it, and a near miss of any of them goes to the loader.
    @Test func namesOfEveryLengthReadAsThemselves() throws {
        let names = (1...20).map { length in String((0..<length).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(($0 * 7 + length) % 26))) }) }
        let policy = try compile("""
        leeway: 1
        policy: \(names[13])
        currency: USD
        roles:
        \(names.map { "  r\($0): { customer-facing: true }" }.joined(separator: "\n"))
        facts:
          kind: { type: enum, values: [\(names.joined(separator: ", "))] }
        actions:
        \(names.map { "  x\($0):\n    measure: money\n    grants:\n      - { role: r\(names[0]), up-to: 25 USD }" }.joined(separator: "\n"))
        """)
        let parser = FastLineParser(policy: policy)
        var input = CaseInput(for: policy)
        var lines: [String] = []
        for (number, name) in names.enumerated() {
            let other = names[(number + 5) % names.count]
            let line = #"{"leeway":1,"case":"N-\#(number)","policy":"\#(names[13])","handled-by":"r\#(name)","facts":{"kind":"\#(other)"},"wants":[{"action":"x\#(name)","amount":"3 USD"}]}"#
            #expect(Array(line.utf8).withUnsafeBufferPointer { parser.parse($0, into: &input) } != nil, "\(line)")
            #expect(input.role == Int32(number))
            #expect(input.values[0] == Int64((number + 5) % names.count) && input.present[0])
            #expect(input.wants.map(\.action) == [Int32(number)])
            lines.append(line)
            for miss in [name + "a", String(name.dropLast()), "Q" + name.dropFirst()] where !names.contains(miss) {
                for wrong in [line.replacingOccurrences(of: #""r\#(name)""#, with: #""r\#(miss)""#),
                              line.replacingOccurrences(of: #""kind":"\#(other)""#, with: #""kind":"\#(miss)""#),
                              line.replacingOccurrences(of: #""x\#(name)""#, with: #""x\#(miss)""#)] {
                    #expect(Array(wrong.utf8).withUnsafeBufferPointer { parser.parse($0, into: &input) } == nil, "\(wrong)")
                }
            }
        }
        try expectFastPathAgrees(lines, policy: policy)
    }
}
