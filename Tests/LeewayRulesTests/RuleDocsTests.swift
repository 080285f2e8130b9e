import Foundation
import Testing
import LeewayCore
@testable import LeewayRules

@Suite struct RuleDocsTests {
    @Test func committedRulesReferenceIsFresh() throws {
        let url = Fixture.root.appendingPathComponent("docs/rules.md")
        let committed = try? String(contentsOf: url, encoding: .utf8)
        let generated = RuleDocs.markdown()
        #expect(committed == generated, "docs/rules.md is stale: regenerate it with `\(RuleDocs.regenerateCommand)`")
    }

    @Test func everyRuleHasASection() {
        let markdown = RuleDocs.markdown()
        for id in RuleRegistry.ids {
            #expect(markdown.contains("\n## \(id)\n"))
        }
    }
}
