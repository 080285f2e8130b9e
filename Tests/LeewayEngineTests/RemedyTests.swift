import Foundation
import LeewayCore
import LeewayEngine
import Testing
import LeewayOverrides
import LeewayReporters

/// Language 1.1 part 1: remedies owed without asking, amount rules, working days.
let remedyPolicy = """
leeway: 1
policy: remedies
currency: GBP
roles:
  agent: { customer-facing: true }
  supervisor: { reachable-within: 15m }
  payments: { reachable-within: 1d }
facts:
  issue: { type: enum, values: [missed-appointment, late-payment, outage, flight-delay, other] }
  order-value: { type: money }
  distance: { type: count }
  outage: { type: duration }
  extraordinary: { type: bool }
actions:
  pay-compensation:
    measure: money
    grants:
      - { role: agent, up-to: 10 GBP }
      - { role: supervisor, up-to: 500 GBP }
  goodwill:
    measure: money
    grants:
      - { role: agent, up-to: 10% of order-value }
      - { role: agent, up-to: { percent: 50, of: order-value, min: 5 GBP, max: 60 GBP }, approval: { by: supervisor, within: 1h } }
  flight-compensation:
    measure: money
    grants:
      - { role: supervisor, up-to: 1000 GBP }
  outage-payment:
    measure: money
    grants:
      - { role: agent, up-to: 20 GBP }
  apology-letter:
    measure: none
    grants:
      - { role: supervisor }
discretion:
  - { role: agent, up-to: 5 GBP, per: case }
remedies:
  missed-appointment:
    title: { en: Missed appointment payment, es: Pago por cita perdida }
    when: { issue: missed-appointment }
    action: pay-compensation
    amount: 40 GBP
    within: 10bd
  eu261:
    when: { issue: flight-delay, extraordinary: false }
    action: flight-compensation
    amount: { by: distance, bands: [ { up-to: 1500, amount: 250 GBP }, { up-to: 3500, amount: 400 GBP }, { amount: 600 GBP } ] }
    within: 7d
  supply-outage:
    when: { issue: outage }
    action: outage-payment
    amount: { base: 75 GBP, add: 35 GBP, each: 12h, of: outage, after: 12h, max: 300 GBP }
    by: payments
    automatic: false
  letter:
    when: { issue: missed-appointment }
    action: apology-letter
"""

@Suite struct RemedyTests {
    let policy: CompiledPolicy

    init() throws { policy = try compile(remedyPolicy) }

    func owedNames(_ evaluated: EvaluatedCase) -> [String] {
        evaluated.owed.map { evaluated.policy.policy.remedies[Int($0.remedy)].name }
    }

