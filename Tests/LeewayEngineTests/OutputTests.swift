import Foundation
import LeewayCore
@testable import LeewayEngine
import Testing
import LeewayOverrides
import LeewayReporters

@Suite struct JSONWriterTests {
    func written(_ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        body(&writer)
        #expect(writer.isComplete)
        return writer.string
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let text = written { $0.string("say \"hi\"\\ \n\t\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}") }
        #expect(text == #""say \"hi\"\\ \n\t\r\b\f\u0001\u001f\u007f""#)
        let back = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? String
        #expect(back == "say \"hi\"\\ \n\t\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}")
    }

    @Test func keepsNonASCIITextAsUTF8() {
        #expect(written { $0.string("café — ñandú 🚚") } == "\"café — ñandú 🚚\"")
        #expect(written { $0.string(utf8: Array("línea".utf8)) } == "\"línea\"")
    }

    @Test func placesCommasAndColonsInNestedValues() {
        let text = written { w in
            w.beginObject()
            w.key("a"); w.number(1)
            w.key("b"); w.beginArray(); w.bool(true); w.null(); w.beginObject(); w.endObject(); w.beginArray(); w.endArray(); w.endArray()
            w.key("c \"q\""); w.string("x")
            w.key(ascii: "d"); w.number(Int64(-42))
            w.endObject()
        }
        #expect(text == #"{"a":1,"b":[true,null,{},[]],"c \"q\"":"x","d":-42}"#)
    }

    @Test func prettyOutputIsIndentedAndStillValid() throws {
        var writer = JSONWriter(pretty: true)
        writer.beginObject()
        writer.key("cases"); writer.beginArray(); writer.number(1); writer.number(2); writer.endArray()
        writer.key("empty"); writer.beginArray(); writer.endArray()
        writer.endObject()
        #expect(writer.string == "{\n  \"cases\": [\n    1,\n    2\n  ],\n  \"empty\": []\n}")
        #expect(try JSONSerialization.jsonObject(with: Data(writer.bytes)) is [String: Any])
    }

    @Test func writesNumbersWithoutFoundation() {
        #expect(written { $0.number(0) } == "0")
        #expect(written { $0.number(Int64.max) } == "9223372036854775807")
        #expect(written { $0.number(Int64.min + 1) } == "-9223372036854775807")
        #expect(written { $0.number(0.3281, digits: 4) } == "0.3281")
        #expect(written { $0.number(2.5, digits: 2) } == "2.5")
        #expect(written { $0.number(Double.nan) } == "null")
    }

    @Test func formattedStringsAreEscapedWhenNeeded() {
        #expect(written { $0.string(formatted: { $0.append(contentsOf: Array("4h30m".utf8)) }) } == "\"4h30m\"")
        #expect(written { $0.string(formatted: { $0.append(contentsOf: Array("a\"b".utf8)) }) } == #""a\"b""#)
    }

    @Test func deepNestingKeepsItsCommas() throws {
        let text = written { w in
            for _ in 0..<100 { w.beginArray(); w.number(1) }
            for _ in 0..<100 { w.number(2); w.endArray() }
        }
        #expect(text == String(repeating: "[1,", count: 100) + String(repeating: "2]", count: 100).replacingOccurrences(of: "]2", with: "],2"))
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [Any])
    }

    @Test func aCopyOfAWriterWritesOnItsOwn() {
        var first = JSONWriter(capacity: 8)
        first.beginArray()
        first.number(1)
        var second = first
        second.number(2)
        first.number(3)
        first.endArray()
        second.endArray()
        #expect(first.string == "[1,3]")
        #expect(second.string == "[1,2]")
    }

    @Test func growsPastItsCapacityAndHandsItsBytesOver() {
        var writer = JSONWriter(capacity: 1)
        writer.beginArray()
        for index in 0..<2000 { writer.string("value \(index) — é") }
        writer.endArray()
        let parsed = try? JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(parsed?.count == 2000)
        #expect(parsed?.last == "value 1999 — é")
        let taken = writer.takeBytes()
        #expect(taken.count > 2000 * 12)
        #expect(writer.count == 0)
        writer.number(5)
        #expect(writer.string == "5")
    }

    /// Compact and pretty, keys and values with every kind of byte: what the writer
    /// writes reads back as what was written.
    @Test func everyByteRoundTripsInBothLayouts() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = (0..<0x80).map { Unicode.Scalar(UInt8($0)) } + Array("é—ñ🚚".unicodeScalars)
        for pretty in [false, true] {
            for _ in 0..<200 {
                let length = Int.random(in: 0..<40, using: &generator)
                var text = ""
                for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
                let bytes = Array(text.utf8)
                var writer = JSONWriter(pretty: pretty)
                writer.beginObject()
                writer.key(text)
                writer.string(utf8: bytes)
                writer.key(ascii: "plain")
                writer.string(text)
                writer.endObject()
                let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: String])
                #expect(object[text] == text || text == "plain")
                #expect(object["plain"] == text)
            }
        }
    }

    @Test func resetKeepsNothingButCapacity() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.reset()
        writer.number(7)
        #expect(writer.string == "7")
    }
}

