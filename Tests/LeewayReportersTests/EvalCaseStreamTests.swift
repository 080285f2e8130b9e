import Foundation
import Testing
import LeewayCore
import LeewayEngine
import LeewayOverrides
import LeewayReporters

/// `eval --format json`'s cases planned and written on every core: the same bytes as on
/// one thread, run after run, and as the case-by-case writer.
@Suite struct EvalCaseStreamTests {
    static let policyText = """
    leeway: 1
    policy: stream
    currency: USD
    roles:
      agent: { customer-facing: true }
      senior: { customer-facing: true }
      trainee: { customer-facing: true }
      supervisor: {}
    facts:
      issue: { type: enum, values: [late, damaged, wrong, billing, outage] }
      tier: { type: enum, values: [basic, plus, vip] }
      fraud: { type: bool }
    actions:
      credit:
        measure: money
        grants:
          - { role: agent, up-to: 25 USD, when: { fraud: false, issue: [late, outage], tier: [basic, plus] } }
          - { role: agent, up-to: 100 USD, when: { fraud: false, issue: [late, outage] }, approval: { by: supervisor, within: 4h } }
          - { role: senior, up-to: 100 USD, when: { fraud: false, issue: [late, outage, billing] } }
      refund:
        measure: money
        grants:
          - { role: agent, up-to: 40 USD, when: { fraud: false, issue: [damaged, wrong] } }
          - { role: senior, up-to: 150 USD, when: { fraud: false, issue: [damaged, wrong, billing] }, approval: { by: supervisor, within: 1d } }
      payout:
        measure: money
        never: true
        reason: Not a frontline decision
    discretion:
      - { role: senior, up-to: 30 USD, per: case }
    """

    /// Varied cases: several per situation, amounts and facts that differ within one.
    static func cases(_ count: Int) throws -> [Case] {
        var text = ""
        let roles = ["agent", "senior", "trainee"], actions = ["credit", "refund", "payout"]
        let issues = ["late", "damaged", "wrong", "billing", "outage"], tiers = ["basic", "plus", "vip"]
        for index in 0..<count {
            let amount = Double((index * 37) % 300) + Double(index % 7) / 4
            let fraud = index % 11 == 0
            text += #"{"case":"S-\#(index)","handled-by":"\#(roles[index % 3])","facts":{"issue":"\#(issues[(index / 3) % 5])","tier":"\#(tiers[(index / 2) % 3])","fraud":\#(fraud)},"wants":[{"action":"\#(actions[(index / 5) % 3])","amount":"\#(String(format: "%.2f", amount)) USD"}]}"#
            text += "\n"
        }
        let loaded = CaseLoader.load(text: text, path: "cases.jsonl")
        #expect(loaded.findings.isEmpty)
        return loaded.cases
    }

    /// The document's cases written by a stream with `workers` threads.
    static func document(_ cases: [Case], workers: Int, blockSize: Int, shared: Bool = true) throws -> String {
        let policy = try #require(PolicyLoader.load(text: policyText, path: "p.yaml").policy)
        let compiled = CompiledPolicy(policy)
        // Shared: the planner takes the cases as evaluated; else it evaluates each again.
        let planner = OverridePlanner(policy: policy, compiled: shared ? compiled : nil)
        var stream = EvalCaseStream(planner: planner, explanation: Explanation(policy: compiled, language: .en),
                                    language: .en, workers: workers)
        stream.blockSize = blockSize
        var writer = JSONWriter(pretty: true)
        writer.beginObject()
        writer.key(ascii: "cases")
        writer.beginArray()
        // In batches, as the command hands them over.
        var batch: [EvaluatedCase] = []
        for source in cases {
            guard case .success(let evaluated) = Engine.evaluate(source, with: compiled, tracing: true) else { continue }
            batch.append(evaluated)
            if batch.count == 37 {
                stream.write(batch, into: &writer)
                batch.removeAll()
            }
        }
        stream.write(batch, into: &writer)
        writer.endArray()
        writer.endObject()
        return writer.string
    }

    @Test func everyCoreWritesWhatOneThreadWrites() throws {
        let cases = try Self.cases(300)
        let one = try Self.document(cases, workers: 1, blockSize: 16)
        let two = try Self.document(cases, workers: 2, blockSize: 3)
        let again = try Self.document(cases, workers: 2, blockSize: 5)
        let evaluatedAgain = try Self.document(cases, workers: 2, blockSize: 5, shared: false)
        #expect(one == two)
        #expect(two == again)
        #expect(again == evaluatedAgain)
        #expect(one.contains("\"overrides\""))
        // Valid JSON with every case, in input order.
        let object = try JSONSerialization.jsonObject(with: Data(one.utf8)) as? [String: Any]
        let written = try #require(object?["cases"] as? [[String: Any]])
        #expect(written.map { $0["case"] as? String } == cases.map { $0.id.value })
    }

    @Test func aCaseGetsWhatItGetsAlone() throws {
        // Planned from another case's plan or searched for itself: the same override.
        let cases = try Self.cases(120)
        let together = try Self.document(cases, workers: 2, blockSize: 4)
        let object = try JSONSerialization.jsonObject(with: Data(together.utf8)) as? [String: Any]
        let written = try #require(object?["cases"] as? [[String: Any]])
        for index in [7, 41, 88, 119] {
            let alone = try Self.document([cases[index]], workers: 1, blockSize: 16)
            let single = try JSONSerialization.jsonObject(with: Data(alone.utf8)) as? [String: Any]
            let one = try #require((single?["cases"] as? [[String: Any]])?.first)
            #expect(NSDictionary(dictionary: one).isEqual(to: written[index]), "case \(index)")
        }
    }
}
