import Testing
import LeewayCore
@testable import LeewayRules

@Suite struct RuleRegistryTests {
    @Test func idsAreUniqueAndKebabCase() {
        let ids = RuleRegistry.ids
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let kebab = !id.isEmpty && !id.hasPrefix("-") && !id.hasSuffix("-") && !id.contains("--")
                && id.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
            #expect(kebab, "\(id) is not kebab-case")
        }
    }

    @Test func specCatalogueIsComplete() {
        let spec = [
            "no-frontline-discretion", "approval-for-small-amounts", "slow-approval", "absolute-prohibition",
            "handoff-chain", "repeated-ask", "wide-appointment-window", "no-delay-notice", "handle-time-target",
            "channel-abandonment", "no-customer-outcome-metric", "unreachable-approver", "expired-exception", "unused-exception",
        ]
        for id in spec {
            #expect(RuleRegistry.description(for: id) != nil, "missing SPEC rule \(id)")
        }
        #expect(RuleRegistry.rules.count >= 18)
    }

    @Test(arguments: RuleRegistry.ids)
    func everyRuleIsFullyDescribed(id: String) throws {
        let description = try #require(RuleRegistry.description(for: id))
        #expect(description.id == id)
        #expect(!description.triggering.isEmpty, "\(id) has no triggering example")
        #expect(!description.nonTriggering.isEmpty, "\(id) has no non-triggering example")
        #expect(description.source.key == "rule.\(id).source")
        for language in Language.allCases {
            let table = Catalog.table(language)
            for message in [description.title, description.summary, description.rationale, description.source, description.override] {
                #expect(table[message.key] != nil, "\(message.key) missing in \(language)")
            }
            for threshold in description.thresholds {
                #expect(table[threshold.summary.key] != nil, "\(threshold.summary.key) missing in \(language)")
            }
        }
        for threshold in description.thresholds {
            #expect(threshold.accepts(threshold.defaultValue), "default of \(id).\(threshold.name) does not parse")
        }
    }

    @Test func lookupByIdAndSuggestion() {
        #expect(RuleRegistry.description(for: "slow-approval")?.severity == .warning)
        #expect(RuleRegistry.description(for: "no-such-rule") == nil)
        #expect(RuleRegistry.suggestion(for: "slow-aproval") == "slow-approval")
        #expect(RuleRegistry.descriptions.count == RuleRegistry.rules.count)
    }
}
