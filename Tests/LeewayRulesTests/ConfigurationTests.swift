import Foundation
import Testing
import LeewayCore
@testable import LeewayRules

@Suite struct ConfigurationTests {
    static let acme = """
    roles:
      agent: { customer-facing: true }
    commitments:
      appointment-window: { window: 3h, remedy: 20 USD }
      delay-notice: { lead: 30m }
    metrics:
      - { name: churn }
    """

    func load(_ text: String) -> Configuration.LoadResult {
        Configuration.load(text: text, path: ".leeway.yml")
    }

    @Test func readsRulesFailOnAndLanguage() throws {
        let loaded = load("""
        fail-on: warning
        lang: es
        rules:
          no-delay-notice: off
          verbatim-script: warning
          wide-appointment-window:
            severity: error
            warn-above: 3h
          no-customer-outcome-metric:
            metrics: [churn, nps]
        """)
        #expect(loaded.findings.isEmpty)
        let configuration = try #require(loaded.configuration)
        #expect(configuration.failOn == "warning")
        #expect(configuration.language == .es)
        #expect(!configuration.isEnabled("no-delay-notice"))
        #expect(configuration.settings(for: "verbatim-script").severity == .warning)
        #expect(configuration.settings(for: "wide-appointment-window") == .init(severity: .error, thresholds: ["warn-above": "3h"]))
        #expect(configuration.settings(for: "no-customer-outcome-metric").thresholds["metrics"] == "[churn, nps]")
    }

    @Test func severityOffInTheMappingFormTurnsTheRuleOff() throws {
        let loaded = load("rules:\n  slow-approval: { severity: off, max-within: 1h }\n")
        let configuration = try #require(loaded.configuration)
        #expect(!configuration.isEnabled("slow-approval"))
        #expect(configuration.settings(for: "slow-approval").thresholds == ["max-within": "1h"])
    }

    @Test func emptyFileIsTheDefaults() throws {
        let loaded = load("# nothing configured yet\n")
        #expect(loaded.findings.isEmpty)
        #expect(try #require(loaded.configuration).rules.isEmpty)
    }

    @Test func unknownRuleIdIsALocatedErrorWithASuggestion() throws {
        let loaded = load("rules:\n  slow-aproval: off\n")
        #expect(loaded.configuration == nil)
        let finding = try #require(loaded.findings.first)
        #expect(finding.rule == Finding.invalidConfig)
        #expect(finding.location.description == ".leeway.yml:2:3")
        #expect(finding.message.render(.en) == "unknown rule `slow-aproval`")
        #expect(finding.help?.render(.en) == "did you mean `slow-approval`?")
    }

    @Test func unknownKeysAndThresholdsSuggest() throws {
        let loaded = load("""
        fail-onn: warning
        rules:
          wide-appointment-window: { warn-abov: 3h }
        """)
        #expect(loaded.findings.count == 2)
        #expect(loaded.findings.map { $0.help?.render(.en) } == ["did you mean `fail-on`?", "did you mean `warn-above`?"])
        #expect(loaded.findings[1].location.description == ".leeway.yml:3:30")
    }

    @Test func badValuesAreLocated() throws {
        let loaded = load("""
        fail-on: sometimes
        lang: fr
        rules:
          slow-approval: { max-within: soon, severity: loud }
          handoff-chain: { max-handoffs: -1 }
        """)
        #expect(loaded.configuration == nil)
        let lines = loaded.findings.compactMap(\.location.line)
        #expect(lines == [1, 2, 4, 4, 5])
        let threshold = try #require(loaded.findings.first { $0.message.key == "config.bad-threshold" })
        #expect(threshold.message.render(.en) == "`soon` is not a valid `max-within` for `slow-approval`")
        #expect(threshold.help?.render(.en) == "write a duration such as `4h`")
    }

    @Test func turningARuleOffRemovesItsFindings() throws {
        let yaml = RuleExample.header + Self.acme
        let before = try Fixture.findings(yaml)
        #expect(before.map(\.rule) == ["wide-appointment-window"])
        var configuration = Configuration()
        configuration.rules["wide-appointment-window"] = .init(enabled: false)
        #expect(try Fixture.findings(yaml, configuration: configuration).isEmpty)
    }

    @Test func severityAndThresholdsChangeTheResult() throws {
        let yaml = RuleExample.header + Self.acme
        var configuration = Configuration()
        configuration.rules["wide-appointment-window"] = .init(severity: .error)
        #expect(try Fixture.findings(yaml, configuration: configuration).map(\.severity) == [.error])
        configuration.rules["wide-appointment-window"] = .init(thresholds: ["warn-above": "3h"])
        #expect(try Fixture.findings(yaml, configuration: configuration).isEmpty)
        configuration.rules["wide-appointment-window"] = .init(thresholds: ["error-above": "150m"])
        let finding = try #require(try Fixture.findings(yaml, configuration: configuration).first)
        #expect(finding.severity == .error)
        #expect(finding.message.render(.en) == "an appointment window of `3h` is wider than `150m`: the customer waits at home for it")
    }

    @Test func isFoundUpwardFromTheWorkingDirectory() throws {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-config-\(UUID().uuidString)")
        let deep = top.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: top) }
        #expect(Configuration.find(from: deep.path).map { $0.hasPrefix(top.path) } != true)
        try Data("fail-on: note\n".utf8).write(to: top.appendingPathComponent(".leeway.yml"))
        let found = try #require(Configuration.find(from: deep.path))
        #expect(URL(fileURLWithPath: found).resolvingSymlinksInPath().path
                == top.appendingPathComponent(".leeway.yml").resolvingSymlinksInPath().path)
        #expect(Configuration.load(path: found).configuration?.failOn == "note")
    }
}
