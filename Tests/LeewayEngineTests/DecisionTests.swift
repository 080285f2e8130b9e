import Foundation
import LeewayCore
import LeewayEngine
import Testing

/// One test per branch of SPEC §4, as docs/evaluation.md states the rules.
@Suite struct DecisionTests {
    /// A small policy whose grants each test reads: roles with and without
    /// `reachable-within`, money, duration and count actions.
    static func policy(actions: String, discretion: String = "", processes: String = "", extraRoles: String = "") throws -> CompiledPolicy {
        try compile("""
        leeway: 1
        policy: test
        currency: USD
        roles:
          agent: { customer-facing: true }
          lead: { customer-facing: true, reachable-within: 15m }
          manager: { reachable-within: 1h }
          backoffice: {}
        \(extraRoles)
        facts:
          issue: { type: enum, values: [late, billing, outage] }
          vip: { type: bool }
          spend: { type: money }
        actions:
        \(actions)
        \(discretion)
        \(processes)
        """)
    }

    // Step 1.

    @Test func neverIsBlockedWhateverTheCase() throws {
        let policy = try Self.policy(actions: """
          waive:
            measure: none
            never: true
            reason: Regulated
        """, discretion: "discretion:\n  - { role: agent, up-to: 500 USD, per: case }")
        let result = try evaluate(caseText("agent", wants: "[{ action: waive }]"), policy)
        #expect(result.outcome("waive") == .blocked)
        #expect(result.trace.first?.kind == .never)
        #expect(result.resolution.blocked == 1)
        #expect(!result.resolution.firstContact)
    }

    // Step 2: own grant without approval.

