import Foundation
import LeewayCore
@testable import LeewayEngine
import Testing
@testable import LeewayOverrides
import LeewayReporters

/// Overrides on policies written in other styles: flow lists, quoted values, bare
/// amounts, block lists in conditions, a flow-mapped `never`, a file without a final
/// newline. The edit keeps the style it finds.
@Suite struct OverrideEditTests {
    static func best(_ policyText: String, _ wants: String, facts: String = "{}") throws -> (Override, String) {
        let loaded = PolicyLoader.load(text: policyText, path: "p.yaml")
        let policy = try #require(loaded.policy, "\(loaded.findings.map { $0.message.render() })")
        let text = "leeway: 1\ncase: T\nhandled-by: agent\nfacts: \(facts)\nwants: \(wants)\n"
        let source = try #require(CaseLoader.load(text: text, path: "c.yaml").cases.first)
        guard case .success(let evaluated) = Engine.evaluate(source, with: CompiledPolicy(policy)) else {
            Issue.record("case did not evaluate")
            throw CancellationError()
        }
        let override = try #require(OverridePlanner(policy: policy).advice(for: evaluated).overrides.first)
        let patched = try TextEdit.apply(override.edits, to: policyText)
        let reloaded = try #require(PolicyLoader.load(text: patched, path: "p.yaml").policy)
        guard case .success(let after) = Engine.evaluate(source, with: CompiledPolicy(reloaded)) else { throw CancellationError() }
        #expect(after.decisions.allSatisfy { $0.outcome == .allowed })
        return (override, patched)
    }

    static let head = "leeway: 1\npolicy: p\ncurrency: EUR\nroles:\n  agent: { customer-facing: true }\n  lead: { reachable-within: 5m }\n"

    @Test func flowListOfGrantsGetsTheNewGrantInline() throws {
        let policy = Self.head + "actions:\n  credit:\n    measure: money\n    grants: [ { role: agent, up-to: 10, approval: { by: lead, within: 5m } } ]\n"
        let (override, patched) = try Self.best(policy, "[ { action: credit, amount: 8 EUR } ]")
        #expect(override.kind == .dropApproval)
        #expect(patched.hasSuffix("    grants: [ { role: agent, up-to: 8 EUR }, { role: agent, up-to: 10, approval: { by: lead, within: 5m } } ]\n"))
    }

    @Test func quotedAndBareAmountsKeepTheirStyle() throws {
        let quoted = Self.head + "actions:\n  credit:\n    measure: money\n    grants:\n      - { role: agent, up-to: \"25 EUR\" }\n"
        let (_, first) = try Self.best(quoted, "[ { action: credit, amount: 40 EUR } ]")
        #expect(first.contains("- { role: agent, up-to: \"40 EUR\" }"))
        let bare = Self.head + "actions:\n  credit:\n    measure: money\n    grants:\n      - { role: agent, up-to: 25 }   # euros\n"
        let (_, second) = try Self.best(bare, "[ { action: credit, amount: 40.50 EUR } ]")
        #expect(second.contains("- { role: agent, up-to: 40.5 }   # euros\n"))
    }

    @Test func blockListInAConditionGetsANewItem() throws {
        let policy = Self.head + """
        facts:
          issue: { type: enum, values: [outage, billing-error, slow, other] }
        actions:
          credit:
            measure: money
            grants:
              - role: agent
                up-to: 50 EUR
                when:
                  issue:
                    - outage
                    - billing-error   # the usual two
        """
        let (override, patched) = try Self.best(policy, "[ { action: credit, amount: 20 EUR } ]", facts: "{ issue: slow }")
        #expect(override.kind == .relaxWhen)
        #expect(patched.hasSuffix("            - billing-error   # the usual two\n            - slow"))
    }

    @Test func neverInAFlowMappingBecomesFlowGrants() throws {
        let policy = Self.head + "actions:\n  waive: { measure: none, never: true, reason: \"Regulated\" }\n"
        let (override, patched) = try Self.best(policy, "[ { action: waive } ]")
        #expect(override.kind == .replaceNever)
        #expect(patched.hasSuffix("  waive: { measure: none, grants: [ { role: agent } ] }\n"))
    }

    @Test func aFileWithoutAFinalNewlineGetsASection() throws {
        let policy = Self.head + "actions:\n  credit:\n    measure: money\n    grants:\n      - { role: lead, up-to: 50 EUR }"
        let loaded = PolicyLoader.load(text: policy, path: "p.yaml")
        let set = try #require(loaded.policy)
        let source = try #require(CaseLoader.load(text: "leeway: 1\ncase: T\nhandled-by: agent\nwants: [ { action: credit, amount: 20 EUR } ]\n",
                                                  path: "c.yaml").cases.first)
        guard case .success(let evaluated) = Engine.evaluate(source, with: CompiledPolicy(set)) else { throw CancellationError() }
        let all = OverridePlanner(policy: set).overrides(for: evaluated, want: 0)
        let budget = try #require(all.first { $0.kind == .discretion })
        let patched = try TextEdit.apply(budget.edits, to: policy)
        #expect(patched == policy + "\n\ndiscretion:\n  - { role: agent, up-to: 20 EUR, per: case, review: after-the-fact }\n")
    }

    @Test func rangeMinimumMovesDown() throws {
        let policy = Self.head + """
        facts:
          hours: { type: count }
        actions:
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 50 EUR, when: { hours: { min: 24 } } }

        """
        let (override, patched) = try Self.best(policy, "[ { action: credit, amount: 20 EUR } ]", facts: "{ hours: 6 }")
        #expect(override.kind == .relaxWhen)
        #expect(patched.contains("when: { hours: { min: 6 } }"))
    }
}

@Suite struct SummaryLineTests {
    /// `from`/`to` lines are trimmed as Foundation's `.whitespaces` trims them (tabs and
    /// every space separator, not newlines), then lose a list item's `- `.
    @Test func cleansLinesLikeFoundation() {
        func foundation(_ line: String) -> String {
            var text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("- ") { text = String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            return text
        }
        let pieces = [" ", "\t", "\u{00A0}", "\u{1680}", "\u{2003}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{2028}", "\u{0085}", "\u{FEFF}", "- ", "-", "a", "é", "up-to: 40 USD", "\u{200B}", "\n", "🚚"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let line = (0..<Int.random(in: 0..<8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(OverridePlanner.clean(line) == foundation(line), "\(line.unicodeScalars.map { $0.value })")
        }
    }
}