@Suite struct ByteScanTests {
    /// The word-at-a-time scan finds the first byte that is not plain exactly where a
    /// byte-by-byte scan does, wherever it falls in a word.
    @Test func findsTheFirstSpecialByteLikeAByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let specials: [UInt8] = [0x00, 0x01, 0x1F, 0x22, 0x5C, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<5000 {
            let length = Int.random(in: 0..<40, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
            for _ in 0..<Int.random(in: 0..<3, using: &generator) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = specials.randomElement(using: &generator)!
            }
            let expected = bytes.firstIndex { !ByteScan.isPlain($0) } ?? bytes.count
            let found = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { ByteScan.plainPrefix($0, $0 + buffer.count) } ?? 0
            }
            #expect(found == expected, "\(bytes)")
        }
    }
}

@Suite struct FixedPointTests {
    @Test func formatsLikeMoneyDoes() {
        for text in ["0", "1", "25.5", "0.01", "40", "1234.5678", "0.0001", "999999999.99"] {
            let decimal = Decimal(string: text)!
            let fixed = try! #require(FixedPoint.fixed(decimal))
            var bytes: [UInt8] = []
            FixedPoint.append(fixed, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Money.format(decimal))
        }
    }

    /// Integers and amounts at the ends of their range are spelled in full, as `String` and
    /// `Money.format` spell them.
    @Test func extremesAreSpelledInFull() {
        for value: Int64 in [0, 9, 10, -1, -10, .max, .min] {
            var bytes: [UInt8] = []
            ByteSink.appendDecimal(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
        for fixed: Int64 in [1, -1, 255_000, 3_426_000, -5_000, .max, .min + 1] {
            var bytes: [UInt8] = []
            FixedPoint.append(fixed, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Money.format(FixedPoint.decimal(fixed)), "\(fixed)")
        }
    }

    @Test func refusesWhatDoesNotFitExactly() {
        #expect(FixedPoint.fixed(Decimal(string: "0.00001")!) == nil)
        #expect(FixedPoint.fixed(Decimal(string: "1e20")!) == nil)
        #expect(FixedPoint.fixed(Decimal(string: "25.50")!) == 255_000)
    }

    @Test func durationsAreSpelledLikeDuration() {
        // The ends of the range too: a saturated sum is `Int64.max` or `Int64.min` seconds.
        for seconds: Int64 in [0, 59, 60, 3600, 16_200, 86_400, 604_800, 864_000, 90_061, -90_061, .max, .min, .min + 1] {
            var bytes: [UInt8] = []
            FixedPoint.appendDuration(seconds, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Duration(seconds: seconds).description)
        }
    }
}

@Suite struct EvalJSONTests {
    @Test func theSpecCaseHasTheSpecShape() throws {
        let result = try evaluate(specCase, try compile(specPolicy))
        let json = try result.json()
        #expect(json["case"] as? String == "C-1042")
        #expect(json["policy"] as? String == "acme-field-service")
        #expect(json["handledBy"] as? String == "agent")
        let decisions = try #require(json["decisions"] as? [[String: Any]])
        #expect(decisions.count == 2)
        #expect(decisions[0]["action"] as? String == "issue-credit")
        #expect(decisions[0]["amount"] as? String == "40 USD")
        #expect(decisions[0]["outcome"] as? String == "escalate")
        #expect(decisions[0]["by"] as? String == "supervisor")
        #expect(decisions[0]["within"] as? String == "15m")
        #expect(decisions[0]["via"] == nil)
        #expect((decisions[0]["trace"] as? [[String: Any]])?.isEmpty == false)
        #expect(decisions[1]["action"] as? String == "reschedule-visit")
        #expect(decisions[1]["amount"] as? String == "1h")
        #expect(decisions[1]["outcome"] as? String == "blocked")
        #expect(decisions[1]["by"] == nil && decisions[1]["within"] == nil)
        let resolution = try #require(json["resolution"] as? [String: Any])
        #expect(resolution["firstContact"] as? Bool == false)
        #expect(resolution["blocked"] as? Int == 1)
        #expect(resolution["handoffs"] as? Int == 1)
        #expect(resolution["approvals"] as? Int == 0)
        #expect(resolution["asks"] as? Int == 0)
        #expect(resolution["time"] as? String == "15m")
        #expect(resolution["timeKnown"] == nil)
        #expect((json["overrides"] as? [Any])?.isEmpty == true)
    }

    @Test func traceStepsCarryLocationsAndTheChosenPath() throws {
        let result = try evaluate(specCase, try compile(specPolicy))
        let decisions = try #require(try result.json()["decisions"] as? [[String: Any]])
        let trace = try #require(decisions[0]["trace"] as? [[String: Any]])
        let grants = trace.filter { $0["step"] as? String == "grant" }
        #expect(grants.count == 3)
        #expect(grants.allSatisfy { $0["file"] as? String == "policy.yaml" && ($0["line"] as? Int ?? 0) > 0 })
        #expect(grants[0]["covers"] as? Bool == false)
        #expect(grants[1]["offers"] as? String == "needs-approval")
        #expect(grants[2]["chosen"] as? Bool == true)
        #expect(trace.filter { $0["chosen"] as? Bool == true }.count == 1)
    }

    @Test func theDocumentListsCasesAndErrors() throws {
        let result = try evaluate(specCase, try compile(specPolicy))
        let text = EvalJSON.document([result], errors: [], language: .en)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["cases"] as? [Any])?.count == 1)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
    }
}

