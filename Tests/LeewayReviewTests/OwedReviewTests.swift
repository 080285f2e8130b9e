import Foundation
import Testing
import LeewayCore
import LeewayEngine
import LeewayReview
import LeewayReporters

/// Language 1.1 in `leeway diff`: remedies owed without asking that appear or disappear
/// are a change, and the totals count what is owed and the money it comes to.
@Suite struct OwedReviewTests {
    static let policy = """
    leeway: 1
    policy: energy
    currency: GBP
    roles:
      agent: { customer-facing: true }
    facts:
      issue: { type: enum, values: [missed-appointment, power-cut] }
      power-cut: { type: duration }
    actions:
      pay:
        measure: money
        grants:
          - { role: agent, up-to: 50 GBP }
    remedies:
      missed-appointment:
        when: { issue: missed-appointment }
        action: pay
        amount: 40 GBP
    REMEDY
    metrics:
      - { name: first-contact-resolution }
    """

    static let powerCut = """
      power-cut:
        when: { issue: power-cut }
        action: pay
        amount: { base: 95 GBP, add: 40 GBP, each: 12h, of: power-cut, after: 12h }
    """

    static let cases = """
    leeway: 1
    case: A
    handled-by: agent
    facts: { issue: missed-appointment }
    wants: []
    ---
    leeway: 1
    case: B
    handled-by: agent
    facts: { issue: power-cut, power-cut: 30h }
    wants: []
    """

    func review(old: String, new: String) throws -> PolicyDiff {
        let oldSide = try Fixtures.side(Self.policy.replacingOccurrences(of: "REMEDY", with: old), path: "old.yaml", linter: Fixtures.silentLinter)
        let newSide = try Fixtures.side(Self.policy.replacingOccurrences(of: "REMEDY", with: new), path: "new.yaml", linter: Fixtures.silentLinter)
        let cases = CaseLoader.load(text: Self.cases, path: "cases.yaml").cases
        return Review.compare(old: oldSide, new: newSide, cases: cases)
    }

    @Test func aRemedyThatAppearsIsABetterCaseAndCountsInTheTotals() throws {
        let diff = try review(old: "", new: Self.powerCut)
        let changed = try #require(diff.changed.first)
        #expect(diff.changed.count == 1)
        #expect(changed.source.id.value == "B")
        #expect(changed.owedGained == ["power-cut"])
        #expect(changed.change == .better)
        #expect(!changed.isRegression)
        #expect(diff.totals.old.owed == 1)
        #expect(diff.totals.new.owed == 2)
        #expect(diff.totals.old.owedMoney["GBP"] == 40)
        #expect(diff.totals.new.owedMoney["GBP"] == 175)
        let text = DiffTextReporter(options: ReportOptions()).report(diff)
        #expect(text.contains("owed without asking: now `power-cut`"), "\(text)")
        #expect(text.contains("money owed without asking"))
    }

    @Test func aRemedyThatDisappearsIsARegression() throws {
        let diff = try review(old: Self.powerCut, new: "")
        let changed = try #require(diff.changed.first)
        #expect(changed.owedLost == ["power-cut"])
        #expect(changed.change == .worse)
        #expect(changed.isRegression)
        let json = DiffJSONReporter(options: ReportOptions()).report(diff)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let cases = try #require(object["changes"] as? [[String: Any]])
        let owed = try #require(cases.first?["owed"] as? [String: Any])
        #expect(owed["lost"] as? [String] == ["power-cut"])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect((totals["old"] as? [String: Any])?["owedMoney"] as? [String] == ["175 GBP"])
    }
}