    @Test func owedWithoutAWant() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }", wants: "[]"), policy)
        #expect(owedNames(result) == ["missed-appointment", "letter"])
        #expect(result.resolution.owed == 2)
        #expect(result.resolution.firstContact)
        let text = EvalText().render(result)
        #expect(text.contains("owed without asking: pay compensation 40 GBP within 10 working days — missed-appointment"))
        let json = try result.json()
        let owed = try #require(json["owed"] as? [[String: Any]])
        #expect(owed.first?["amount"] as? String == "40 GBP")
        #expect(owed.first?["within"] as? String == "10bd")
        #expect(owed.first?["automatic"] as? Bool == true)
        #expect(owed[1]["amount"] == nil, "measure none has no amount")
    }

    @Test func nothingOwedWhenTheConditionDoesNotHold() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: other }", wants: "[]"), policy)
        #expect(result.owed.isEmpty)
        #expect(try result.json()["owed"] == nil)
    }

    @Test func aWantUpToWhatIsOwedIsAllowedViaRemedy() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }",
                                           wants: "[ { action: pay-compensation, amount: 40 GBP } ]"), policy)
        let decision = try #require(result.decision("pay-compensation"))
        #expect(decision.outcome == .allowed)
        #expect(decision.viaRemedy)
        let json = try #require((try result.json()["decisions"] as? [[String: Any]])?.first)
        #expect(json["via"] as? String == "remedy")
        #expect(json["owed"] as? String == "40 GBP")
        #expect(json["remedies"] as? [String] == ["missed-appointment"])
    }

    @Test func theRemainderGoesByTheOrdinaryPaths() throws {
        // 40 owed + 10 the agent may give alone.
        let alone = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }",
                                          wants: "[ { action: pay-compensation, amount: 50 GBP } ]"), policy)
        #expect(alone.outcome("pay-compensation") == .allowed)
        #expect(alone.decision("pay-compensation")?.viaRemedy == true)
        // 40 owed + 15: past the agent's 10 and its 5 budget: the supervisor.
        let more = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }",
                                         wants: "[ { action: pay-compensation, amount: 55.01 GBP } ]"), policy)
        #expect(more.outcome("pay-compensation") == .escalate)
        #expect(more.by("pay-compensation") == "supervisor")
        let json = try #require((try more.json()["decisions"] as? [[String: Any]])?.first)
        #expect(json["owed"] as? String == "40 GBP")
        #expect(json["via"] == nil)
        // 40 owed + 15 within the agent's budget after its 10: discretion allows the rest.
        let budget = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }",
                                           wants: "[ { action: pay-compensation, amount: 45 GBP } ]"), policy)
        #expect(budget.outcome("pay-compensation") == .allowed)
        #expect(budget.decision("pay-compensation")?.viaRemedy == true)
    }

    @Test func whatIsOwedIsUsedByTheWantsInOrder() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }",
                                           wants: "[ { action: pay-compensation, amount: 30 GBP }, { action: pay-compensation, amount: 30 GBP } ]"), policy)
        #expect(result.decisions[0].viaRemedy)
        #expect(result.decisions[0].owed == FixedPoint.fixed(30))
        // 10 left owed, 20 past it: the agent's own 10 does not cover 20, the budget of 5 neither.
        #expect(result.decisions[1].owed == FixedPoint.fixed(10))
        #expect(result.decisions[1].outcome == .escalate)
    }

    @Test func bandsAreInclusiveAtTheirBound() throws {
        func owed(_ distance: Int) throws -> String? {
            let result = try evaluate(caseText("agent", facts: "{ issue: flight-delay, extraordinary: false, distance: \(distance) }", wants: "[]"), policy)
            return (try result.json()["owed"] as? [[String: Any]])?.first?["amount"] as? String
        }
        #expect(try owed(0) == "250 GBP")
        #expect(try owed(1500) == "250 GBP")
        #expect(try owed(1501) == "400 GBP")
        #expect(try owed(3500) == "400 GBP")
        #expect(try owed(3501) == "600 GBP")
    }

    @Test func aMissingFactMakesTheOwedAmountUnknown() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: flight-delay, extraordinary: false }",
                                           wants: "[ { action: flight-compensation, amount: 250 GBP } ]"), policy)
        #expect(owedNames(result) == ["eu261"])
        let json = try result.json()
        #expect((json["owed"] as? [[String: Any]])?.first?["amount"] == nil)
        let decision = try #require((json["decisions"] as? [[String: Any]])?.first)
        #expect(decision["owedKnown"] as? Bool == false)
        #expect(decision["outcome"] as? String == "escalate", "decided by §4 in full")
        let notes = try #require(json["notes"] as? [[String: Any]])
        #expect(notes.map { $0["id"] as? String } == ["amount-unknown"])
        #expect((notes.first?["message"] as? String)?.contains("`distance`") == true)
    }

    @Test func stepsAddForEachFullStepPastAfter() throws {
        func owed(_ outage: String) throws -> String? {
            let result = try evaluate(caseText("agent", facts: "{ issue: outage, outage: \(outage) }", wants: "[]"), policy)
            return (try result.json()["owed"] as? [[String: Any]])?.first?["amount"] as? String
        }
        #expect(try owed("6h") == "75 GBP")
        #expect(try owed("12h") == "75 GBP")
        #expect(try owed("23h59m") == "75 GBP")
        #expect(try owed("24h") == "110 GBP")
        #expect(try owed("36h") == "145 GBP")
        #expect(try owed("10w") == "300 GBP", "held at max")
    }

    @Test func aRemedyOnClaimAddsANoteAndARemedyByAnotherRoleAHandOff() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: outage, outage: 24h }", wants: "[]"), policy)
        #expect(result.notes.map(\.kind) == [.remedyOnClaim])
        #expect(!result.resolution.firstContact)
        #expect(result.resolution.handoffs == 1)
        #expect(result.resolution.time == 86_400)
        let want = try evaluate(caseText("agent", facts: "{ issue: outage, outage: 24h }",
                                         wants: "[ { action: outage-payment, amount: 110 GBP } ]"), policy)
        #expect(want.outcome("outage-payment") == .escalate)
        #expect(want.by("outage-payment") == "payments")
        #expect(want.resolution.handoffs == 1, "the remedy's hand-off counts once")
        #expect(want.resolution.time == 86_400)
    }

    @Test func measureNoneIsCoveredByWhatIsOwed() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }", wants: "[ { action: apology-letter } ]"), policy)
        #expect(result.outcome("apology-letter") == .allowed)
        #expect(result.decision("apology-letter")?.viaRemedy == true)
    }

    @Test func aWantWithoutAnAmountAsksForWhatIsOwed() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }", wants: "[ { action: pay-compensation } ]"), policy)
        #expect(result.outcome("pay-compensation") == .allowed)
        #expect(result.decision("pay-compensation")?.owed == FixedPoint.fixed(40))
    }

    @Test func percentRoundsDownToTheMinorUnit() throws {
        let allowed = try evaluate(caseText("agent", facts: "{ order-value: 249.99 GBP }", wants: "[ { action: goodwill, amount: 24.99 GBP } ]"), policy)
        #expect(allowed.outcome("goodwill") == .allowed)
        let sentence = Explanation(policy: policy, language: .en).sentence(allowed.trace[0], input: allowed.input)
        #expect(sentence.contains("up to 10% of order-value = 24.99 GBP"), "\(sentence)")
        let over = try evaluate(caseText("agent", facts: "{ order-value: 249.99 GBP }", wants: "[ { action: goodwill, amount: 25.00 GBP } ]"), policy)
        #expect(over.outcome("goodwill") == .needsApproval, "the 50% grant with approval covers it")
    }

    @Test func percentIsHeldInsideMinAndMax() throws {
        // 50% of 4 = 2, held up to min 5; 50% of 200 = 100, held down to max 60.
        let low = try evaluate(caseText("agent", facts: "{ order-value: 4 GBP }", wants: "[ { action: goodwill, amount: 6 GBP } ]"), policy)
        #expect(low.outcome("goodwill") == .blocked)
        let step = try #require(low.trace.filter { $0.kind == .grant }.last)
        let sentence = Explanation(policy: policy, language: .en).sentence(step, input: low.input)
        #expect(sentence.contains("50% of order-value, min 5 GBP, max 60 GBP = 5 GBP"), "\(sentence)")
        let high = try evaluate(caseText("agent", facts: "{ order-value: 200 GBP }", wants: "[ { action: goodwill, amount: 60.01 GBP } ]"), policy)
        #expect(high.outcome("goodwill") == .blocked)
        let top = try evaluate(caseText("agent", facts: "{ order-value: 200 GBP }", wants: "[ { action: goodwill, amount: 60 GBP } ]"), policy)
        #expect(top.outcome("goodwill") == .needsApproval)
    }

    @Test func aGrantWhoseRuleLacksItsFactDoesNotCover() throws {
        let result = try evaluate(caseText("agent", wants: "[ { action: goodwill, amount: 1 GBP } ]"), policy)
        #expect(result.outcome("goodwill") == .allowed, "the discretion budget covers it")
        #expect(result.decision("goodwill")?.viaDiscretion == true)
        #expect(result.notes.map(\.kind) == [.amountUnknown])
    }

    @Test func customerMessageSaysWhatIsBeingPaidAndByWhen() throws {
        let result = try evaluate(caseText("agent", facts: "{ issue: missed-appointment }", wants: "[]"), policy)
        let english = try #require(CustomerNotice.message(for: result, language: .en))
        #expect(english.contains("We are paying you 40 GBP, as our guarantee promises, within 10 working days."), "\(english)")
        let spanish = try #require(CustomerNotice.message(for: result, language: .es))
        #expect(spanish.contains("Le pagamos 40 GBP, como promete nuestra garantía, en un plazo de 10 días hábiles."), "\(spanish)")
    }

    /// The fast JSON Lines path and the general loader agree on every field.
    @Test func fastPathAgreesWithTheGeneralLoader() throws {
        var lines: [String] = []
        let facts = [
            #"{"issue":"missed-appointment"}"#, #"{"issue":"flight-delay","extraordinary":false,"distance":1500}"#,
            #"{"issue":"flight-delay","extraordinary":false,"distance":1501}"#, #"{"issue":"flight-delay","extraordinary":false}"#,
            #"{"issue":"outage","outage":"36h"}"#, #"{"order-value":"249.99 GBP"}"#, #"{"order-value":"4 GBP","waited":"2bd"}"#, #"{}"#,
        ]
        let wants = [
            #"[]"#, #"[{"action":"pay-compensation","amount":"55 GBP"}]"#, #"[{"action":"goodwill","amount":"24.99 GBP"}]"#,
            #"[{"action":"goodwill","amount":"25 GBP"}]"#, #"[{"action":"flight-compensation","amount":"400 GBP"}]"#,
            #"[{"action":"outage-payment","amount":"150 GBP"},{"action":"apology-letter"}]"#,
        ]
        for (i, fact) in facts.enumerated() {
            for (j, want) in wants.enumerated() {
                lines.append(#"{"case":"F-\#(i)-\#(j)","handled-by":"agent","facts":\#(fact),"wants":\#(want)}"#)
            }
        }
        try expectFastPathAgrees(lines, policy: policy)
    }
}

