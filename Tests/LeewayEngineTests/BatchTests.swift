import Foundation
import LeewayCore
import LeewayEngine
import Testing

/// The benchmark's policy, small: money with `fraud: false`, enum lists, durations.
let batchPolicy = """
leeway: 1
policy: bench
currency: USD
roles:
  agent: { customer-facing: true }
  senior-agent: { customer-facing: true }
  supervisor: {}
facts:
  issue: { type: enum, values: [late-delivery, damaged-item, billing-error, other] }
  tier: { type: enum, values: [basic, plus, vip] }
  tenure-months: { type: count }
  fraud: { type: bool }
actions:
  credit:
    measure: money
    grants:
      - { role: agent, up-to: 25 USD, when: { fraud: false, issue: [late-delivery, billing-error], tier: [basic, plus] } }
      - { role: agent, up-to: 100 USD, when: { fraud: false, issue: [late-delivery, billing-error], tier: [basic, plus] }, approval: { by: supervisor, within: 4h } }
      - { role: senior-agent, up-to: 300 USD, when: { fraud: false } }
  extension:
    measure: duration
    grants:
      - { role: agent, up-to: 7d }
  cash-payout:
    measure: money
    never: true
"""

/// Runs a JSON Lines text through the batch evaluator; returns output lines and findings.
func runBatch(_ text: String, policy: CompiledPolicy, workers: Int = 2, batchBytes: Int = 64) -> ([String], [Finding], BatchSummary) {
    let bytes = Array(text.utf8)
    let batch = BatchEvaluator(policy: policy, path: "cases.jsonl", workers: workers)
    batch.batchBytes = batchBytes
    batch.maxInFlight = 3
    var offset = 0
    var output: [UInt8] = []
    var findings: [Finding] = []
    let summary = batch.run(read: { buffer in
        // Hand out a few bytes at a time, so lines straddle reads and batches.
        let count = min(7, buffer.count, bytes.count - offset)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }, write: { output += $0 }, report: { findings.append($0) })
    let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    return (lines, findings, summary)
}

