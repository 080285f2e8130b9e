import Foundation
import Testing
@testable import LeewayCore

/// Each kind of diagnostic the loader gives, with its exact location.
@Suite struct PolicyLoaderTests {
    static let base = """
    leeway: 1
    policy: test-policy
    currency: USD
    roles:
      agent: { title: Agent, customer-facing: true }
      supervisor: { title: Supervisor, reachable-within: 15m }
    facts:
      issue: { type: enum, values: [late, billing] }
      vip: { type: bool }
      order-value: { type: money }
    actions:
      issue-credit:
        measure: money
        grants:
          - role: agent
            up-to: 25 USD
            when: { issue: late }

    """

    /// (line, column, message key) of every finding.
    func diagnostics(_ text: String) -> [String] {
        PolicyLoader.load(text: text, path: "p.yaml").findings.map {
            "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message.key)"
        }
    }

    @Test func theBasePolicyLoads() throws {
        let result = PolicyLoader.load(text: Self.base, path: "p.yaml")
        #expect(result.findings.isEmpty)
        let policy = try #require(result.policy)
        #expect(policy.id.value == "test-policy")
        #expect(policy.roles.map(\.name) == ["agent", "supervisor"])
        let grant = try #require(policy.action("issue-credit")?.grants.first)
        #expect(grant.upTo?.value.description == "25 USD")
        #expect(grant.upTo?.location.line == 16)
        #expect(grant.upTo?.location.column == 16)
        #expect(grant.path.description == "actions.issue-credit.grants[0]")
        #expect(policy.fact("channel") != nil, "built-in facts are declared")
    }

    @Test func unknownKeyWithDidYouMean() {
        let findings = PolicyLoader.load(text: Self.base.replacingOccurrences(of: "up-to: 25 USD", with: "up-too: 25 USD"), path: "p.yaml").findings
        #expect(findings.count == 1)
        #expect(findings[0].location.line == 16 && findings[0].location.column == 9)
        #expect(findings[0].message.render() == "unknown key `up-too` in grant of `issue-credit`")
        #expect(findings[0].help?.render() == "did you mean `up-to`?")
    }

    @Test func titlesMayBeWrittenPerLanguage() throws {
        let text = Self.base
            .replacingOccurrences(of: "agent: { title: Agent,", with: "agent: { title: { es: Agente, en: Agent },")
            .replacingOccurrences(of: "supervisor: { title: Supervisor,", with: "supervisor: { title: { es: Supervisor de turno },")
            .replacingOccurrences(of: "    measure: money", with: "    title: { en: Apply a credit, es: Aplicar un abono }\n    measure: money")
        let result = PolicyLoader.load(text: text, path: "p.yaml")
        #expect(result.findings.isEmpty)
        let policy = try #require(result.policy)
        let agent = try #require(policy.role("agent"))
        // The English text is the default even when written second.
        #expect(agent.title == "Agent" && agent.title(in: .en) == "Agent" && agent.title(in: .es) == "Agente")
        // With no English, the first written is the default.
        let supervisor = try #require(policy.role("supervisor"))
        #expect(supervisor.title(in: .en) == "Supervisor de turno")
        let credit = try #require(policy.action("issue-credit"))
        #expect(credit.title(in: .es) == "Aplicar un abono" && credit.title(in: .en) == "Apply a credit")
        // `reason` of a never-allowed action takes the same forms.
        let never = Self.base + "  waive-fee:\n    measure: none\n    never: true\n    reason: { en: Set by billing, es: Lo fija facturación }\n"
        let waive = try #require(PolicyLoader.load(text: never, path: "p.yaml").policy?.action("waive-fee"))
        #expect(waive.reason == "Set by billing" && waive.reason(in: .es) == "Lo fija facturación")
        // A plain title serves every language.
        let plain = try #require(PolicyLoader.load(text: Self.base, path: "p.yaml").policy?.role("agent"))
        #expect(plain.title(in: .es) == "Agent")
    }

    @Test func aTitleInAnUnknownLanguageOrWithNoTextIsAnError() {
        let french = Self.base.replacingOccurrences(of: "agent: { title: Agent,", with: "agent: { title: { en: Agent, fr: Agent }, ")
        let findings = PolicyLoader.load(text: french, path: "p.yaml").findings
        #expect(findings.count == 1)
        #expect(findings.first.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == "5:32")
        #expect(findings.first?.message.render() == "unknown key `fr` in title")
        #expect(findings.first?.help?.render().contains("`en`, `es`") == true)
        let empty = Self.base.replacingOccurrences(of: "agent: { title: Agent,", with: "agent: { title: {},")
        #expect(diagnostics(empty) == ["5:19 load.empty-title"])
    }

