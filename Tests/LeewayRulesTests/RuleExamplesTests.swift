import Testing
import LeewayCore
@testable import LeewayRules

/// The examples are the tests (STYLE habit 2): every rule's non-triggering examples
/// produce no finding of that rule, and its triggering examples produce findings of that
/// rule exactly where `↓` marks them.
@Suite struct RuleExamplesTests {
    static let ids = RuleRegistry.ids

    @Test(arguments: ids)
    func nonTriggeringExamplesDoNotTrigger(id: String) throws {
        let description = try #require(RuleRegistry.description(for: id))
        for (index, example) in description.nonTriggering.enumerated() {
            let (yaml, marks) = example.policy
            #expect(marks.isEmpty, "non-triggering example \(index + 1) of \(id) has a marker")
            let findings = try Fixture.findings(yaml)
            let own = findings.filter { $0.rule == id }
            #expect(own.isEmpty, "non-triggering example \(index + 1) of \(id) triggers at \(own.map(\.location.description))")
            let invalid = findings.filter(\.isInputError)
            #expect(invalid.isEmpty, "example \(index + 1) of \(id) is invalid: \(invalid.map { $0.message.render(.en) })")
        }
    }

    @Test(arguments: ids)
    func triggeringExamplesTriggerWhereMarked(id: String) throws {
        let description = try #require(RuleRegistry.description(for: id))
        for (index, example) in description.triggering.enumerated() {
            let (yaml, marks) = example.policy
            #expect(!marks.isEmpty, "triggering example \(index + 1) of \(id) marks nothing")
            let findings = try Fixture.findings(yaml)
            let positions = findings.filter { $0.rule == id }.compactMap(\.location.position).sorted()
            #expect(positions == marks.sorted(), "triggering example \(index + 1) of \(id): findings at \(positions), marked \(marks)")
            for finding in findings where finding.rule == id {
                #expect(finding.path != nil, "finding of \(id) has no key path")
                #expect(finding.help != nil && finding.rationale != nil)
                // Every message and help renders from the catalogue in both languages.
                for language in Language.allCases {
                    let message = finding.message.render(language)
                    #expect(message != finding.message.key, "no catalogue entry for \(finding.message.key) in \(language)")
                    #expect(!message.contains("{"), "unfilled placeholder in \(finding.message.key): \(message)")
                    if let help = finding.help {
                        let text = help.render(language)
                        #expect(text != help.key, "no catalogue entry for \(help.key) in \(language)")
                        #expect(!text.contains("{"), "unfilled placeholder in \(help.key): \(text)")
                    }
                }
            }
        }
    }
}
