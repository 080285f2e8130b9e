import Foundation
import LeewayCore
import LeewayEngine
import Testing

/// The fast JSON Lines path on real text (issue 17): Spanish, any valid UTF-8, and JSON's
/// escapes stay on it, with the same result as the general loader; what the loader might
/// read differently goes to the loader.
@Suite struct FastPathTextTests {
    static let policy = """
    leeway: 1
    policy: texto
    currency: EUR
    facts:
      issue: { type: enum, values: [late-arrival, billing-error, daño] }
    roles:
      agente: { customer-facing: true }
    actions:
      refund:
        measure: money
        grants:
          - { role: agente, up-to: 50 EUR }
    """

    func fast(_ line: String, _ policy: CompiledPolicy) -> Bool {
        let parser = FastLineParser(policy: policy)
        var input = CaseInput(for: policy)
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { parser.parse($0, into: &input) } != nil
    }

    func line(id: String = "C-1", title: String = "Pedido", problem: String = "Llegó tarde", goal: String = "Un reembolso",
              customerID: String = "ana", issue: String = "late-arrival") -> String {
        #"{"leeway":1,"case":"\#(id)","title":"\#(title)","handled-by":"agente","customer":{"id":"\#(customerID)","problem":"\#(problem)","goal":"\#(goal)","mood":"angry"},"facts":{"issue":"\#(issue)"},"wants":[{"action":"refund","amount":"30 EUR"}]}"#
    }

    @Test func spanishTextStaysOnTheFastPathAndAgrees() throws {
        let policy = try compile(Self.policy)
        let lines = [
            line(title: "Pedido de café", problem: "El técnico no llegó; esperé en casa toda la mañana", goal: "Que me devuelvan el dinero, señor"),
            line(id: "ñandú-7", title: "¿Dónde está mi pedido?", problem: "¡Otra vez tarde!", customerID: "josé-núñez"),
            line(title: "Ünïcödé — “comillas” • 日本語 • 🙂", problem: "Ça ne marche pas", goal: "Résolution"),
            line(title: "Daño", issue: "daño"),
        ]
        for text in lines { #expect(fast(text, policy), "\(text)") }
        try expectFastPathAgrees(lines, policy: policy)
    }

    @Test func everyJSONEscapeInFreeTextStaysOnTheFastPathAndAgrees() throws {
        let policy = try compile(Self.policy)
        let escapes = [#"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\n"#, #"\r"#, #"\t"#, #"\u00e9"#, #"\u00F1"#, #"\u20ac"#, #"\u0041"#]
        var lines: [String] = []
        for (index, escape) in escapes.enumerated() {
            lines.append(line(id: "E-\(index)", title: "Dijo \(escape) algo", problem: "a\(escape)b", goal: "\(escape)"))
        }
        lines.append(line(id: "E-all", title: escapes.joined(), problem: escapes.joined(separator: " "), goal: "fin"))
        for text in lines { #expect(fast(text, policy), "\(text)") }
        try expectFastPathAgrees(lines, policy: policy)
    }

    @Test func whatTheLoaderMayReadDifferentlyGoesToTheLoader() throws {
        let policy = try compile(Self.policy)
        let refused = [
            line(id: #"C\u002d1"#),                  // an escape in an id: decoded by the loader
            line(customerID: #"an\u0061"#),          // likewise a customer's id
            line(issue: #"late\u002darrival"#),      // and a name
            line(title: "tab\there"),                // a raw control character
            line(title: #"\ud83d\ude42"#),           // a surrogate pair (libyaml refuses surrogates)
            line(title: #"\u0007"#),                 // a control written as an escape
            line(title: #"\x41"#),                   // YAML's escape, not JSON's
            line(title: "c1 \u{0085} next line"),    // a C1 control
            line(title: "bom \u{FEFF} inside"),      // a byte order mark
            "\t" + line(),                           // a tab before the object: YAML indentation (found by FastPathMutationTests)
            line().replacingOccurrences(of: ",\"wants\"", with: ",\r\"wants\""), // a lone carriage return between fields
        ]
        for text in refused { #expect(!fast(text, policy), "\(text)") }
        // Malformed UTF-8: a lone continuation byte, an overlong form, a truncated sequence.
        for bad: [UInt8] in [[0x80], [0xC0, 0xA9], [0xE2, 0x82]] {
            var bytes = Array(line(title: "X").utf8)
            let at = bytes.firstIndex(of: UInt8(ascii: "X"))!
            bytes.replaceSubrange(at...at, with: bad)
            let parser = FastLineParser(policy: policy)
            var input = CaseInput(for: policy)
            #expect(bytes.withUnsafeBufferPointer { parser.parse($0, into: &input) } == nil, "\(bad)")
        }
        // The escaped names and ids are read by the loader, decoded, and evaluated as usual.
        try expectFastPathAgrees(Array(refused[0...2]), policy: policy)
    }
}

/// The differential property of the `FuzzLines` fuzzer, on deterministic mutations of
/// real-text lines aimed at strings: every line the fast path accepts, the general loader
/// accepts too, with the same JSON Lines output.
@Suite struct FastPathMutationTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func everyMutatedLineTheFastPathAcceptsTheLoaderReadsTheSame() throws {
        let policy = try compile(FastPathTextTests.policy)
        let base = FastPathTextTests().line(title: "Pedido de café \\u00e9 \\\"ya\\\"", problem: "Llegó tarde\\n¡otra vez!", goal: "Reembolso ñ")
        let pieces: [[UInt8]] = [[0x5C], [0x22], [0x0D], [0x20], Array("u00".utf8), Array("ud83d".utf8), [0x5C, 0x75], Array("é".utf8), [0xC3], [0xA9],
                                 [0xE2, 0x80, 0xA8], [0xEF, 0xBB, 0xBF], [0xC2, 0x85], [0x09], [0x01], [0x7F], Array("ñ".utf8),
                                 Array("🙂".utf8), [0xF0, 0x9F], Array("x41".utf8), [0x2F], Array("n".utf8)]
        var random = Generator(state: 0x5EED)
        var accepted = 0
        var lines: [String] = []
        let parser = FastLineParser(policy: policy)
        var input = CaseInput(for: policy)
        for _ in 0..<12000 {
            var bytes = Array(base.utf8)
            for _ in 0..<(1 + random.next(3)) {
                let at = random.next(bytes.count)
                let piece = pieces[random.next(pieces.count)]
                if random.next(2) == 0 {
                    bytes.insert(contentsOf: piece, at: at)
                } else {
                    bytes.replaceSubrange(at..<min(bytes.count, at + piece.count), with: piece)
                }
            }
            guard bytes.withUnsafeBufferPointer({ parser.parse($0, into: &input) }) != nil else { continue }
            accepted += 1
            // Only whole UTF-8 lines reach here (the fast path validates), so a String holds them.
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(Array(text.utf8) == bytes)
            lines.append(text)
        }
        #expect(accepted > 300, "the mutations should leave many lines on the fast path")
        for line in lines where CaseLoader.load(text: line, path: "case.jsonl").cases.isEmpty {
            Issue.record("the loader refuses a line the fast path took: \(line.debugDescription)")
        }
        try expectFastPathAgrees(lines, policy: policy)
    }
}
