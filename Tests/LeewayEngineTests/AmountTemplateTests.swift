import Foundation
@testable import LeewayCore
@testable import LeewayEngine
import Testing

/// Trace sentences that say an amount are kept as the words around it (`AmountTemplate`):
/// a sentence from the kept words is the sentence the catalogue renders.
@Suite struct AmountTemplateTests {
    @Test func aTemplateIsKeptOnlyWhenTheAmountIsSaidOnce() throws {
        let once = try #require(AmountTemplate { "covers \($0): may do it alone" })
        #expect(once.prefix == "covers ")
        #expect(once.suffix == ": may do it alone")
        // Not said, said twice, or a stand-in already in the other words: rendered every time.
        #expect(AmountTemplate { _ in "nobody may do it" } == nil)
        #expect(AmountTemplate { "\($0) and \($0)" } == nil)
        #expect(AmountTemplate { "\(AmountTemplate.standIn1) \($0)" } == nil)
        // Words that depend on the amount are not kept either.
        #expect(AmountTemplate { $0 == AmountTemplate.standIn1 ? "one \($0)" : "other \($0)" } == nil)
    }

    @Test func sentencesFromKeptWordsAreTheCataloguesSentences() throws {
        let policy = try compile("""
        leeway: 1
        policy: t
        roles:
          agent: { customer-facing: true }
          supervisor: {}
        actions:
          credit:
            measure: money
            grants:
              - { role: agent, up-to: 40 USD }
              - { role: agent, up-to: 200 USD, approval: { by: supervisor, within: 4h } }
        """)
        for language in Language.allCases {
            let explanation = Explanation(policy: policy, language: language)
            for cents in [1, 133, 999, 2_000, 3_466, 4_000, 12_345, 19_999, 25_000, 100_001] {
                let amount = Money.format(Decimal(cents) / 100, currency: "USD") + " USD"
                let evaluated = try evaluate(caseText("agent", wants: "[{ action: credit, amount: \(amount) }]"), policy)
                for step in evaluated.trace {
                    let said = explanation.sentence(step, input: evaluated.input)
                    let limit = step.kind == .grant ? explanation.limit(policy.sourceGrant(Int(step.grant))) : ""
                    let expected: String
                    switch (step.kind, step.covers, step.outcome) {
                    case (.grant, true, .allowed?):
                        expected = Catalog.render(Message("engine.step.grant-alone", ["role": "agent", "limit": limit, "amount": amount]),
                                                  in: language)
                    case (.grant, true, .needsApproval?):
                        expected = Catalog.render(Message("engine.step.grant-approval",
                                                          ["role": "agent", "limit": limit, "amount": amount, "approver": "supervisor",
                                                           "time": explanation.time(step.time)]), in: language)
                    case (.grant, false, _):
                        expected = Catalog.render(Message("engine.step.grant-limit", ["role": "agent", "limit": limit, "amount": amount]),
                                                  in: language)
                    case (.noPath, _, _):
                        expected = Catalog.render(Message("engine.step.no-path", ["amount": amount]), in: language)
                    default:
                        continue
                    }
                    #expect(said == expected, "\(language) \(amount) \(step.kind)")
                }
            }
        }
    }
}
