import Foundation
import LeewayCore
@testable import LeewayEngine
import Testing
import LeewayOverrides
import LeewayReporters

/// Language 1.1: conditions on `locked` facts come from law or contract, and no override
/// of any kind relaxes them; and no override writes a list that names every value of an
/// enum (that is dropping the condition, said so and ranked broadest).
@Suite struct LockedFactTests {
    static let policyText = """
    leeway: 1
    policy: airline
    currency: EUR
    roles:
      agent: { customer-facing: true }
      supervisor: { reachable-within: 15m }
    facts:
      extraordinary: { type: bool, locked: true }
      accepted-alternative: { type: bool, locked: true }
      distance: { type: count, locked: true }
      tier: { type: enum, values: [gold, silver, bronze] }
      delay: { type: duration }
    actions:
      compensate:
        measure: money
        grants:
          - { role: agent, up-to: 250 EUR, when: { extraordinary: false, distance: { max: 1500 } } }
          - { role: agent, up-to: 600 EUR, when: { extraordinary: false }, approval: { by: supervisor, within: 1h } }
      refund:
        measure: none
        grants:
          - { role: agent, when: { accepted-alternative: false, delay: { min: 3h } } }
      lounge:
        measure: none
        grants:
          - { role: agent, when: { tier: [gold, silver] } }
      upgrade:
        measure: count
        grants:
          - { role: agent, up-to: 1, when: { tier: gold } }
      voucher:
        measure: money
        grants:
          - { role: supervisor, up-to: 100 EUR, when: { extraordinary: false } }
      cash:
        measure: money
        never: true
        reason: No cash at the desk
    metrics:
      - { name: first-contact-resolution }
    """

    static func policy(_ text: String = policyText) throws -> PolicySet {
        let loaded = PolicyLoader.load(text: text, path: "policies/airline.yaml")
        #expect(loaded.findings.filter { $0.severity == .error }.isEmpty, "\(loaded.findings.map { $0.message.render() })")
        return try #require(loaded.policy)
    }

    static func evaluated(_ facts: String, _ wants: String, policy: PolicySet) throws -> EvaluatedCase {
        let text = "leeway: 1\ncase: L-1\nhandled-by: agent\nfacts: \(facts)\nwants: \(wants)\n"
        let source = try #require(CaseLoader.load(text: text, path: "case.yaml").cases.first)
        guard case .success(let result) = Engine.evaluate(source, with: CompiledPolicy(policy)) else {
            Issue.record("case did not evaluate: \(text)")
            throw CancellationError()
        }
        return result
    }

    /// Every condition on a locked fact, as (grant path, fact, matcher as written).
    static func lockedMatches(_ policy: PolicySet) -> Set<String> {
        var out = Set<String>()
        for action in policy.actions {
            for grant in action.grants {
                for match in grant.when?.factMatches ?? [] where policy.fact(match.fact)?.locked == true {
                    out.insert("\(action.name): \(match.fact) \(match.matcher.description)")
                }
            }
        }
        return out
    }

    static let cases: [(String, String)] = [
        ("{ extraordinary: true, distance: 900 }", "[ { action: compensate, amount: 250 EUR } ]"),      // relax-when would flip the law
        ("{ extraordinary: false, distance: 2000 }", "[ { action: compensate, amount: 250 EUR } ]"),   // the distance band is law too
        ("{ extraordinary: false, distance: 900 }", "[ { action: compensate, amount: 400 EUR } ]"),    // raise-limit, drop-approval
        ("{ accepted-alternative: true, delay: 5h }", "[ { action: refund } ]"),
        ("{ accepted-alternative: false, delay: 2h }", "[ { action: refund } ]"),                    // delay is not locked
        ("{ tier: bronze }", "[ { action: lounge } ]"),                                              // would list every tier
        ("{ tier: silver }", "[ { action: upgrade, amount: 2 } ]"),
        ("{ extraordinary: false }", "[ { action: voucher, amount: 50 EUR } ]"),                      // add-grant for agent
        ("{}", "[ { action: cash, amount: 20 EUR } ]"),                                              // replace-never
        ("{ extraordinary: true }", "[ { action: voucher, amount: 50 EUR } ]"),
    ]

