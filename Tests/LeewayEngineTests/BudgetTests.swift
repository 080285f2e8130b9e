import Foundation
import LeewayCore
import LeewayEngine
import Testing

/// Language 1.1: budgets counted over time. Budgets of one period add up; budgets of
/// different periods all limit the role; `spent` says what went before; a run tracks
/// `per: customer` budgets customer by customer, in input order.
@Suite struct BudgetTests {
    static let policy = """
    leeway: 1
    policy: hotel
    currency: USD
    roles:
      staff: { customer-facing: true }
      manager: { reachable-within: 10m }
    actions:
      make-it-right:
        measure: money
        grants:
          - { role: manager, up-to: 5000 USD }
    discretion:
      - { role: staff, up-to: 2000 USD, per: case, review: after-the-fact }
      - { role: staff, up-to: 500 USD, per: day, review: after-the-fact }
      - { role: staff, up-to: 300 USD, per: customer, review: after-the-fact }
      - { role: staff, up-to: 200 USD, per: customer, review: after-the-fact }
    """

    func want(_ amount: String, spent: String = "{ day: 0 USD, customer: 0 USD }", customer: String = "") -> String {
        """
        leeway: 1
        case: R-1
        handled-by: staff
        \(customer.isEmpty ? "" : "customer: { id: \(customer) }")
        spent: \(spent)
        wants: [ { action: make-it-right, amount: \(amount) } ]
        """
    }

    @Test func theTightestBudgetLimitsAndTheTraceNamesIt() throws {
        let policy = try compile(Self.policy)
        // 2,000 per case, 500 per day, 300 + 200 = 500 per customer: at most 500.
        #expect(try evaluate(want("500 USD"), policy).outcome("make-it-right") == .allowed)
        #expect(try evaluate(want("500.01 USD"), policy).outcome("make-it-right") == .escalate, "never the sum, 2,500")
        let over = try evaluate(want("495 USD", spent: "{ day: 0 USD, customer: 10 USD }"), policy)
        #expect(over.outcome("make-it-right") == .escalate)
        let step = try #require(over.trace.first { $0.kind == .discretion })
        let sentence = Explanation(policy: policy, language: .en).sentence(step, input: over.input)
        #expect(sentence.contains("leave 490 USD") && sentence.contains("`per: customer`"), "\(sentence)")
        let day = try evaluate(want("495 USD", spent: "{ day: 20 USD, customer: 10 USD }"), policy)
        let daySentence = Explanation(policy: policy, language: .en).sentence(try #require(day.trace.first { $0.kind == .discretion }), input: day.input)
        #expect(daySentence.contains("leave 480 USD") && daySentence.contains("`per: day`"), "\(daySentence)")
    }

    @Test func spentComesOffEachPeriod() throws {
        let policy = try compile(Self.policy)
        #expect(try evaluate(want("201 USD", spent: "{ day: 300 USD, customer: 0 USD }"), policy).outcome("make-it-right") == .escalate)
        #expect(try evaluate(want("200 USD", spent: "{ day: 300 USD, customer: 0 USD }"), policy).outcome("make-it-right") == .allowed)
        #expect(try evaluate(want("101 USD", spent: "{ day: 0 USD, customer: 400 USD }"), policy).outcome("make-it-right") == .escalate)
        #expect(try evaluate(want("1 USD", spent: "{ day: 900 USD, customer: 0 USD }"), policy).outcome("make-it-right") == .escalate)
    }

    @Test func aMissingSpentIsAssumedNothingAndNoted() throws {
        let policy = try compile(Self.policy)
        let result = try evaluate(want("100 USD", spent: "{ customer: 0 USD }"), policy)
        #expect(result.outcome("make-it-right") == .allowed)
        #expect(result.notes.map(\.kind) == [.spentUnknown])
        let notes = try #require(try result.json()["notes"] as? [[String: Any]])
        #expect((notes.first?["message"] as? String)?.contains("`per: day`") == true)
    }

    @Test func wantsInOneCaseShareTheBudgets() throws {
        let policy = try compile(Self.policy)
        let text = want("300 USD").replacingOccurrences(of: "wants: [ { action: make-it-right, amount: 300 USD } ]",
                                                        with: "wants: [ { action: make-it-right, amount: 300 USD }, { action: make-it-right, amount: 250 USD } ]")
        let result = try evaluate(text, policy)
        #expect(result.decisions.map(\.outcome) == [.allowed, .escalate])
    }

    @Test func badSpentIsALocatedError() throws {
        let policy = try compile(Self.policy)
        func errors(_ spent: String) -> [String] {
            let source = CaseLoader.load(text: want("1 USD", spent: spent), path: "c.yaml")
            if let found = source.findings.first { return ["\(found.location.line ?? 0):\(found.location.column ?? 0) \(found.message.key)"] }
            guard let loaded = source.cases.first else { return [] }
            return policy.policy.bind(loaded).1.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message.key)" }
        }
        #expect(errors("{ day: 10 EUR }") == ["5:15 load.mixed-currency"])
        #expect(errors("{ week: 10 USD }") == ["5:10 bind.spent-unused-period"])
        #expect(errors("{ case: 10 USD }") == ["5:10 load.unknown-key"])
        #expect(errors("{ dya: 10 USD }").first?.hasSuffix("load.unknown-key") == true)
        #expect(errors("{ day: lots }") == ["5:15 load.bad-money"])
    }

