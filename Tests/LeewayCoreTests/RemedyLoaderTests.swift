import Foundation
import Testing
@testable import LeewayCore

/// Language 1.1 part 1 in the loader: every new key and every bad value is a located
/// error with a hint, and the rest of the file is still checked.
@Suite struct RemedyLoaderTests {
    static let base = """
    leeway: 1
    policy: test-policy
    currency: EUR
    roles:
      agent: { customer-facing: true }
      payments: { reachable-within: 1d }
    facts:
      issue: { type: enum, values: [delay, cancelled] }
      distance: { type: count }
      order-value: { type: money }
      outage: { type: duration }
      vip: { type: bool }
    actions:
      compensate:
        measure: money
        grants:
          - { role: agent, up-to: 50 EUR }
      apologise:
        measure: none
        grants:
          - { role: agent }
      extend:
        measure: duration
        grants:
          - { role: agent, up-to: 7d }
    remedies:
      eu261:
        when: { issue: delay }
        action: compensate
        amount: 250 EUR
        within: 10bd

    """

    /// (line:column message-key) of every finding.
    func diagnostics(_ text: String) -> [String] {
        PolicyLoader.load(text: text, path: "p.yaml").findings.map {
            "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message.key)"
        }
    }

    func with(_ old: String, _ new: String) -> String {
        #expect(Self.base.contains(old), "fixture text `\(old)`")
        return Self.base.replacingOccurrences(of: old, with: new)
    }

    @Test func theBaseLoadsWithItsRemedy() throws {
        let result = PolicyLoader.load(text: Self.base, path: "p.yaml")
        #expect(result.findings.isEmpty, "\(result.findings.map { $0.message.render() })")
        let remedy = try #require(result.policy?.remedy("eu261"))
        #expect(remedy.action.value == "compensate")
        #expect(remedy.amount?.value == .value(.money(Money(250, "EUR"))))
        #expect(remedy.within?.value.description == "10bd")
        #expect(remedy.isAutomatic)
        #expect(remedy.location.line == 27)
    }