@Suite struct RemedyDecimalModeTests {
    /// A policy with an amount that has no fixed-point form is evaluated with exact
    /// decimals throughout; remedies and amount rules give the same answers there.
    @Test func exactDecimalsAgreeWithFixedPoint() throws {
        let fixed = try compile(remedyPolicy)
        let exact = try compile(remedyPolicy.replacingOccurrences(of: "up-to: 5 GBP, per: case", with: "up-to: 5.000001 GBP, per: case"))
        #expect(!fixed.needsDecimal)
        #expect(exact.needsDecimal)
        let cases = [
            ("{ issue: missed-appointment }", "[ { action: pay-compensation, amount: 55.01 GBP } ]"),
            ("{ issue: missed-appointment }", "[ { action: pay-compensation, amount: 30 GBP }, { action: pay-compensation, amount: 20 GBP } ]"),
            ("{ issue: flight-delay, extraordinary: false, distance: 1501 }", "[ { action: flight-compensation, amount: 400 GBP } ]"),
            ("{ issue: outage, outage: 36h }", "[ { action: outage-payment, amount: 150 GBP } ]"),
            ("{ order-value: 249.99 GBP }", "[ { action: goodwill, amount: 24.99 GBP } ]"),
            ("{ order-value: 249.99 GBP }", "[ { action: goodwill, amount: 60 GBP } ]"),
            ("{ order-value: 4 GBP }", "[ { action: goodwill, amount: 6 GBP } ]"),
        ]
        for (facts, wants) in cases {
            let a = try evaluate(caseText("agent", facts: facts, wants: wants), fixed)
            let b = try evaluate(caseText("agent", facts: facts, wants: wants), exact)
            #expect(a.decisions.map(\.outcome) == b.decisions.map(\.outcome), "\(facts) \(wants)")
            #expect(a.decisions.map(\.viaRemedy) == b.decisions.map(\.viaRemedy), "\(facts) \(wants)")
            let owedA = try a.json()["owed"] as? [[String: Any]], owedB = try b.json()["owed"] as? [[String: Any]]
            #expect(owedA?.map { $0["amount"] as? String } == owedB?.map { $0["amount"] as? String }, "\(facts)")
            let decisionsA = try a.json()["decisions"] as? [[String: Any]], decisionsB = try b.json()["decisions"] as? [[String: Any]]
            #expect(decisionsA?.map { $0["owed"] as? String } == decisionsB?.map { $0["owed"] as? String }, "\(facts) \(wants)")
        }
    }
}

