import Testing
import LeewayCore
@testable import LeewayRules

/// The rules of language 1.1 (SPEC §9.9) and the readings of §9.10.6–7 at their
/// boundaries, beyond what the rules' own examples show.
@Suite struct LanguageElevenRuleTests {
    static func findings(_ body: String, rule: String, _ thresholds: [String: String] = [:]) throws -> [Finding] {
        var configuration = Configuration()
        if !thresholds.isEmpty { configuration.rules[rule] = .init(thresholds: thresholds) }
        return try Fixture.findings(RuleExample.header + body, configuration: configuration).filter { $0.rule == rule }
    }

    static func remedy(within: String) -> String {
        """
        roles:
          agent: { customer-facing: true }
        facts:
          issue: { type: enum, values: [missed-appointment] }
        actions:
          pay-compensation:
            measure: money
            grants:
              - { role: agent, up-to: 100 USD }
        remedies:
          missed-appointment: { when: { issue: missed-appointment }, action: pay-compensation, amount: 40 USD, within: \(within) }
        """
    }

    /// Working days compare with 5bd = 1w (SPEC §9.3): `5bd` is exactly the 7d threshold.
    @Test(arguments: [("10bd", true), ("5bd", false), ("6bd", true), ("7d", false), ("1w", false), ("7d1s", true), ("2w", true), ("0", false)])
    func slowRemedyComparesWorkingDaysAsWeeks(within: String, fires: Bool) throws {
        let found = try Self.findings(Self.remedy(within: within), rule: "slow-remedy")
        #expect(found.count == (fires ? 1 : 0), "within: \(within)")
        if let finding = found.first {
            #expect(finding.message.render(.en) == "remedy `missed-appointment` may take up to `\(within)` to reach the customer, longer than `7d`")
            #expect(finding.path?.description == "remedies.missed-appointment.within")
        }
    }

    @Test func slowRemedyThresholdIsConfigurableInWorkingDays() throws {
        #expect(try Self.findings(Self.remedy(within: "10bd"), rule: "slow-remedy", ["max-within": "10bd"]).isEmpty)
        #expect(try Self.findings(Self.remedy(within: "10bd"), rule: "slow-remedy", ["max-within": "2w"]).isEmpty)
        #expect(try Self.findings(Self.remedy(within: "3d"), rule: "slow-remedy", ["max-within": "2bd"]).count == 1)
    }

    @Test func slowHandoffJudgesTheWrittenWaitOnly() throws {
        let body = """
        roles:
          agent: { customer-facing: true }
          finance: { reachable-within: 3d }
        processes:
          dispute:
            steps:
              - handoff: { to: finance }
              - handoff: { to: finance, wait: 1d }
              - handoff: { to: finance, wait: 25h }
        """
        let found = try Self.findings(body, rule: "slow-handoff")
        #expect(found.map { $0.location.line ?? 0 } == [12])
        #expect(found.first?.path?.description == "processes.dispute.steps[2].handoff.wait")
        #expect(try Self.findings(body, rule: "slow-handoff", ["max-wait": "2d"]).isEmpty)
    }

    /// 1bd is a fifth of a week (33h36m), so a one-working-day wait is above `1d`.
    @Test(arguments: [("1bd", true), ("1d", false), ("24h", false), ("5bd", true)])
    func slowHandoffComparesWorkingDaysAsAFifthOfAWeek(wait: String, fires: Bool) throws {
        let body = """
        roles:
          agent: { customer-facing: true }
          finance: { reachable-within: 1d }
        processes:
          dispute:
            steps:
              - handoff: { to: finance, wait: \(wait) }
        """
        #expect(try Self.findings(body, rule: "slow-handoff").count == (fires ? 1 : 0), "wait: \(wait)")
    }

    @Test func retentionGateListIsConfigurable() throws {
        let body = """
        roles:
          agent: { customer-facing: true }
          retention: { reachable-within: 1h }
        actions:
          terminate-plan:
            measure: none
            grants:
              - { role: retention }
          cancel-visit:
            measure: none
            grants:
              - { role: agent }
        """
        #expect(try Self.findings(body, rule: "retention-gate").isEmpty)
        let found = try Self.findings(body, rule: "retention-gate", ["actions": "[terminate-*, cancel-*]"])
        #expect(found.map { $0.path?.description } == ["actions.terminate-plan"])
        #expect(found.first?.message.render(.en) == "a customer cannot `terminate-plan` at first contact, only after a hand-off to `retention`")
        #expect(found.first?.message.render(.es) == "un cliente no puede hacer `terminate-plan` en el primer contacto, solo tras un traspaso a `retention`")
    }

    /// A customer-facing role with `reachable-within` is not a first contact: its grant
    /// does not open the door (SPEC §9.10.7).
    @Test func retentionGateJudgesFirstContactRoles() throws {
        let body = """
        roles:
          agent: { customer-facing: true }
          account-manager: { customer-facing: true, reachable-within: 1d }
        actions:
          end-contract:
            measure: none
            grants:
              - { role: account-manager }
        """
        let found = try Self.findings(body, rule: "retention-gate")
        #expect(found.count == 1)
        #expect(found.first?.help?.render(.en) == "let `agent` take `end-contract` at first contact, with no approval and no condition; offer what might keep the customer, but don't gate the exit")
    }