    @Test func filesThatArePlainlyNotPolicySetsAreToldApart() {
        func plainlyNot(_ text: String) -> Bool { PolicyLoader.load(text: text, path: "x.yaml").isPlainlyNotAPolicy }
        #expect(plainlyNot("leeway: 1\ncase: C-1\nhandled-by: agent\n"))
        #expect(plainlyNot("on: push\njobs: { lint: { runs-on: ubuntu-latest } }\n"))
        #expect(plainlyNot("leeway:\n  script: leeway check\n"))
        #expect(!plainlyNot("leeway: 1\n"))
        #expect(!plainlyNot("- a\n- b\n"))
        #expect(!plainlyNot("roles: [\n"))
        #expect(!plainlyNot("policy: p\nrols: {}\n"))
        #expect(!plainlyNot(Self.base))
    }

    @Test func unknownTopLevelKey() {
        #expect(diagnostics(Self.base + "chanels: { phone: open }\n") == ["18:1 load.unknown-key"])
    }

    @Test func unknownRoleWithDidYouMean() {
        let text = Self.base + "      - { role: supervisr, up-to: 100 USD }\n"
        let findings = PolicyLoader.load(text: text, path: "p.yaml").findings
        #expect(findings.map { "\($0.location.line!):\($0.location.column!)" } == ["18:17"])
        #expect(findings.first?.help?.render() == "did you mean `supervisor`?")
    }

    @Test func unknownRoleInApproval() {
        let text = Self.base + "      - { role: agent, up-to: 100 USD, approval: { by: manager, within: 1h } }\n"
        #expect(diagnostics(text) == ["18:56 load.unknown-role"])
    }

    @Test func wrongTypes() {
        #expect(diagnostics(Self.base.replacingOccurrences(of: "up-to: 25 USD", with: "up-to: lots")) == ["16:16 load.bad-money"])
        #expect(diagnostics(Self.base.replacingOccurrences(of: "reachable-within: 15m", with: "reachable-within: soon")) == ["6:54 load.bad-duration"])
        #expect(diagnostics(Self.base.replacingOccurrences(of: "roles:\n", with: "roles: []\nx:\n")).contains("4:8 load.expected-mapping"))
    }

    @Test func yaml11BooleansAreErrorsWithAHint() {
        let findings = PolicyLoader.load(text: Self.base.replacingOccurrences(of: "vip: { type: bool }", with: "vip: { type: bool }\n  late: { type: enum, values: [on, off] }")
            .replacingOccurrences(of: "when: { issue: late }", with: "when: { vip: yes }"), path: "p.yaml").findings
        #expect(findings.map(\.message.key) == ["load.yaml11-bool"])
        #expect(findings[0].location.line == 18 && findings[0].location.column == 22)
        #expect(findings[0].help?.render().contains("write `true`") == true)
    }

    @Test func unknownEnumValueInCondition() {
        let findings = PolicyLoader.load(text: Self.base.replacingOccurrences(of: "when: { issue: late }", with: "when: { issue: lat }"), path: "p.yaml").findings
        #expect(findings.map { "\($0.location.line!):\($0.location.column!) \($0.message.key)" } == ["17:24 load.unknown-value"])
        #expect(findings[0].help?.render() == "did you mean `late`?")
    }

    @Test func unknownFactInCondition() {
        #expect(diagnostics(Self.base.replacingOccurrences(of: "when: { issue: late }", with: "when: { isue: late }")) == ["17:17 load.unknown-fact"])
    }

    @Test func conditionsAreTypeChecked() {
        #expect(diagnostics(Self.base.replacingOccurrences(of: "when: { issue: late }", with: "when: { vip: 3 }")) == ["17:22 load.expected-bool"])
        #expect(diagnostics(Self.base.replacingOccurrences(of: "when: { issue: late }", with: "when: { issue: { min: late } }")) == ["17:24 load.range-on-unordered"])
        #expect(diagnostics(Self.base.replacingOccurrences(of: "when: { issue: late }", with: "when: { order-value: { min: 10 EUR } }")) == ["17:37 load.mixed-currency"])
        #expect(diagnostics(Self.base.replacingOccurrences(of: "when: { issue: late }", with: "when: { any: [ { issue: late }, { waited: { min: 2h } } ], contacts: { not: { max: 1 } } }")) == [])
    }