@Suite struct WorkingDayTests {
    @Test func workingDaysAreShownAsWrittenAndCompareAsAFifthOfAWeek() throws {
        let tenDays = try #require(Duration(parsing: "10bd"))
        #expect(tenDays.description == "10bd")
        #expect(tenDays == Duration(parsing: "2w"))
        #expect(Duration(parsing: "5bd") == Duration(parsing: "1w"))
        #expect(try #require(Duration(parsing: "1bd")).seconds == 33 * 3600 + 36 * 60)
        #expect(try #require(Duration(parsing: "6bd")) > Duration(parsing: "1w")!)
        #expect(try #require(Duration(parsing: "3bd")) < Duration(parsing: "5d")!)
        #expect(try #require(Duration(parsing: "4bd")) > Duration(parsing: "5d")!)
        // A sum is written in calendar units; weeks only when whole, as every duration.
        #expect((Duration(parsing: "15m")! + Duration(parsing: "5bd")!).description == "7d15m")
        #expect((Duration(parsing: "15m")! + Duration(parsing: "5bd")!) == Duration(parsing: "1w15m"))
        #expect(Duration(parsing: "2bd4h") == nil)
        #expect(Duration(parsing: "bd") == nil)
        #expect(Duration.mixesWorkingDays("2bd4h"))
        #expect(!Duration.mixesWorkingDays("2d4h"))
    }

