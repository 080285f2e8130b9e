import Foundation
import LeewayCore
@testable import LeewayEngine
import Testing
import LeewayOverrides
import LeewayReporters

/// Overrides: one test per kind, each checking the edit, the verification (the want is
/// allowed after it, the policy loads cleanly) and that the rest of the file stays byte
/// for byte.
@Suite struct OverrideTests {
    static let policyText = """
    # Test policy — comments must survive every override.
    leeway: 1
    policy: test-policy
    currency: USD

    roles:
      agent:      { title: Contact-center agent, customer-facing: true }
      supervisor: { title: Shift supervisor, reachable-within: 15m }   # answers fast

    facts:
      issue: { type: enum, values: [late-arrival, missed-appointment, billing-error] }
      days:  { type: count }

    actions:
      issue-credit:
        measure: money
        grants:
          - role: agent
            up-to: 25 USD      # small credits only
            when: { issue: [late-arrival, missed-appointment] }
          - role: agent
            up-to: 100 USD
            approval: { by: supervisor, within: 4h }
      refund:
        measure: money
        grants:
          - { role: agent, up-to: 500 USD, when: { days: { max: 30 } } }
      correct-bill:
        measure: money
        grants:
          - { role: agent, up-to: 1000 USD, when: { issue: billing-error } }
      reschedule:
        measure: duration
        grants:
          - { role: agent, at-least: 4h }
      replace-modem:
        measure: count
        grants:
          - role: agent
            up-to: 1
            approval: { by: supervisor, within: 1d }
      waive-fee:
        measure: none
        never: true
        reason: Fees are set by billing   # keep this reason
      goodwill:
        measure: money
        grants:
          - { role: supervisor, up-to: 50 USD }

    # Metrics come last.
    metrics:
      - { name: first-contact-resolution }
    """

    static func policy(_ text: String = policyText) throws -> PolicySet {
        let loaded = PolicyLoader.load(text: text, path: "policies/test.yaml")
        #expect(loaded.findings.filter { $0.severity == .error }.isEmpty, "\(loaded.findings.map { $0.message.render() })")
        return try #require(loaded.policy)
    }

    static func evaluated(_ wants: String, facts: String = "{ issue: late-arrival }", policy: PolicySet) throws -> EvaluatedCase {
        let text = """
        leeway: 1
        case: T-1
        handled-by: agent
        customer: { problem: No internet since Monday, goal: Working internet by Friday }
        facts: \(facts)
        wants: \(wants)
        """
        let loaded = CaseLoader.load(text: text, path: "case.yaml")
        let source = try #require(loaded.cases.first)
        guard case .success(let result) = Engine.evaluate(source, with: CompiledPolicy(policy)) else {
            Issue.record("case did not evaluate")
            throw CancellationError()
        }
        return result
    }

    /// The best override for the first want, checked: applying it keeps every line not
    /// touched by an edit byte for byte, keeps every comment, and the want is allowed.
    static func best(_ wants: String, facts: String = "{ issue: late-arrival }") throws -> (Override, String) {
        let policy = try policy()
        let evaluated = try evaluated(wants, facts: facts, policy: policy)
        #expect(evaluated.decisions[0].outcome != .allowed)
        let advice = OverridePlanner(policy: policy).advice(for: evaluated)
        let override = try #require(advice.overrides.first)
        let patched = try TextEdit.apply(override.edits, to: policyText)
        // Verified: loads cleanly and allows the want.
        let reloaded = try Self.policy(patched)
        let after = try Self.evaluated(wants, facts: facts, policy: reloaded)
        #expect(after.decisions[0].outcome == .allowed)
        // Every comment line and trailing comment is still there, unchanged.
        let comments = policyText.split(separator: "\n").compactMap { line in line.firstIndex(of: "#").map { line[$0...] } }
        for comment in comments { #expect(patched.contains(comment)) }
        // Lines away from the edits are byte for byte the same, in the same order.
        #expect(Self.untouchedLinesKept(policyText, patched, edits: override.edits))
        return (override, patched)
    }

    /// Every line of `original` that no edit touches appears in `patched`, unchanged and
    /// in the same order.
    static func untouchedLinesKept(_ original: String, _ patched: String, edits: [TextEdit]) -> Bool {
        var touched = Set<Int>()
        for edit in edits { for line in edit.start.line...edit.end.line where !(line == edit.end.line && edit.end.column == 1 && line > edit.start.line) { touched.insert(line) } }
        let kept = original.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !touched.contains($0.offset + 1) }.map(\.element)
        var rest = patched.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in kept {
            guard let index = rest.firstIndex(of: line) else { return false }
            rest = rest[(index + 1)...]
        }
        return true
    }