    @Test func aRunTracksEachCustomerInInputOrder() throws {
        let policy = try compile(Self.policy)
        let ledger = CustomerLedger()
        func run(_ amount: String, _ customer: String) throws -> Outcome? {
            let source = try #require(CaseLoader.load(text: want(amount, customer: customer), path: "c.yaml").cases.first)
            guard case .success(let result) = Engine.evaluate(source, with: policy, ledger: ledger) else { return nil }
            return result.outcome("make-it-right")
        }
        #expect(try run("300 USD", "ana") == .allowed)
        #expect(try run("300 USD", "ben") == .allowed, "another customer has a budget of their own")
        #expect(try run("200 USD", "ana") == .allowed)
        #expect(try run("1 USD", "ana") == .escalate, "ana's 500 per customer is spent")
        #expect(ledger.customers == 2)
    }

    /// The JSON Lines batch path (on both workers, in bounded batches) gives every case the
    /// same answer as the cases evaluated one by one in input order.
    @Test func theBatchPathTracksCustomersLikeTheLoader() throws {
        let policy = try compile(Self.policy)
        var lines: [String] = []
        for index in 0..<400 {
            let customer = ["ana", "ben", "cai", "dee", "eve"][index % 5]
            let amount = [40, 75, 120, 10, 260][index % 7 % 5]
            let spent = index % 3 == 0 ? "" : #","spent":{"day":"0 USD"}"#
            lines.append(#"{"case":"B-\#(index)","handled-by":"staff","customer":{"id":"\#(customer)"}\#(spent),"wants":[{"action":"make-it-right","amount":"\#(amount) USD"}]}"#)
        }
        let (fast, findings, summary) = runBatch(lines.joined(separator: "\n") + "\n", policy: policy, batchBytes: 512)
        #expect(findings.isEmpty)
        #expect(summary.cases == 400)
        let ledger = CustomerLedger()
        var sequential = BatchSummary()
        for (index, line) in lines.enumerated() {
            let source = try #require(CaseLoader.load(text: line, path: "c.jsonl").cases.first)
            guard case .success(let evaluated) = Engine.evaluate(source, with: policy, tracing: false, ledger: ledger) else {
                Issue.record("line \(index + 1)")
                continue
            }
            sequential.add(decisions: evaluated.decisions, resolution: evaluated.resolution)
            var writer = JSONWriter()
            EvalJSON.writeCase(id: Array(evaluated.source.id.value.utf8), policy: policy, input: evaluated.input,
                               decisions: evaluated.decisions, resolution: evaluated.resolution, trace: nil, explanation: nil,
                               location: nil, into: &writer, owed: evaluated.owed, notes: evaluated.notes)
            #expect(index < fast.count && String(decoding: writer.bytes, as: UTF8.self) == fast[index], "line \(index + 1)")
        }
        #expect(fast.filter { $0.contains("\"escalate\"") }.count > 100, "the customers' budgets run out")
        // Cases evaluated ahead of their turn and evaluated again are counted once, as in order.
        #expect(summary.outcomes == sequential.outcomes)
        #expect(summary.firstContact == sequential.firstContact)
        #expect(summary.times == sequential.times)
        #expect(ledger.customers == 5)
    }

    @Test func theLedgerFindsEveryCustomerAcrossGrowth() {
        let ledger = CustomerLedger()
        for index in 0..<5_000 {
            Array("cust-\(index)".utf8).withUnsafeBufferPointer { ledger.add($0, role: index % 3, Int64(index), Decimal(index)) }
        }
        #expect(ledger.customers == 5_000)
        for index in 0..<5_000 {
            let id = Array("cust-\(index)".utf8)
            #expect(ledger.given(id, role: index % 3)?.0 == Int64(index))
            #expect(ledger.given(id, role: (index + 1) % 3) == nil, "another role's entry")
        }
        Array("cust-7".utf8).withUnsafeBufferPointer { ledger.add($0, role: 1, 3, 3) }
        #expect(ledger.given(Array("cust-7".utf8), role: 1)?.0 == 10)
        #expect(ledger.given([], role: 0) == nil)
        #expect(ledger.customers == 5_000)
    }

    @Test func aPolicyOfBudgetsPerCaseOnlyIsUnchanged() throws {
        let policy = try compile("""
        leeway: 1
        policy: p
        currency: USD
        roles: { agent: { customer-facing: true } }
        actions: { credit: { measure: money } }
        discretion:
          - { role: agent, up-to: 30 USD }
          - { role: agent, up-to: 20 USD, per: case }
        """)
        #expect(try evaluate(caseText("agent", wants: "[ { action: credit, amount: 50 USD } ]"), policy).outcome("credit") == .allowed)
        #expect(try evaluate(caseText("agent", wants: "[ { action: credit, amount: 50.01 USD } ]"), policy).outcome("credit") == .blocked)
    }
}