    @Test func aConditionOnWorkingDaysComparesLikeCalendarTime() throws {
        let policy = try compile("""
        leeway: 1
        policy: wd
        roles: { agent: { customer-facing: true } }
        facts: { age: { type: duration } }
        actions:
          refund:
            measure: none
            grants:
              - { role: agent, when: { age: { max: 10bd } } }
        """)
        #expect(try evaluate(caseText("agent", facts: "{ age: 2w }", wants: "[ { action: refund } ]"), policy).outcome("refund") == .allowed)
        #expect(try evaluate(caseText("agent", facts: "{ age: 10bd }", wants: "[ { action: refund } ]"), policy).outcome("refund") == .allowed)
        #expect(try evaluate(caseText("agent", facts: "{ age: 2w1s }", wants: "[ { action: refund } ]"), policy).outcome("refund") == .blocked)
        #expect(try evaluate(caseText("agent", facts: "{ age: 11bd }", wants: "[ { action: refund } ]"), policy).outcome("refund") == .blocked)
    }
}

@Suite struct AmountRuleReferenceTests {
    /// Whole numbers stay exact past a Double's 53 bits.
    @Test func largeCountsStayExact() {
        let rule = AmountRule.percent(.init(percent: 100, of: "n"))
        #expect(rule.value(given: .count(9_007_199_254_740_993)) == .count(9_007_199_254_740_993))
        #expect(rule.value(given: .duration(Duration(seconds: Int64.max))) == .duration(Duration(seconds: Int64.max)))
    }

    /// The compiled evaluator and the exact reference agree at the boundaries.
    @Test(arguments: ["0", "0.01", "0.09", "0.1", "9.99", "10", "249.99", "250", "999999.99", "12345678.91"])
    func percentAgreesWithTheExactReference(_ value: String) throws {
        let rule = AmountRule.percent(.init(percent: 10, of: "order-value"))
        let exact = try #require(rule.value(given: .money(Money(Decimal(string: value)!, "USD"))))
        let policy = try compile("""
        leeway: 1
        policy: p
        currency: USD
        roles: { agent: { customer-facing: true } }
        facts: { order-value: { type: money } }
        actions:
          goodwill:
            measure: money
            grants: [ { role: agent, up-to: 10% of order-value } ]
        """)
        let at = try evaluate(caseText("agent", facts: "{ order-value: \(value) USD }", wants: "[ { action: goodwill, amount: \(exact) } ]"), policy)
        #expect(at.outcome("goodwill") == .allowed, "\(exact) for \(value)")
        guard case .money(let money) = exact else { return }
        let above = money.amount + Decimal(string: "0.01")!
        let over = try evaluate(caseText("agent", facts: "{ order-value: \(value) USD }", wants: "[ { action: goodwill, amount: \(above) USD } ]"), policy)
        #expect(over.outcome("goodwill") == .blocked, "\(above) for \(value)")
    }
}