    @Test func raiseLimitRaisesTheOwnGrantWhoseWhenHolds() throws {
        let (override, patched) = try Self.best("[ { action: issue-credit, amount: 40 USD } ]")
        #expect(override.kind == .raiseLimit)
        #expect(override.from == "up-to: 25 USD" && override.to == "up-to: 40 USD")
        #expect(override.line == 19)
        #expect(patched.contains("        up-to: 40 USD      # small credits only\n"))
        #expect(override.message.render() == "raise `agent`'s own limit on `issue-credit` from `25 USD` to `40 USD`: the frontline decides at first contact")
    }

    @Test func dropApprovalAddsAnApprovalFreeGrantBeforeTheApprovalGrant() throws {
        let (override, patched) = try Self.best("[ { action: replace-modem, amount: 1 } ]")
        #expect(override.kind == .dropApproval)
        #expect(override.to == "{ role: agent, up-to: 1 }")
        #expect(patched.contains("""
              - { role: agent, up-to: 1 }
              - role: agent
                up-to: 1
                approval: { by: supervisor, within: 1d }
        """))
    }

    @Test func relaxWhenAddsTheCaseValueToTheList() throws {
        let (override, patched) = try Self.best("[ { action: correct-bill, amount: 200 USD } ]", facts: "{ issue: late-arrival }")
        #expect(override.kind == .relaxWhen)
        #expect(patched.contains("- { role: agent, up-to: 1000 USD, when: { issue: [billing-error, late-arrival] } }"))
    }

    @Test func relaxWhenMovesAMaximum() throws {
        let (override, patched) = try Self.best("[ { action: refund, amount: 80 USD } ]", facts: "{ issue: late-arrival, days: 44 }")
        #expect(override.kind == .relaxWhen)
        #expect(patched.contains("when: { days: { max: 44 } }"))
    }

    @Test func lowerAtLeastLowersTheWindow() throws {
        let (override, patched) = try Self.best("[ { action: reschedule, amount: 1h } ]")
        #expect(override.kind == .lowerAtLeast)
        #expect(override.from == "at-least: 4h" && override.to == "at-least: 1h")
        #expect(patched.contains("- { role: agent, at-least: 1h }"))
    }

    @Test func discretionIsAddedWhenTheRoleHasNoGrantOfItsOwn() throws {
        // `goodwill` has only a supervisor grant: adding an agent grant ranks first, a
        // discretion budget is the other kind offered.
        let policy = try Self.policy()
        let evaluated = try Self.evaluated("[ { action: goodwill, amount: 30 USD } ]", policy: policy)
        let all = OverridePlanner(policy: policy).overrides(for: evaluated, want: 0)
        #expect(all.map(\.kind) == [.raiseLimit, .discretion])
        let budget = try #require(all.first { $0.kind == .discretion })
        let patched = try TextEdit.apply(budget.edits, to: Self.policyText)
        #expect(patched.contains("""
        discretion:
          - { role: agent, up-to: 30 USD, per: case, review: after-the-fact }

        # Metrics come last.
        """))
        _ = try Self.policy(patched)
    }

    @Test func discretionBudgetIsSizedToWhatTheCaseTakesFromIt() throws {
        let text = Self.policyText.replacingOccurrences(of: "# Metrics come last.", with: """
        discretion:
          - { role: agent, up-to: 20 USD, per: case, review: after-the-fact }

        # Metrics come last.
        """)
        let policy = try Self.policy(text)
        // 15 USD comes from the budget, then 30 USD does not fit: the budget goes to 45 USD.
        let evaluated = try Self.evaluated("[ { action: goodwill, amount: 15 USD }, { action: goodwill, amount: 30 USD } ]", policy: policy)
        #expect(evaluated.decisions.map(\.outcome) == [.allowed, .escalate])
        let all = OverridePlanner(policy: policy).overrides(for: evaluated, want: 1)
        let budget = try #require(all.first { $0.kind == .discretion })
        #expect(budget.from == "up-to: 20 USD" && budget.to == "up-to: 45 USD")
    }

    @Test func neverBecomesAGrantUnderTheCaseFactsWithoutItsNowFalseReason() throws {
        // The reason said why the action was never allowed: no longer true, so it goes (its
        // comment stays); the grant holds under this case's facts, not for everyone.
        let (override, patched) = try Self.best("[ { action: waive-fee } ]")
        #expect(override.kind == .replaceNever)
        #expect(patched.contains("    measure: none\n    grants:\n      - { role: agent, when: { issue: late-arrival } }\n       # keep this reason\n"))
        #expect(!patched.contains("reason: Fees are set by billing"))
        #expect(override.breadth.valuesAdded == 1 && override.breadth.conditionsDropped == 0)
        #expect(override.message.render().contains("remove its reason (Fees are set by billing)"))
    }

    @Test func kindsRankInTheDocumentedOrder() {
        #expect(OverrideKind.allCases.map(\.rawValue) == ["raise-limit", "lower-at-least", "relax-when", "drop-approval", "discretion", "replace-never", "drop-condition"])
        #expect(OverrideKind.raiseLimit < OverrideKind.dropApproval)
    }

    @Test func everyCandidateIsVerified() throws {
        // Raising the approval-free grant is not enough when its `when` fails: only
        // candidates after which the want is allowed come back.
        let policy = try Self.policy()
        let evaluated = try Self.evaluated("[ { action: issue-credit, amount: 40 USD } ]", facts: "{ issue: billing-error }", policy: policy)
        let all = OverridePlanner(policy: policy).overrides(for: evaluated, want: 0)
        #expect(!all.isEmpty)
        for override in all {
            let patched = try TextEdit.apply(override.edits, to: Self.policyText)
            let after = try Self.evaluated("[ { action: issue-credit, amount: 40 USD } ]", facts: "{ issue: billing-error }",
                                           policy: try Self.policy(patched))
            #expect(after.decisions[0].outcome == .allowed, "\(override.kind)")
        }
    }

    @Test func aCorpusRanksByCasesHelpedAndCountsCost() throws {
        let policy = try Self.policy()
        let evaluated = try Self.evaluated("[ { action: goodwill, amount: 30 USD } ]", policy: policy)
        var corpus: [Case] = []
        for (id, amount) in [("A", "30 USD"), ("B", "20 USD"), ("C", "45 USD")] {
            let text = "leeway: 1\ncase: \(id)\nhandled-by: agent\nfacts: { issue: late-arrival }\nwants: [ { action: goodwill, amount: \(amount) } ]\n"
            corpus += CaseLoader.load(text: text, path: "\(id).yaml").cases
        }
        let all = OverridePlanner(policy: policy, corpus: corpus).overrides(for: evaluated, want: 0)
        let best = try #require(all.first)
        let impact = try #require(best.impact)
        #expect(impact.cases == 3)
        #expect(impact.helped == 2)          // 30 and 20 USD, not 45 USD
        #expect(impact.firstContact == 2)
        #expect(impact.cost == ["USD": 50])
        #expect(impact.costText == "50 USD")
        for other in all.dropFirst() { #expect((other.impact?.helped ?? 0) <= impact.helped) }
    }

    @Test func aPatchChainsEveryWantOfEveryCase() throws {
        let policy = try Self.policy()
        let text = """
        leeway: 1
        case: T-1
        handled-by: agent
        facts: { issue: late-arrival }
        wants: [ { action: issue-credit, amount: 40 USD }, { action: reschedule, amount: 2h }, { action: waive-fee } ]
        ---
        leeway: 1
        case: T-2
        handled-by: agent
        facts: { issue: late-arrival }
        wants: [ { action: issue-credit, amount: 60 USD } ]
        """
        let cases = CaseLoader.load(text: text, path: "cases.yaml").cases
        let patch = OverridePlanner(policy: policy).patch(for: cases)
        #expect(patch.applied.map(\.kind) == [.raiseLimit, .lowerAtLeast, .replaceNever, .raiseLimit])
        #expect(patch.unresolved.isEmpty)
        let patched = try Self.policy(patch.text)
        for source in cases {
            guard case .success(let result) = Engine.evaluate(source, with: CompiledPolicy(patched)) else { Issue.record("eval"); continue }
            #expect(result.decisions.allSatisfy { $0.outcome == .allowed })
        }
        #expect(patch.text.contains("up-to: 60 USD      # small credits only"))
        #expect(patch.diff(displayPath: "policies/test.yaml").hasPrefix("--- a/policies/test.yaml\n+++ b/policies/test.yaml\n@@ "))
    }

    @Test func customerNoticeHasFactsApologyExplanationAndTime() throws {
        let policy = try Self.policy()
        let evaluated = try Self.evaluated("[ { action: issue-credit, amount: 40 USD }, { action: waive-fee } ]", policy: policy)
        let english = try #require(CustomerNotice.message(for: evaluated, language: .en))
        #expect(english == "You told us: ‘No internet since Monday’, and what you want is ‘Working internet by Friday’. "
            + "We are sorry for the trouble. Our shift supervisor will decide within 4 hours whether we can issue credit (40 USD). "
            + "We cannot waive fee under our current rules. We will get back to you within 4 hours.")
        let spanish = try #require(CustomerNotice.message(for: evaluated, language: .es))
        #expect(spanish.hasPrefix("Nos ha contado: «No internet since Monday», y lo que quiere es «Working internet by Friday». "
            + "Sentimos mucho las molestias."))
        #expect(spanish.hasSuffix("Nos pondremos en contacto con usted en un plazo de 4 horas."), "\(spanish)")
    }

    @Test func customerNoticeUsesTheTitlesOfItsLanguage() throws {
        let text = Self.policyText
            .replacingOccurrences(of: "{ title: Shift supervisor,", with: "{ title: { en: Shift supervisor, es: Supervisor de turno },")
            .replacingOccurrences(of: "  issue-credit:\n    measure: money", with: "  issue-credit:\n    title: { en: Apply an account credit, es: Aplicar un abono en la cuenta }\n    measure: money")
        let policy = try Self.policy(text)
        let evaluated = try Self.evaluated("[ { action: issue-credit, amount: 40 USD } ]", policy: policy)
        let spanish = try #require(CustomerNotice.message(for: evaluated, language: .es))
        #expect(spanish.contains("Nuestro equipo (supervisor de turno) decidirá en un plazo de 4 horas si podemos aplicar un abono en la cuenta (40 USD)."))
        let english = try #require(CustomerNotice.message(for: evaluated, language: .en))
        #expect(english.contains("Our shift supervisor will decide within 4 hours whether we can apply an account credit (40 USD)."))
    }

    @Test func noNoticeWhenResolvedAtFirstContact() throws {
        let policy = try Self.policy()
        let evaluated = try Self.evaluated("[ { action: issue-credit, amount: 20 USD } ]", policy: policy)
        #expect(CustomerNotice.message(for: evaluated, language: .en) == nil)
        #expect(OverridePlanner(policy: policy).advice(for: evaluated).overrides.isEmpty)
    }

    @Test func spokenDurations() {
        #expect(CustomerNotice.spoken(Duration(seconds: 16_200), .en) == "4 hours and 30 minutes")
        #expect(CustomerNotice.spoken(Duration(seconds: 16_200), .es) == "4 horas y 30 minutos")
        #expect(CustomerNotice.spoken(.days(1), .en) == "1 day")
        #expect(CustomerNotice.spoken(.days(14), .es) == "2 semanas")
    }

    @Test func jsonCarriesTheOverridesAsSPECSection7() throws {
        let policy = try Self.policy()
        let evaluated = try Self.evaluated("[ { action: reschedule, amount: 1h } ]", policy: policy)
        let advice = OverridePlanner(policy: policy).advice(for: evaluated)
        let document = EvalJSON.document([evaluated], errors: [], language: .en, advice: [advice])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let cases = try #require(json["cases"] as? [[String: Any]])
        let overrides = try #require(cases[0]["overrides"] as? [[String: Any]])
        let patch = try #require(overrides.first?["patch"] as? [String: Any])
        #expect(patch["file"] as? String == "policies/test.yaml")
        #expect(patch["line"] as? Int == 35)
        #expect(patch["from"] as? String == "at-least: 4h")
        #expect(patch["to"] as? String == "at-least: 1h")
        #expect(overrides.first?["kind"] as? String == "lower-at-least")
        #expect(cases[0]["customerMessage"] as? String != nil)
    }
}