@Suite struct EvalTextTests {
    @Test func aSupervisorReadsTheOutcomeWhoHowLongAndWhy() throws {
        let result = try evaluate(specCase, try compile(specPolicy))
        let text = EvalText().render(result)
        #expect(text.contains("C-1042 — Technician 4.5 hours late, second visit"))
        #expect(text.contains("problem: No internet since Monday"))
        #expect(text.contains("goal: Working internet before Friday's exam"))
        #expect(text.contains("mood: frustrated"))
        #expect(text.contains("already waited 4h30m"))
        #expect(text.contains("↑ issue-credit 40 USD — escalate to `supervisor`, within 15m"))
        #expect(text.contains("✗ reschedule-visit 1h — blocked"))
        #expect(text.contains("why: grant to `agent` (up to 25 USD) does not cover 40 USD"))
        #expect(text.contains("verdict: not resolved at first contact: 1 blocked, 1 hand-off"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test func explainListsEveryStepWithItsLocation() throws {
        let result = try evaluate(specCase, try compile(specPolicy))
        let text = EvalText(explain: true).render(result)
        #expect(text.contains("→ policy.yaml:"))
        #expect(text.contains("above-limit approval by `finance` not needed"))
    }

    @Test func spanishReadsNaturally() throws {
        let result = try evaluate(specCase, try compile(specPolicy))
        let text = EvalText(language: .es).render(result)
        #expect(text.contains("pasar a `supervisor`, en 15m como máximo"))
        #expect(text.contains("veredicto: no se resuelve en el primer contacto"))
    }
}

@Suite struct BatchSummaryTests {
    @Test func countsOutcomesRatesAndPercentiles() {
        var summary = BatchSummary()
        for time: Int64 in [0, 0, 0, 600, 3600, 3600, 7200, 7200, 14400, 86400] {
            var resolution = Resolution()
            resolution.time = time
            resolution.firstContact = time == 0
            summary.add(decisions: [Decision(want: 0, action: 0, outcome: time == 0 ? .allowed : .escalate)], resolution: resolution)
        }
        #expect(summary.cases == 10)
        #expect(summary.count(.allowed) == 3)
        #expect(summary.count(.escalate) == 7)
        #expect(summary.firstContactRate == 0.3)
        #expect(summary.percentile(0.5) == 3600)
        #expect(summary.percentile(0.9) == 14400)
        #expect(summary.render(language: .en).contains("first contact 30%; time to resolution median 1h, p90 4h"))
    }
}

@Suite struct ExplanationCacheTests {
    /// A sentence said from the cache (a grant whose condition failed, for values seen
    /// before) is the sentence a fresh explanation renders, in both languages.
    @Test func cachedSentencesAreTheRenderedOnes() throws {
        let policy = FuzzRegressionTests.policy
        let issues = ["late-arrival", "missed-appointment", "billing-error", "broken-product", "outage"]
        let tiers = ["standard", "plus", "business"]
        for language in [Language.en, .es] {
            let shared = Explanation(policy: policy, language: language)
            var said = 0
            for round in 0..<2 {
                for (index, issue) in issues.enumerated() {
                    for tier in tiers {
                        let facts = index % 2 == 0 ? "{ issue: \(issue), tier: \(tier) }" : "{ tier: \(tier) }"
                        let evaluated = try evaluate(caseText(round == 0 ? "agent" : "technician", facts: facts,
                                                              wants: "[{ action: issue-credit, amount: 40 USD }]"), policy)
                        for step in evaluated.trace {
                            let fresh = Explanation(policy: policy, language: language).sentence(step, input: evaluated.input)
                            #expect(shared.sentence(step, input: evaluated.input) == fresh)
                            #expect(shared.sentence(step, input: evaluated.input) == fresh)
                            said += 1
                        }
                    }
                }
            }
            #expect(said > 30)
        }
    }
}