    @Test func ownGrantWhoseConditionHoldsAndLimitCoversIsAllowed() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 25 USD, when: { issue: [late, outage] } }
        """)
        let result = try evaluate(caseText("agent", facts: "{ issue: late }", wants: "[{ action: credit, amount: 25 USD }]"), policy)
        #expect(result.outcome("credit") == .allowed)
        #expect(result.decision("credit")?.viaDiscretion == false)
        #expect(result.resolution.firstContact)
        #expect(result.resolution.time == 0)
    }

    @Test func upToCoversTheAmountOnlyUpToTheLimit() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 25 USD }
        """)
        #expect(try evaluate(caseText("agent", wants: "[{ action: credit, amount: 25.00 USD }]"), policy).outcome("credit") == .allowed)
        #expect(try evaluate(caseText("agent", wants: "[{ action: credit, amount: 25.01 USD }]"), policy).outcome("credit") == .blocked)
    }

    @Test func atLeastCoversOnlyAmountsFromTheLimitUp() throws {
        let policy = try Self.policy(actions: """
          reschedule:
            measure: duration
            grants:
              - { role: agent, at-least: 4h }
        """)
        #expect(try evaluate(caseText("agent", wants: "[{ action: reschedule, amount: 4h }]"), policy).outcome("reschedule") == .allowed)
        #expect(try evaluate(caseText("agent", wants: "[{ action: reschedule, amount: 3h59m }]"), policy).outcome("reschedule") == .blocked)
    }

    @Test func aConditionThatFailsOrLacksItsFactDoesNotApply() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 25 USD, when: { issue: billing } }
              - { role: agent, up-to: 10 USD, when: { vip: { not: true } } }
        """)
        let other = try evaluate(caseText("agent", facts: "{ issue: late }", wants: "[{ action: credit, amount: 20 USD }]"), policy)
        #expect(other.outcome("credit") == .blocked)
        #expect(other.trace.first?.conditionHeld == false)
        // `not` on a missing fact holds: the second grant applies to 10 USD.
        let missing = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 10 USD }]"), policy)
        #expect(missing.outcome("credit") == .allowed)
        let sentence = Explanation(policy: policy, language: .en).sentence(missing.trace[0], input: missing.input)
        #expect(sentence.contains("fact `issue` is not given"))
    }

    @Test func anyAndAllCombineConditions() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 50 USD, when: { any: [ { issue: outage }, { all: [ { vip: true }, { spend: { min: 100 USD } } ] } ] } }
        """)
        #expect(try evaluate(caseText("agent", facts: "{ issue: outage }", wants: "[{ action: credit, amount: 5 USD }]"), policy).outcome("credit") == .allowed)
        #expect(try evaluate(caseText("agent", facts: "{ issue: late, vip: true, spend: 150 USD }", wants: "[{ action: credit, amount: 5 USD }]"), policy).outcome("credit") == .allowed)
        #expect(try evaluate(caseText("agent", facts: "{ issue: late, vip: true, spend: 99.99 USD }", wants: "[{ action: credit, amount: 5 USD }]"), policy).outcome("credit") == .blocked)
    }

    // Step 2: discretion.

    @Test func discretionAllowsMoneyTheGrantsDoNot() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 10 USD }
        """, discretion: "discretion:\n  - { role: agent, up-to: 30 USD, per: case, review: after-the-fact }")
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 30 USD }]"), policy)
        #expect(result.outcome("credit") == .allowed)
        #expect(result.decision("credit")?.viaDiscretion == true)
        #expect(try result.json()["decisions"].flatMap { ($0 as? [[String: Any]])?.first?["via"] as? String } == "discretion")
    }

    @Test func discretionRunsOutAcrossTheWantsOfACase() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
          refund:
            measure: money
            grants:
              - { role: agent, up-to: 100 USD, approval: { by: manager, within: 2h } }
        """, discretion: "discretion:\n  - { role: agent, up-to: 20 USD, per: case }\n  - { role: agent, up-to: 30 USD, per: case }")
        // One pool of 50 USD: 35 fits, then 20 does not (15 left), then 15 does.
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 35 USD }, { action: refund, amount: 20 USD }, { action: credit, amount: 15 USD }]"), policy)
        #expect(result.decisions.map(\.outcome) == [.allowed, .needsApproval, .allowed])
        #expect(result.decisions.map(\.viaDiscretion) == [true, false, true])
    }

    @Test func discretionIsOnlyForMoneyActions() throws {
        let policy = try Self.policy(actions: """
          extend:
            measure: count
            grants:
              - { role: agent, up-to: 1 }
        """, discretion: "discretion:\n  - { role: agent, up-to: 30 USD, per: case }")
        let result = try evaluate(caseText("agent", wants: "[{ action: extend, amount: 2 }]"), policy)
        #expect(result.outcome("extend") == .blocked)
        #expect(!result.trace.contains { $0.kind == .discretion })
    }

    // Step 3: paths priced in time.

    @Test func ownGrantWithApprovalNeedsApprovalWithinItsTime() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 100 USD, approval: { by: manager, within: 4h } }
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.outcome("credit") == .needsApproval)
        #expect(result.by("credit") == "manager")
        #expect(result.decision("credit")?.within == Int64(4 * 3600))
        #expect(result.decision("credit")?.handoffs == 0)
        #expect(result.resolution.approvals == 1)
        #expect(result.resolution.handoffs == 0)
        #expect(result.resolution.time == Int64(4 * 3600))
    }

    @Test func anotherRolesGrantEscalatesWithinItsReach() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: lead, up-to: 100 USD }
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.outcome("credit") == .escalate)
        #expect(result.by("credit") == "lead")
        #expect(result.decision("credit")?.within == Int64(15 * 60))
        #expect(result.resolution.handoffs == 1)
        #expect(result.resolution.approvals == 0)
    }

    @Test func anotherRolesApprovalAddsToItsReach() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: lead, up-to: 100 USD, approval: { by: manager, within: 30m } }
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.outcome("credit") == .escalate)
        #expect(result.by("credit") == "lead")
        #expect(result.decision("credit")?.within == Int64(45 * 60))
        #expect(result.resolution.approvals == 1)
        #expect(result.resolution.handoffs == 1)
    }

    @Test func theFastestPathWins() throws {
        // SPEC §3: the supervisor, reachable in 15m, beats a 4h approval.
        let policy = try compile(specPolicy)
        let result = try evaluate(specCase, policy)
        #expect(result.outcome("issue-credit") == .escalate)
        #expect(result.by("issue-credit") == "supervisor")
        #expect(result.decision("issue-credit")?.within == Int64(15 * 60))
        #expect(result.outcome("reschedule-visit") == .blocked)
        #expect(result.resolution == {
            var expected = Resolution()
            expected.firstContact = false
            expected.blocked = 1
            expected.handoffs = 1
            expected.time = 15 * 60
            return expected
        }())
    }

    @Test func equalTimesGoToFewerHandoffs() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: lead, up-to: 100 USD }
              - { role: agent, up-to: 100 USD, approval: { by: manager, within: 15m } }
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.outcome("credit") == .needsApproval)
        #expect(result.by("credit") == "manager")
    }

    @Test func equalTimesAndHandoffsGoToTheEarlierGrant() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 100 USD, approval: { by: lead, within: 1h } }
              - { role: agent, up-to: 200 USD, approval: { by: manager, within: 1h } }
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.by("credit") == "lead")
    }

    @Test func anUnknownTimeLosesToAnyKnownTime() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: backoffice, up-to: 100 USD }
              - { role: agent, up-to: 100 USD, approval: { by: manager, within: 3d } }
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.outcome("credit") == .needsApproval)
        #expect(result.decision("credit")?.within == Int64(3 * 86_400))
    }

    @Test func onlyUnknownTimesStillGetAPathMarkedUnknown() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: backoffice, up-to: 100 USD }
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.outcome("credit") == .escalate)
        #expect(result.decision("credit")?.timeKnown == false)
        #expect(!result.resolution.timeKnown)
        let decision = try #require((try result.json()["decisions"] as? [[String: Any]])?.first)
        #expect(decision["within"] == nil)
        #expect(decision["timeKnown"] as? Bool == false)
        let resolution = try #require(try result.json()["resolution"] as? [String: Any])
        #expect(resolution["timeKnown"] as? Bool == false)
        #expect(resolution["time"] as? String == "0m")
    }

    @Test func aboveLimitApprovalOnlyWhenNoGrantCovers() throws {
        let policy = try compile(specPolicy)
        // 300 USD: past every grant, so finance approves within 3d.
        let past = try evaluate(caseText("agent", facts: "{ issue: outage }", wants: "[{ action: issue-credit, amount: 300 USD }]"), policy)
        #expect(past.outcome("issue-credit") == .needsApproval)
        #expect(past.by("issue-credit") == "finance")
        #expect(past.decision("issue-credit")?.path == Decision.aboveLimit)
        // 150 USD: the supervisor's grant covers it, so above-limit is not a path even
        // though the handling agent's own grants do not.
        let within = try evaluate(caseText("agent", facts: "{ issue: outage }", wants: "[{ action: issue-credit, amount: 150 USD }]"), policy)
        #expect(within.outcome("issue-credit") == .escalate)
        #expect(within.trace.contains { $0.kind == .aboveLimit && !$0.covers })
    }

    @Test func aboveLimitCountsAsLaterThanEveryGrant() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 100 USD, when: { issue: billing }, approval: { by: manager, within: 1h } }
            above-limit:
              approval: { by: lead, within: 1h }
        """)
        // The grant's condition fails, so no grant covers: above-limit is the path.
        let result = try evaluate(caseText("agent", facts: "{ issue: late }", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.by("credit") == "lead")
        // When the grant applies it covers the amount, so above-limit is unavailable.
        let covered = try evaluate(caseText("agent", facts: "{ issue: billing }", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(covered.by("credit") == "manager")
    }

    // Step 4.

    @Test func noPathIsBlocked() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: lead, up-to: 100 USD, when: { issue: outage } }
        """)
        let result = try evaluate(caseText("agent", facts: "{ issue: late }", wants: "[{ action: credit, amount: 60 USD }]"), policy)
        #expect(result.outcome("credit") == .blocked)
        #expect(result.trace.last?.kind == .noPath)
        #expect(result.by("credit") == nil)
    }

    // Money compared exactly.

    @Test func amountsWithMoreDecimalsThanFixedPointCompareExactly() throws {
        let policy = try Self.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 25 USD }
        """)
        let above = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 25.000001 USD }]"), policy)
        #expect(above.outcome("credit") == .blocked)
        #expect(above.input.decimalMode)
        let below = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 24.999999 USD }]"), policy)
        #expect(below.outcome("credit") == .allowed)
        let huge = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 12345678901234567890 USD }]"), policy)
        #expect(huge.outcome("credit") == .blocked)
    }
}

@Suite struct ResolutionTests {
    @Test func aTriggeredProcessAddsHandoffsApprovalsAsksAndTime() throws {
        let policy = try compile(specPolicy)
        let result = try evaluate(caseText("agent", facts: "{ issue: billing-error }", wants: "[{ action: issue-credit, amount: 300 USD }]"), policy)
        // billing-dispute: 1 hand-off (2d), 1 approval (1d), 3 asks (account-number twice);
        // the decision: finance approves above the limit within 3d.
        #expect(result.triggered.count == 1)
        #expect(result.resolution.handoffs == 1)
        #expect(result.resolution.approvals == 2)
        #expect(result.resolution.asks == 3)
        #expect(result.resolution.time == (2 + 1 + 3) * 86_400)
        #expect(!result.resolution.firstContact)
    }

    @Test func aProcessHandoffDeniesFirstContactEvenWhenEverythingIsAllowed() throws {
        let policy = try compile(specPolicy)
        // The technician's discretion budget covers the credit, but billing-dispute hands off.
        let result = try evaluate(caseText("technician", facts: "{ issue: billing-error }", wants: "[{ action: issue-credit, amount: 20 USD }]"), policy)
        #expect(result.outcome("issue-credit") == .allowed)
        #expect(result.decision("issue-credit")?.viaDiscretion == true)
        #expect(!result.resolution.firstContact)
        let calm = try evaluate(caseText("agent", facts: "{ issue: late-arrival }", wants: "[{ action: issue-credit, amount: 20 USD }]"), policy)
        #expect(calm.outcome("issue-credit") == .allowed)
        #expect(calm.resolution.firstContact)
        #expect(calm.triggered.isEmpty)
    }

    @Test func aProcessWithoutWhenAppliesToEveryCaseAndUnknownWaitsAreMarked() throws {
        let policy = try DecisionTests.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 100 USD }
        """, processes: """
        processes:
          verify:
            steps:
              - ask: [order-number]
              - wait: 10m
              - handoff: { to: lead }
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 5 USD }]"), policy)
        #expect(result.outcome("credit") == .allowed)
        #expect(result.resolution.asks == 1)
        #expect(result.resolution.time == 600)
        #expect(!result.resolution.timeKnown)
        #expect(!result.resolution.firstContact)
    }

    @Test func theSlowestPathThatGetsDoneCountsAndBlockedOnesDoNot() throws {
        let policy = try DecisionTests.policy(actions: """
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 100 USD, approval: { by: manager, within: 2h } }
          refund:
            measure: money
            grants:
              - { role: lead, up-to: 100 USD }
          cash:
            measure: money
            never: true
        """)
        let result = try evaluate(caseText("agent", wants: "[{ action: credit, amount: 5 USD }, { action: refund, amount: 5 USD }, { action: cash, amount: 5 USD }]"), policy)
        #expect(result.decisions.map(\.outcome) == [.needsApproval, .escalate, .blocked])
        #expect(result.resolution.time == 2 * 3600)
        #expect(result.resolution.blocked == 1)
        #expect(result.resolution.handoffs == 1)
        #expect(result.resolution.approvals == 1)
    }
}