    @Test func noOverrideOfAnyKindRelaxesALockedFact() throws {
        let policy = try Self.policy()
        let before = Self.lockedMatches(policy)
        #expect(before.count == 4, "\(before)")
        var kinds = Set<OverrideKind>()
        let planner = OverridePlanner(policy: policy)
        for (facts, wants) in Self.cases {
            let evaluated = try Self.evaluated(facts, wants, policy: policy)
            for override in planner.overrides(for: evaluated, want: 0) {
                kinds.insert(override.kind)
                let patched = try TextEdit.apply(override.edits, to: Self.policyText)
                let after = try Self.policy(patched)
                #expect(before.isSubset(of: Self.lockedMatches(after)),
                        "\(override.kind) for \(facts) changes a locked condition: \(before.subtracting(Self.lockedMatches(after)))")
                // No edit touches the text of a locked condition.
                for action in policy.actions {
                    for grant in action.grants {
                        for match in grant.when?.factMatches ?? [] where policy.fact(match.fact)?.locked == true {
                            guard let start = match.location.position, let end = match.valueEnd else { continue }
                            for edit in override.edits {
                                #expect(!(edit.start < end && start < edit.end) || edit.start == edit.end,
                                        "\(override.kind) edits the locked `\(match.fact)` at \(start.line)")
                            }
                        }
                    }
                }
                // And no matcher lists every value of an enum.
                for action in after.actions {
                    for grant in action.grants {
                        for match in grant.when?.factMatches ?? [] {
                            guard case .enumeration(let all)? = after.fact(match.fact)?.type, case .anyOf(let values) = match.matcher else { continue }
                            #expect(Set(values.map(\.description)) != Set(all), "\(override.kind) lists every `\(match.fact)`")
                        }
                    }
                }
            }
        }
        // The cases exercise every kind of override the planner makes here. A discretion
        // budget holds for every money action and customer, past any `when`: it is never
        // offered for an action whose grants rest on a locked condition.
        #expect(kinds.isSuperset(of: [.raiseLimit, .relaxWhen, .dropApproval, .replaceNever, .dropCondition]), "\(kinds)")
        #expect(!kinds.contains(.discretion), "\(kinds)")
    }

    @Test func aConditionOnALockedFactGetsNoRelaxWhen() throws {
        let policy = try Self.policy()
        let evaluated = try Self.evaluated("{ extraordinary: true, distance: 900 }", "[ { action: compensate, amount: 250 EUR } ]", policy: policy)
        let overrides = OverridePlanner(policy: policy).overrides(for: evaluated, want: 0)
        #expect(!overrides.contains { $0.kind == .relaxWhen || $0.kind == .dropCondition })
        // The unlocked `delay` still may be relaxed.
        let refund = try Self.evaluated("{ accepted-alternative: false, delay: 2h }", "[ { action: refund } ]", policy: policy)
        #expect(OverridePlanner(policy: policy).overrides(for: refund, want: 0).contains { $0.kind == .relaxWhen })
    }

    @Test func aListOfEveryValueIsDroppingTheConditionAndRanksLast() throws {
        let policy = try Self.policy()
        let evaluated = try Self.evaluated("{ tier: bronze }", "[ { action: lounge } ]", policy: policy)
        let overrides = OverridePlanner(policy: policy).overrides(for: evaluated, want: 0)
        let drop = try #require(overrides.first { $0.kind == .dropCondition })
        #expect(drop.message.render().contains("drop the condition on `tier`"), "\(drop.message.render())")
        let patched = try TextEdit.apply(drop.edits, to: Self.policyText)
        #expect(patched.contains("- { role: agent }"), "the whole `when` goes: \(patched)")
        #expect(overrides.last?.kind == .dropCondition || overrides.allSatisfy { $0.kind.rank <= OverrideKind.dropCondition.rank })
    }

    @Test func lockedIsABooleanAndTypoedKeysAreCaught() {
        let bad = PolicyLoader.load(text: Self.policyText.replacingOccurrences(of: "locked: true }\n  accepted", with: "locked: yes }\n  accepted"), path: "p.yaml")
        #expect(bad.findings.contains { $0.message.key == "load.yaml11-bool" && $0.location.line == 8 })
        let typo = PolicyLoader.load(text: Self.policyText.replacingOccurrences(of: "locked: true }\n  accepted", with: "lockd: true }\n  accepted"), path: "p.yaml")
        #expect(typo.findings.contains { $0.message.key == "load.unknown-key" && $0.help?.render() == "did you mean `locked`?" })
    }
}