@Suite struct BatchTests {
    /// The reader hands each batch's buffer over whole and carries the partial line on:
    /// whatever the batch size and however the reads fall, a line too long to hold is passed
    /// over at its own line number, and the lines after it keep theirs.
    @Test func lineNumbersHoldAcrossBuffersAndAnOverlongLine() throws {
        let policy = try compile(batchPolicy)
        func line(_ id: String) -> String {
            #"{"leeway":1,"case":"\#(id)","policy":"bench","handled-by":"agent","channel":"chat","facts":{"issue":"late-delivery","tier":"basic","tenure-months":3,"fraud":false},"wants":[{"action":"credit","amount":"5 USD"}]}"#
        }
        let overlong = #"{"leeway":1,"case":""# + String(repeating: "x", count: CaseLoader.maxLineBytes + 10) + #""}"#
        let text = [line("first"), overlong, "{not json", line("fourth")].joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        for (batchBytes, readSize) in [(64, 7), (4096, 65_536), (256 * 1024, 1 << 20), (1 << 21, 3)] {
            let batch = BatchEvaluator(policy: policy, path: "cases.jsonl", workers: 2)
            batch.batchBytes = batchBytes
            var offset = 0
            var output: [UInt8] = []
            var findings: [Finding] = []
            _ = batch.run(read: { buffer in
                let count = min(readSize, buffer.count, bytes.count - offset)
                bytes.withUnsafeBytes { source in
                    if count > 0 { buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count) }
                }
                offset += count
                return count
            }, write: { output += $0 }, report: { findings.append($0) })
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == 2, "batch \(batchBytes), reads of \(readSize)")
            #expect(lines.first?.hasPrefix(#"{"case":"first""#) == true)
            #expect(lines.last?.hasPrefix(#"{"case":"fourth""#) == true)
            #expect(findings.compactMap { $0.location.position?.line } == [2, 3], "batch \(batchBytes), reads of \(readSize)")
        }
    }

    @Test func outputKeepsInputOrderAcrossBatchesAndWorkers() throws {
        let policy = try compile(batchPolicy)
        var text = ""
        for index in 0..<300 {
            let amount = ["5 USD", "50 USD", "250 USD", "900 USD"][index % 4]
            text += #"{"leeway":1,"case":"c-\#(index)","policy":"bench","handled-by":"agent","channel":"chat","facts":{"issue":"late-delivery","tier":"basic","tenure-months":3,"fraud":false},"wants":[{"action":"credit","amount":"\#(amount)"}]}"# + "\n"
        }
        let (lines, findings, summary) = runBatch(text, policy: policy)
        #expect(findings.isEmpty)
        #expect(lines.count == 300)
        for (index, line) in lines.enumerated() {
            #expect(line.hasPrefix(#"{"case":"c-\#(index)","#))
        }
        #expect(summary.cases == 300)
        #expect(summary.count(.allowed) == 75)
        #expect(summary.count(.needsApproval) == 75)
        #expect(summary.count(.escalate) == 75)
        #expect(summary.count(.blocked) == 75)
    }

    @Test func aBadLineIsReportedWithItsNumberAndSkipped() throws {
        let policy = try compile(batchPolicy)
        let good = #"{"case":"ok","handled-by":"agent","facts":{"fraud":false},"wants":[{"action":"extension","amount":"2d"}]}"#
        let text = [good, #"{"case":"bad","handled-by":"agnet","wants":[{"action":"extension","amount":"2d"}]}"#, "", "{not json", good, "  "]
            .joined(separator: "\n")
        let (lines, findings, summary) = runBatch(text, policy: policy)
        #expect(lines.count == 2)
        #expect(summary.invalid == 2)
        #expect(findings.count == 2)
        #expect(findings[0].location.line == 2)
        #expect(findings[0].message.render().contains("agnet"))
        #expect(findings[0].help?.render().contains("agent") == true)
        #expect(findings[1].location.line == 4)
    }

    /// The byte-level reader and the loader agree on every line they both read, and the
    /// reader gives up (rather than guessing) on everything unusual.
    @Test func theFastPathAgreesWithTheLoader() throws {
        let policy = try compile(batchPolicy)
        let lines = [
            #"{"leeway":1,"case":"a","policy":"bench","handled-by":"agent","channel":"phone","facts":{"issue":"billing-error","tier":"plus","tenure-months":12,"fraud":false},"wants":[{"action":"credit","amount":"25 USD"}]}"#,
            #"{ "case" : "b", "handled-by" : "agent", "facts" : { "fraud" : false, "issue" : "late-delivery", "tier" : "basic" }, "wants" : [ { "action" : "credit", "amount" : 25.01 } ] }"#,
            #"{"case":"c","handled-by":"senior-agent","customer":{"problem":"x","goal":"y","mood":"angry"},"facts":{"fraud":true},"wants":[{"action":"credit","amount":"1.5 USD"},{"action":"extension","amount":"1w2d"},{"action":"cash-payout","amount":"1 USD"}]}"#,
            #"{"case":"d","handled-by":"agent","facts":{},"wants":[{"action":"extension","amount":"0"}]}"#,
        ]
        let parser = FastLineParser(policy: policy)
        for (index, line) in lines.enumerated() {
            var input = CaseInput(for: policy)
            let bytes = Array(line.utf8)
            let id = bytes.withUnsafeBufferPointer { parser.parse($0, into: &input) }
            #expect(id != nil, "line \(index + 1) should be on the fast path")
            var fast = Evaluator(policy: policy)
            fast.evaluate(input)
            let (decoded, problems) = CaseLoader.decodeLine(bytes, path: "x.jsonl", lineNumber: 1, file: SourceFile(path: "x.jsonl", text: ""))
            #expect(problems.isEmpty)
            guard case .success(let slow) = Engine.evaluate(try #require(decoded), with: policy, tracing: false) else {
                Issue.record("line \(index + 1) does not evaluate on the slow path")
                continue
            }
            #expect(fast.decisions.map(\.outcome) == slow.decisions.map(\.outcome))
            #expect(fast.resolution == slow.resolution)
            #expect(input.wants.map(\.amount) == slow.input.wants.map(\.amount))
        }
    }

    @Test(arguments: [
        #"{"case":"x","handled-by":"agent","wants":[{"action":"extension","amount":"2d"}],"expect":{"extension":"allowed"}}"#,
        #"{"case":"x\u0041","handled-by":"agent","wants":[{"action":"extension","amount":"2d"}]}"#,
        #"{"case":"x","handled-by":"agent","handled-by":"agent","wants":[{"action":"extension","amount":"2d"}]}"#,
        #"{"case":"x","handled-by":"agent","wants":[{"action":"credit","amount":"2.00001 USD"}]}"#,
        #"{"case":"x","handled-by":"agent","wants":[{"action":"credit","amount":"2 EUR"}]}"#,
        #"{"case":"x","handled-by":"agent","facts":{"fraud":"yes"},"wants":[{"action":"credit","amount":"2 USD"}]}"#,
        #"{"case":"x","handled-by":"agent","facts":{"tier":"gold"},"wants":[{"action":"credit","amount":"2 USD"}]}"#,
        #"{"case":"x","handled-by":"agent","wants":[{"action":"credit"}]}"#,
        #"{"case":"x","handled-by":"agent","title":"caf\u{01}","wants":[{"action":"extension","amount":"2d"}]}"#,
        #"{"case":"x","handled-by":"agent","wants":[{"action":"extension","amount":"2d"}]} trailing"#,
    ])
    func theFastPathGivesUpOnAnythingUnusual(line: String) throws {
        let policy = try compile(batchPolicy)
        var input = CaseInput(for: policy)
        let bytes = Array(line.utf8)
        #expect(bytes.withUnsafeBufferPointer { FastLineParser(policy: policy).parse($0, into: &input) } == nil)
    }
}
