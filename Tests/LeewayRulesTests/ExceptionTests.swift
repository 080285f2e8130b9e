import Testing
import LeewayCore
@testable import LeewayRules

@Suite struct ExceptionTests {
    static func policy(exceptions: String) -> String {
        RuleExample.header + """
        roles:
          agent: { customer-facing: true }
        actions:
          waive-late-fee: { measure: none, never: true }
          refund-deposit: { measure: none, never: true }
        commitments:
          delay-notice: { lead: 30m }
        metrics:
          - { name: churn }
        exceptions:
        \(exceptions)
        """
    }

    func rules(_ exceptions: String, today: CalendarDate = Fixture.today) throws -> [String] {
        try Fixture.findings(Self.policy(exceptions: exceptions), today: today).map { "\($0.rule)@\($0.location.line ?? 0)" }
    }

    @Test func activeExceptionSilencesItsRule() throws {
        #expect(try rules("  - { rule: absolute-prohibition, reason: \"Regulated fees\" }") == [])
    }

    @Test func atNarrowsToFindingsUnderThePath() throws {
        #expect(try rules("  - { rule: absolute-prohibition, at: actions.waive-late-fee, reason: \"Regulated fee\" }")
                == ["absolute-prohibition@8"])
    }

    @Test func untilIsInclusive() throws {
        let exception = "  - { rule: absolute-prohibition, reason: \"Until the tariff review\", until: 2026-11-23 }"
        #expect(try rules(exception) == [])
        let dayAfter = CalendarDate(year: 2026, month: 11, day: 24)
        #expect(try rules(exception, today: dayAfter) == ["absolute-prohibition@7", "absolute-prohibition@8", "expired-exception@14"])
    }

    @Test func expiredExceptionNoLongerSilencesAndFires() throws {
        let findings = try Fixture.findings(Self.policy(exceptions: "  - { rule: absolute-prohibition, reason: \"Old\", until: 2026-01-31 }"))
        #expect(findings.map(\.rule) == ["absolute-prohibition", "absolute-prohibition", "expired-exception"])
        let expired = try #require(findings.last)
        #expect(expired.location.description == "example.yaml:14:57")
        #expect(expired.message.render(.en) == "the exception for `absolute-prohibition` expired on `2026-01-31`; its findings are reported again")
        #expect(expired.path?.description == "exceptions[0].until")
    }

    @Test func exceptionThatSilencesNothingIsUnused() throws {
        #expect(try rules("""
          - { rule: absolute-prohibition, reason: "Regulated fees" }
          - { rule: slow-approval, reason: "Nothing slow here" }
          - { rule: repeated-ask, at: processes.billing, reason: "No such process" }
        """) == ["unused-exception@15", "unused-exception@16"])
    }

    @Test func unusedIsNotReportedForRulesTurnedOff() throws {
        var configuration = Configuration()
        configuration.rules["slow-approval"] = .init(enabled: false)
        let findings = try Fixture.findings(Self.policy(exceptions: """
          - { rule: absolute-prohibition, reason: "Regulated fees" }
          - { rule: slow-approval, reason: "Turned off anyway" }
        """), configuration: configuration)
        #expect(findings.isEmpty)
    }

    @Test func unknownRuleIdIsAnInvalidPolicyErrorWithASuggestion() throws {
        let findings = try Fixture.findings(Self.policy(exceptions: "  - { rule: absolute-prohibitoin, reason: \"Typo\" }"))
        let error = try #require(findings.first { $0.isInputError })
        #expect(error.rule == Finding.invalidPolicy)
        #expect(error.location.description == "example.yaml:14:13")
        #expect(error.message.render(.en) == "the exception names unknown rule `absolute-prohibitoin`")
        #expect(error.help?.render(.en) == "did you mean `absolute-prohibition`?")
        // The unknown exception silences nothing.
        #expect(findings.filter { $0.rule == "absolute-prohibition" }.count == 2)
    }

    @Test func exceptionsCannotSilenceTheExceptionRules() throws {
        let findings = try Fixture.findings(Self.policy(exceptions: "  - { rule: unused-exception, reason: \"Quiet\" }"))
        #expect(findings.contains { $0.rule == Finding.invalidPolicy && $0.message.key == "exception.meta-rule" })
    }

    @Test func exceptionWithoutReasonIsInvalid() {
        let loaded = PolicyLoader.load(text: Self.policy(exceptions: "  - { rule: absolute-prohibition }"), path: "example.yaml")
        #expect(loaded.policy == nil)
        #expect(loaded.findings.contains { $0.rule == Finding.invalidPolicy })
    }
}