    @Test func mixedCurrencyAndNegativeAmounts() {
        #expect(diagnostics(Self.base.replacingOccurrences(of: "up-to: 25 USD", with: "up-to: 25 EUR")) == ["16:16 load.mixed-currency"])
        #expect(diagnostics(Self.base.replacingOccurrences(of: "up-to: 25 USD", with: "up-to: -5 USD")) == ["16:16 load.negative"])
    }

    @Test func bareAmountWithoutCurrencyNeedsOne() {
        let text = Self.base.replacingOccurrences(of: "currency: USD\n", with: "").replacingOccurrences(of: "up-to: 25 USD", with: "up-to: 25")
        #expect(diagnostics(text) == ["15:16 load.money-needs-currency"])
    }

    @Test func duplicateKeys() {
        #expect(diagnostics(Self.base.replacingOccurrences(of: "  supervisor:", with: "  agent:")) == ["6:3 yaml.duplicate-key"])
    }

    @Test func unsupportedVersion() {
        #expect(diagnostics(Self.base.replacingOccurrences(of: "leeway: 1", with: "leeway: 2")) == ["1:9 load.unsupported-version"])
    }

    @Test func documentThatIsNotAMapping() {
        #expect(diagnostics("- just\n- a list\n") == ["1:1 load.expected-mapping"])
        #expect(diagnostics("") == ["1:1 load.empty-policy"])
        #expect(diagnostics("# only a comment\n") == ["1:1 load.empty-policy"])
    }

    @Test func missingRequiredKeysPointAtTheParent() {
        #expect(diagnostics("leeway: 1\ntitle: x\n") == ["1:1 load.missing-key", "1:1 load.missing-key"])
        #expect(diagnostics(Self.base + "      - { up-to: 5 USD }\n") == ["18:9 load.missing-key"])
    }

    @Test func neverWithGrantsIsAnError() {
        let text = Self.base + "  waive-fee:\n    never: true\n    grants:\n      - { role: agent }\n"
        #expect(diagnostics(text) == ["21:7 load.never-with-grants"])
    }

    @Test func noCustomerFacingRole() {
        let text = Self.base.replacingOccurrences(of: "customer-facing: true", with: "customer-facing: false")
        #expect(diagnostics(text) == ["5:3 load.no-customer-facing-role"])
    }

    @Test func exceptionsNeedAReasonAndAValidDate() {
        #expect(diagnostics(Self.base + "exceptions:\n  - { rule: slow-approval }\n") == ["19:5 load.missing-key"])
        #expect(diagnostics(Self.base + "exceptions:\n  - { rule: slow-approval, reason: ok, until: 30/06/2027 }\n") == ["19:47 load.bad-date"])
    }

    @Test func syntaxErrorsCarryLibyamlsPosition() {
        let findings = PolicyLoader.load(text: "leeway: 1\nroles: { agent: [ }\n", path: "p.yaml").findings
        #expect(findings.count == 1)
        #expect(findings[0].message.key.hasPrefix("yaml.syntax"))
        #expect(findings[0].location.line == 2)
    }

    @Test func everyProblemInAFileIsCollected() {
        let text = Self.base
            .replacingOccurrences(of: "up-to: 25 USD", with: "up-to: 25 EUR")
            .replacingOccurrences(of: "reachable-within: 15m", with: "reachable-within: soon")
            + "chanels: {}\n"
        #expect(diagnostics(text).count == 3)
    }

    @Test func anUnknownRoleDoesNotHideTheRestOfItsGrant() {
        let text = Self.base + "      - { role: agnet, up-to: 5 EUR, approval: { by: boss, within: soon } }\n"
        #expect(diagnostics(text) == ["18:17 load.unknown-role", "18:31 load.mixed-currency", "18:54 load.unknown-role", "18:68 load.bad-duration"])
    }

    @Test func samplePoliciesLoadCleanly() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("policies")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 3)
        for file in files {
            let result = PolicyLoader.load(path: folder.appendingPathComponent(file).path)
            #expect(result.findings.filter { $0.severity == .error }.isEmpty, "\(file): \(result.findings.map { $0.message.render() })")
        }
    }
}
