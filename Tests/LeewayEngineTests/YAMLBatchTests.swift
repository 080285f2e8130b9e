import Foundation
import LeewayCore
import LeewayEngine
import Testing

/// A YAML case stream through `BatchEvaluator`: cut at `---` lines, read document by
/// document, written in input order with the file's line numbers in findings.
@Suite struct YAMLBatchTests {
    func runYAML(_ text: String, policy: CompiledPolicy, batchBytes: Int = 64) -> ([String], [Finding], BatchSummary) {
        let bytes = Array(text.utf8)
        let batch = BatchEvaluator(policy: policy, path: "cases.yaml", workers: 2)
        batch.format = .yaml
        batch.batchBytes = batchBytes
        batch.maxInFlight = 3
        var offset = 0
        var output: [UInt8] = []
        var findings: [Finding] = []
        let summary = batch.run(read: { buffer in
            let count = min(11, buffer.count, bytes.count - offset)
            for index in 0..<count { buffer[index] = bytes[offset + index] }
            offset += count
            return count
        }, write: { output += $0 }, report: { findings.append($0) })
        return (String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init), findings, summary)
    }

    @Test func yamlAndJSONLinesGiveTheSameOutput() throws {
        let policy = try compile(batchPolicy)
        var yaml = "# cases\n"
        var jsonl = ""
        for index in 0..<120 {
            let amount = ["5 USD", "50 USD", "250 USD", "900 USD"][index % 4]
            yaml += "---\nleeway: 1\ncase: c-\(index)\nhandled-by: agent\nchannel: chat\n"
                + "facts: { issue: late-delivery, tier: basic, tenure-months: 3, fraud: false }\n"
                + "wants:\n  - action: credit\n    amount: \(amount)\n"
            jsonl += #"{"leeway":1,"case":"c-\#(index)","handled-by":"agent","channel":"chat","facts":{"issue":"late-delivery","tier":"basic","tenure-months":3,"fraud":false},"wants":[{"action":"credit","amount":"\#(amount)"}]}"# + "\n"
        }
        for batchBytes in [64, 1000, 1 << 20] {
            let (lines, findings, summary) = runYAML(yaml, policy: policy, batchBytes: batchBytes)
            let (expected, _, _) = runBatch(jsonl, policy: policy)
            #expect(findings.isEmpty)
            #expect(lines == expected)
            #expect(summary.cases == 120)
            #expect(summary.count(.blocked) == 30)
        }
    }

    @Test func aBadDocumentIsReportedWithItsLineAndTheOthersGoOn() throws {
        let policy = try compile(batchPolicy)
        let good = "case: ok\nhandled-by: agent\nwants:\n  - { action: extension, amount: 2d }\n"
        let text = good + "---\ncase: bad\nhandled-by: agnet\nwants:\n  - { action: extension, amount: 2d }\n"
            + "---\ncase: [broken\n---\n" + good + "--- # a comment\n" + good
        let (lines, findings, summary) = runYAML(text, policy: policy, batchBytes: 16)
        #expect(lines.count == 3)
        #expect(summary.invalid == 2)
        #expect(findings.count == 2)
        #expect(findings.first?.location.line == 7)
        #expect(findings.first?.message.render().contains("agnet") == true)
        // The unclosed `[` of line 11 is reported where its document ends (line 12), as
        // libyaml reports it when the whole file is read at once.
        #expect(findings.last?.location.line == 12)
    }

    @Test func documentStartsAreLinesOpeningWithThreeDashes() {
        let text = Array("a: 1\n---\nb: '---'\n--- x\n---x\n  ---\n---".utf8)
        let starts = text.withUnsafeBufferPointer { CaseLoader.documentStarts($0) }
        #expect(starts == [5, 18, 35])
        let directive = Array("a: 1\n%YAML 1.2\n---\nb: 2\n".utf8)
        let none = directive.withUnsafeBufferPointer { CaseLoader.documentStarts($0) }
        #expect(none.isEmpty)
    }
}