    @Test func everyFormOfAmountRuleLoads() throws {
        let text = with("amount: 250 EUR", """
        amount: { by: distance, bands: [ { up-to: 1500, amount: 250 EUR }, { up-to: 3500, amount: 400 EUR }, { amount: 600 EUR } ] }
        """).replacingOccurrences(of: "- { role: agent, up-to: 50 EUR }", with: [
            "- { role: agent, up-to: 10% of order-value }",
            "      - { role: agent, up-to: { percent: 12.5, of: order-value, min: 5 EUR, max: 50 EUR } }",
            "      - { role: agent, up-to: { base: 20 EUR, add: 10 EUR, each: 12h, of: outage, after: 6h, max: 100 EUR } }",
        ].joined(separator: "\n"))
        let result = PolicyLoader.load(text: text, path: "p.yaml")
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.location): \($0.message.render())" })")
        let grants = try #require(result.policy?.action("compensate")?.grants)
        #expect(grants[0].upToRule?.value.description == "10% of order-value")
        #expect(grants[1].upToRule?.value.max == .money(Money(50, "EUR")))
        #expect(grants[1].staticUpTo == .money(Money(50, "EUR")), "a static rule judges a rule by its max")
        #expect(grants[0].staticUpTo == nil)
        #expect(grants[2].upToRule?.value.description == "20 EUR + 10 EUR each 12h of outage after 6h, max 100 EUR")
    }

    @Test(arguments: [
        // A percent over 1000.
        ("amount: 250 EUR", "amount: 1001% of order-value", "30:13 load.percent-range"),
        ("amount: 250 EUR", "amount: { percent: -1, of: order-value }", "30:24 load.percent-range"),
        ("amount: 250 EUR", "amount: { percent: ten, of: order-value }", "30:24 load.bad-percent"),
        // Bands out of order, a band in the wrong currency, an otherwise band that is not last.
        ("amount: 250 EUR", "amount: { by: distance, bands: [ { up-to: 3500, amount: 400 EUR }, { up-to: 1500, amount: 250 EUR } ] }",
         "30:81 load.bands-order"),
        ("amount: 250 EUR", "amount: { by: distance, bands: [ { up-to: 1500, amount: 250 USD } ] }", "30:61 load.mixed-currency"),
        ("amount: 250 EUR", "amount: { by: distance, bands: [ { amount: 250 EUR }, { up-to: 1500, amount: 400 EUR } ] }",
         "30:38 load.band-otherwise-last"),
        ("amount: 250 EUR", "amount: { by: distance, bands: [] }", "30:36 load.no-bands"),
        ("amount: 250 EUR", "amount: { by: distance, bands: [ { up-to: far, amount: 400 EUR } ] }", "30:47 load.expected-count"),
        // `of` naming an undeclared fact, or one of the wrong type.
        ("amount: 250 EUR", "amount: 10% of order-valu", "30:13 load.unknown-fact"),
        ("amount: 250 EUR", "amount: 10% of distance", "30:13 load.rule-fact-type"),
        ("amount: 250 EUR", "amount: { by: vip, bands: [ { amount: 1 EUR } ] }", "30:19 load.rule-fact-type"),
        ("amount: 250 EUR", "amount: { base: 75 EUR, add: 35 EUR, each: 12h, of: issue }", "30:57 load.rule-fact-type"),
        // Steps: required keys, a zero step, `each` in the fact's type.
        ("amount: 250 EUR", "amount: { base: 75 EUR, add: 35 EUR, of: outage }", "30:13 load.missing-key"),
        ("amount: 250 EUR", "amount: { base: 75 EUR, add: 35 EUR, each: 0, of: outage }", "30:48 load.steps-each-zero"),
        ("amount: 250 EUR", "amount: { base: 75 EUR, add: 35 EUR, each: 3, of: outage }", "30:48 load.bad-duration"),
        ("amount: 250 EUR", "amount: { percent: 10, of: order-value, min: 9 EUR, max: 5 EUR }", "30:62 load.rule-min-above-max"),
        ("amount: 250 EUR", "amount: { pct: 10, of: order-value }", "30:13 load.expected-amount"),
        // Working days stand alone.
        ("within: 10bd", "within: 2bd4h", "31:13 load.working-days-alone"),
        // A remedy naming an unknown action or role; an amount on `measure: none`.
        ("action: compensate", "action: compensat", "29:13 load.unknown-action"),
        ("within: 10bd", "within: 10bd\n    by: payment", "32:9 load.unknown-role"),
        ("action: compensate\n    amount: 250 EUR", "action: apologise\n    amount: 250 EUR", "30:13 load.amount-on-none"),
        ("action: compensate\n    amount: 250 EUR", "action: compensate", "28:5 load.remedy-needs-amount"),
        ("within: 10bd", "within: 10bd\n    backs: appointment-windw", "32:12 load.unknown-value"),
        ("within: 10bd", "within: 10bd\n    automatic: yes", "32:16 load.yaml11-bool"),
        ("within: 10bd", "within: 10bd\n    widthin: 1d", "32:5 load.unknown-key"),
        ("amount: 250 EUR", "amount: 250 EUR\n    when2: {}", "31:5 load.unknown-key"),
        ("    when: { issue: delay }\n", "", "28:5 load.missing-key"),
        // An amount rule on a duration grant must use a duration fact for a percent.
        ("- { role: agent, up-to: 7d }", "- { role: agent, up-to: 10% of order-value }", "25:31 load.rule-fact-type"),
    ])
    func badInputIsALocatedError(_ old: String, _ new: String, _ expected: String) {
        let found = diagnostics(with(old, new))
        #expect(found.contains(expected), "\(found)")
        #expect(PolicyLoader.load(text: with(old, new), path: "p.yaml").policy == nil)
    }

    @Test func didYouMeanForAnUnknownFactInARule() throws {
        let findings = PolicyLoader.load(text: with("amount: 250 EUR", "amount: 10% of order-valu"), path: "p.yaml").findings
        #expect(findings.first?.help?.render() == "did you mean `order-value`?")
        let action = PolicyLoader.load(text: with("action: compensate", "action: compensat"), path: "p.yaml").findings
        #expect(action.first?.help?.render() == "did you mean `compensate`?")
    }

    @Test func remediesOfOneActionMustNameOneRole() {
        let text = Self.base + """
          second:
            when: { issue: cancelled }
            action: compensate
            amount: 100 EUR
            by: payments

        """
        #expect(diagnostics(text).contains("36:9 load.remedy-by-differs"), "\(diagnostics(text))")
    }

    @Test func aBadRemedyDoesNotHideOtherMistakes() {
        let text = with("amount: 250 EUR", "amount: 2000% of order-value").replacingOccurrences(of: "up-to: 50 EUR", with: "up-to: 50 USD")
        let found = diagnostics(text)
        #expect(found.contains("30:13 load.percent-range"))
        #expect(found.contains("17:31 load.mixed-currency"))
    }
}
