import Foundation
import LeewayCore
@testable import LeewayRules
import Testing
import LeewayOverrides

/// Mechanical fixes for findings (`Fixes`, `FixPlanner`): every fixable rule's
/// triggering examples are fixed, and the rigid sample loses every finding that has a
/// fix, with its comments and untouched lines kept byte for byte.
@Suite struct FixTests {
    static let linter = Linter(today: Fixture.today)

    static func read(_ path: String) throws -> String {
        try String(contentsOf: Fixture.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test(arguments: Fixes.fixable.sorted())
    func triggeringExamplesAreFixed(id: String) throws {
        let description = try #require(RuleRegistry.description(for: id))
        for (index, example) in description.triggering.enumerated() {
            let (yaml, _) = example.policy
            let policy = try Fixture.policy(yaml)
            let findings = Self.linter.check(policy: policy).filter { $0.rule == id }
            guard !findings.isEmpty else { continue }
            let result = FixPlanner(linter: Self.linter).fix(policy, findings: findings)
            #expect(!result.isEmpty, "example \(index + 1) of \(id): no fix applied")
            #expect(result.left.isEmpty, "example \(index + 1) of \(id): left \(result.left.map { $0.message.render() })")
            let after = try Fixture.policy(result.text)
            #expect(Self.linter.check(policy: after).filter { $0.rule == id }.isEmpty, "example \(index + 1) of \(id) still fires:\n\(result.text)")
        }
    }

    @Test func theRigidSampleLosesEveryFindingThatHasAFix() throws {
        let text = try Self.read("policies/acme-field-service.yaml")
        let policy = try Fixture.policy(text, path: "policies/acme-field-service.yaml")
        let findings = Self.linter.check(policy: policy)
        let result = FixPlanner(linter: Self.linter).fix(policy, findings: findings)
        #expect(result.left.map(\.rule) == ["handoff-chain"])
        #expect(result.fixed.count == findings.count - 1)
        let after = Self.linter.check(policy: try Fixture.policy(result.text))
        #expect(after.map(\.rule) == ["handoff-chain"])
        // Comments stay, byte for byte.
        for line in text.split(separator: "\n") where line.hasPrefix("#") {
            #expect(result.text.contains(line + "\n"))
        }
    }

    @Test func valuesAreFilledIn() throws {
        let text = try Self.read("policies/acme-field-service.yaml")
        let policy = try Fixture.policy(text)
        let findings = Self.linter.check(policy: policy)
        func fixed(_ rule: String, _ key: String? = nil) throws -> String {
            let finding = try #require(findings.first { $0.rule == rule && (key == nil || $0.message.key.hasSuffix(key!)) })
            let edits = try #require(Fixes.edits(for: finding, in: policy))
            return try TextEdit.apply(edits, to: text)
        }
        #expect(try fixed("wide-appointment-window", "message").contains("  appointment-window: 2h\n"))
        #expect(try fixed("wide-appointment-window", "message.grant").contains("- { role: agent, at-least: 2h }"))
        #expect(try fixed("slow-approval", "message.above-limit").contains("approval: { by: finance, within: 4h }"))
        #expect(try fixed("handoff-without-notes").contains("- handoff: { to: agent, notes: true }"))
        #expect(try fixed("channel-abandonment", "message.closed").contains("social: open }"))
        #expect(try fixed("no-delay-notice").contains("  first-response: { phone: 5m, chat: 1m, email: 72h, social: 1h }\n  delay-notice: { lead: 30m }\n"))
        #expect(try fixed("no-customer-outcome-metric").contains("  - { name: call-length, max: 12m }\n  - { name: first-contact-resolution }\n"))
        #expect(!(try fixed("repeated-ask").contains("      - ask: [account-number]\n")))
        #expect(try fixed("approval-for-small-amounts").contains("      - { role: agent, up-to: 100 USD }\n      - role: agent\n        up-to: 100 USD\n        approval"))
        #expect(try fixed("no-frontline-discretion").contains("discretion:\n  - { role: technician, up-to: 50 USD, per: case, review: after-the-fact }\n\nprocesses:"))
        #expect(try fixed("unreachable-approver").contains("dispatcher: { title: { en: Dispatch desk, es: Centro de despacho de técnicos }, reachable-within: 15m }"))
        #expect(try fixed("window-without-remedy").contains("appointment-window: { window: 8h, remedy: 20 USD }"))
        #expect(try fixed("call-length-cap").contains("- { name: call-length }"))
        #expect(try fixed("handle-time-target").contains("- { name: average-handle-time }\n"))
        #expect(try fixed("verbatim-script").contains("- script: { verbatim: false }"))
        #expect(!(try fixed("forced-channel-switch").contains("redirect")))
        #expect(!(try fixed("expired-exception").contains("rule: absolute-prohibition")))
        #expect(!(try fixed("unused-exception").contains("rule: repeated-ask")))
        #expect(try fixed("absolute-prohibition").contains("    grants:\n      - { role: agent, approval: { by: supervisor, within: 15m } }\n    reason: { en: Fees are non-negotiable, es: Los recargos no se negocian }\n"))
    }

    @Test func anEditChangesOnlyItsOwnLines() throws {
        let text = try Self.read("policies/acme-field-service.yaml")
        let policy = try Fixture.policy(text)
        for finding in Self.linter.check(policy: policy) {
            guard let edits = Fixes.edits(for: finding, in: policy) else { continue }
            let patched = try TextEdit.apply(edits, to: text)
            let before = text.split(separator: "\n", omittingEmptySubsequences: false)
            let after = patched.split(separator: "\n", omittingEmptySubsequences: false)
            // Lines before the first edit and after the last are identical.
            let first = edits.map(\.start.line).min()!
            #expect(Array(before.prefix(first - 1)) == Array(after.prefix(first - 1)), "\(finding.rule)")
            let lastEdited = edits.map(\.end.line).max()!
            let tail = before.count - lastEdited
            if tail > 0 {
                #expect(Array(before.suffix(tail)) == Array(after.suffix(tail)), "\(finding.rule)")
            }
        }
    }
}

/// `check --fix` never relaxes a condition on a locked fact (language 1.1): the rigid
/// sample with its conditions' facts locked keeps every condition after every fix.
@Suite struct LockedFixTests {
    @Test func everyFixKeepsEveryConditionOnALockedFact() throws {
        var text = try String(contentsOf: Fixture.root.appendingPathComponent("policies/acme-field-service.yaml"), encoding: .utf8)
        // Lock every declared fact of the sample.
        text = text.replacingOccurrences(of: "{ type: enum, values:", with: "{ type: enum, locked: true, values:")
        text = text.replacingOccurrences(of: "{ type: money }", with: "{ type: money, locked: true }")
        text = text.replacingOccurrences(of: "{ type: count }", with: "{ type: count, locked: true }")
        text = text.replacingOccurrences(of: "{ type: bool }", with: "{ type: bool, locked: true }")
        let linter = Linter(today: Fixture.today)
        let policy = try Fixture.policy(text, path: "policies/acme-field-service.yaml")
        #expect(policy.facts.contains { $0.locked })
        func conditions(_ policy: PolicySet) -> [String] {
            var out: [String] = []
            for action in policy.actions {
                for grant in action.grants { out += (grant.when?.factMatches ?? []).map { "\(action.name) \($0.fact) \($0.matcher.description)" } }
            }
            for process in policy.processes { out += (process.when?.factMatches ?? []).map { "\(process.name) \($0.fact) \($0.matcher.description)" } }
            return out.sorted()
        }
        let before = conditions(policy)
        #expect(!before.isEmpty)
        let result = FixPlanner(linter: linter).fix(policy, findings: linter.check(policy: policy))
        #expect(!result.fixed.isEmpty)
        let after = try Fixture.policy(result.text)
        #expect(Set(before).isSubset(of: Set(conditions(after))), "\(Set(before).subtracting(conditions(after)))")
    }
}