    @Test func globs() {
        #expect(globMatches("cancel-*", "cancel-subscription"))
        #expect(globMatches("cancel-*", "cancel-"))
        #expect(!globMatches("cancel-*", "cancel"))
        #expect(!globMatches("cancel-*", "precancel-x"))
        #expect(globMatches("*-account", "close-account"))
        #expect(globMatches("close-account", "close-account"))
        #expect(!globMatches("close-account", "close-accounts"))
        #expect(globMatches("c?ncel-*-now", "cancel-plan-now"))
        #expect(globMatches("*", ""))
    }

    /// A budget written as an amount rule is shown as the rule, not as `0 USD`.
    @Test func unreviewedDiscretionShowsTheAmountRule() throws {
        let body = """
        roles:
          agent: { customer-facing: true }
        facts:
          order-value: { type: money }
        discretion:
          - role: agent
            up-to: { percent: 10, of: order-value }
            per: case
        """
        let found = try Self.findings(body, rule: "unreviewed-discretion")
        #expect(found.map { $0.message.render(.en) } == ["`agent` may spend up to `10% of order-value` per `case` with no after-the-fact review"])
    }

    /// An amount rule without `max` is not judged (SPEC §9.10.6); one with `max` is
    /// judged by it, and the finding lands on the `max`.
    @Test func approvalForSmallAmountsReadsAnAmountRulesMax() throws {
        func body(_ own: String) -> String {
            """
            roles:
              agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            facts:
              order-value: { type: money }
            actions:
              goodwill:
                measure: money
                grants:
                  - { role: agent, up-to: \(own) }
                  - { role: agent, up-to: 300 USD, approval: { by: supervisor, within: 15m } }
            """
        }
        #expect(try Self.findings(body("10% of order-value"), rule: "approval-for-small-amounts").isEmpty)
        #expect(try Self.findings(body("{ percent: 10, of: order-value, min: 5 USD }"), rule: "approval-for-small-amounts").isEmpty)
        #expect(try Self.findings(body("{ percent: 10, of: order-value, max: 100 USD }"), rule: "approval-for-small-amounts").isEmpty)
        let found = try Self.findings(body("{ percent: 10, of: order-value, max: 99.99 USD }"), rule: "approval-for-small-amounts")
        #expect(found.map { $0.message.render(.en) } == ["`agent` needs `supervisor` approval for `goodwill` above `99.99 USD`, a small amount (below `100 USD`)"])
    }

    @Test func wideAppointmentWindowReadsAnAmountRulesMax() throws {
        func body(_ atLeast: String) -> String {
            """
            roles:
              agent: { customer-facing: true }
            facts:
              distance: { type: count }
            actions:
              book-visit:
                measure: duration
                grants:
                  - { role: agent, at-least: \(atLeast) }
            """
        }
        let warning = try Self.findings(body("{ base: 1h, add: 30m, each: 10, of: distance, max: 3h }"), rule: "wide-appointment-window")
        #expect(warning.map(\.severity) == [.warning])
        #expect(warning.first?.path?.description == "actions.book-visit.grants[0].at-least.max")
        #expect(warning.first?.location.column == 85)
        let error = try Self.findings(body("{ base: 1h, add: 30m, each: 10, of: distance, max: 5h }"), rule: "wide-appointment-window")
        #expect(error.map(\.severity) == [.error])
        #expect(try Self.findings(body("{ base: 3h, add: 30m, each: 10, of: distance }"), rule: "wide-appointment-window").isEmpty)
        #expect(try Self.findings(body("{ by: distance, bands: [ { up-to: 5, amount: 1h }, { amount: 8h } ] }"), rule: "wide-appointment-window").isEmpty)
    }

    /// `above-limit` past a grant whose limit is an amount rule without `max` has no
    /// highest limit to name.
    @Test func slowApprovalAboveAnUnboundedRule() throws {
        func body(_ limit: String) -> String {
            """
            roles:
              agent: { customer-facing: true }
              finance: { reachable-within: 1d }
            facts:
              order-value: { type: money }
            actions:
              refund:
                measure: money
                grants:
                  - { role: agent, up-to: \(limit) }
                above-limit:
                  approval: { by: finance, within: 2d }
            """
        }
        #expect(try Self.findings(body("10% of order-value"), rule: "slow-approval").map(\.message.key) == ["rule.slow-approval.message.above-limit-any"])
        let bounded = try Self.findings(body("{ percent: 10, of: order-value, max: 80 USD }"), rule: "slow-approval")
        #expect(bounded.map { $0.message.render(.en) } == ["`refund` above `80 USD` needs `finance` approval taking up to `2d`"])
    }

    /// Remedies are not discretion (SPEC §9.10.6), and only a remedy that backs the
    /// appointment window makes it good.
    @Test func remediesAndTheOtherRules() throws {
        func body(backs: String) -> String {
            """
            roles:
              agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            facts:
              issue: { type: enum, values: [missed-appointment] }
            actions:
              pay-compensation:
                measure: money
                grants:
                  - { role: supervisor, up-to: 100 USD }
            remedies:
              missed: { when: { issue: missed-appointment }, action: pay-compensation, amount: 30 USD, backs: \(backs), automatic: false }
            commitments:
              appointment-window: 2h
            """
        }
        #expect(try Self.findings(body(backs: "appointment-window"), rule: "no-frontline-discretion").count == 1)
        #expect(try Self.findings(body(backs: "appointment-window"), rule: "window-without-remedy").isEmpty)
        #expect(try Self.findings(body(backs: "first-response"), rule: "window-without-remedy").count == 1)
        #expect(try Self.findings(body(backs: "appointment-window"), rule: "remedy-on-claim").count == 1)
    }
}
