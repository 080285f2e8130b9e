import Testing
@testable import LeewayCore

@Suite struct CaseLoaderTests {
    static let policy = PolicyLoader.load(text: PolicyLoaderTests.base, path: "p.yaml").policy!

    static let caseText = """
    leeway: 1
    case: C-1
    policy: test-policy
    handled-by: agent
    channel: phone
    customer: { problem: No internet, goal: Working internet, mood: frustrated }
    facts: { issue: late, vip: true, waited: 4h30m, contacts: 2, order-value: 80 USD }
    wants:
      - { action: issue-credit, amount: 40 USD }
    expect:
      issue-credit: escalate

    """

    @Test func loadsAndBindsACase() throws {
        let loaded = CaseLoader.load(text: Self.caseText, path: "c.yaml")
        #expect(loaded.findings.isEmpty)
        let input = try #require(loaded.cases.first)
        #expect(input.id.value == "C-1")
        #expect(input.customer?.goal == "Working internet")
        #expect(input.expect.first?.outcome.value == .escalate)
        let (bound, findings) = Self.policy.bind(input)
        #expect(findings.isEmpty)
        let value = try #require(bound)
        #expect(value.facts["waited"] == .duration(Duration(seconds: 16_200)))
        #expect(value.facts["vip"] == .bool(true))
        #expect(value.facts["mood"] == .enumeration("frustrated"))
        #expect(value.facts["channel"] == .enumeration("phone"))
        #expect(value.wants.first?.amount?.description == "40 USD")
    }

    func bindErrors(_ text: String) -> [String] {
        let loaded = CaseLoader.load(text: text, path: "c.yaml")
        if !loaded.findings.isEmpty { return loaded.findings.map { "\($0.location.line!):\($0.location.column!) \($0.message.key)" } }
        return Self.policy.bind(loaded.cases[0]).1.map { "\($0.location.line!):\($0.location.column!) \($0.message.key)" }
    }

    @Test func unknownNamesAreLocatedWithDidYouMean() {
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "handled-by: agent", with: "handled-by: agnet")) == ["4:13 bind.unknown-role"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "action: issue-credit", with: "action: issue-credt")) == ["9:15 bind.unknown-action", "11:3 bind.expect-not-wanted"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "issue: late,", with: "issue: lte,")) == ["7:17 bind.unknown-fact-value"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "vip: true", with: "vpi: true")) == ["7:23 bind.unknown-fact"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "mood: frustrated", with: "mood: furious")) == ["6:65 bind.unknown-fact-value"])
    }

    @Test func amountsAreTypedByTheActionsMeasure() {
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "amount: 40 USD", with: "amount: 40 EUR")) == ["9:37 load.mixed-currency"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "amount: 40 USD", with: "amount: 2h")) == ["9:37 load.bad-money"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: ", amount: 40 USD", with: "")) == ["9:5 bind.missing-amount"])
    }

    @Test func policyMismatchAndExpectationsOfUnwantedActions() {
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "policy: test-policy", with: "policy: other")) == ["3:9 bind.policy-mismatch"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "  issue-credit: escalate", with: "  refund: escalate")) == ["11:3 bind.expect-not-wanted"])
    }

    @Test func structuralCaseErrors() {
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "handled-by: agent\n", with: "")) == ["1:1 load.missing-key"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "  issue-credit: escalate", with: "  issue-credit: maybe")) == ["11:17 load.unknown-value"])
        #expect(bindErrors(Self.caseText.replacingOccurrences(of: "wants:", with: "want:")) == ["1:1 load.missing-key", "8:1 load.unknown-key"])
    }

    @Test func oneMistakeDoesNotHideTheOthers() {
        let text = Self.caseText
            .replacingOccurrences(of: "  issue-credit: escalate", with: "  issue-credit: maybe")
            .replacingOccurrences(of: "handled-by: agent", with: "handled-by: agnet")
            .replacingOccurrences(of: "issue: late,", with: "issue: lte,")
        let loaded = CaseLoader.load(text: text, path: "c.yaml")
        #expect(loaded.cases.isEmpty)
        #expect(loaded.rejected.count == 1)
        let all = (loaded.findings + Self.policy.bindingFindings(for: loaded)).map { "\($0.location.line!):\($0.location.column!) \($0.message.key)" }
        #expect(all == ["11:17 load.unknown-value", "4:13 bind.unknown-role", "7:17 bind.unknown-fact-value"])
    }

    @Test func severalCasesInOneStream() {
        let loaded = CaseLoader.load(text: Self.caseText + "---\n" + Self.caseText.replacingOccurrences(of: "C-1", with: "C-2"), path: "c.yaml")
        #expect(loaded.cases.map(\.id.value) == ["C-1", "C-2"])
        #expect(loaded.cases[1].id.location.line == 14)
    }

    @Test func jsonLinesReportBadLinesWithTheirNumbersAndKeepTheRest() {
        let good = #"{"leeway":1,"case":"J-1","handled-by":"agent","wants":[{"action":"issue-credit","amount":"10 USD"}]}"#
        let text = [good, #"{"leeway":1,"case":"J-2","#, "", good.replacingOccurrences(of: "J-1", with: "J-3")].joined(separator: "\n") + "\n"
        let loaded = CaseLoader.load(text: text, path: "cases.jsonl")
        #expect(loaded.cases.map(\.id.value) == ["J-1", "J-3"])
        #expect(loaded.findings.count == 1)
        #expect(loaded.findings.first?.location.line == 2)
        #expect(loaded.cases[1].id.location.line == 4)
    }

    /// JSON Lines are split one way for every reader (eval, the corpus, the loader):
    /// blank lines (spaces, tabs, carriage returns) are skipped but counted, a CRLF line
    /// keeps its carriage return, and the last line needs no newline.
    @Test func jsonLinesAreSplitWithTheirLineNumbers() {
        let text = "{\"a\":1}\n\n  \t\r\n{\"b\":2}\r\n\n{\"c\":3}"
        var seen: [(String, Int)] = []
        let any = CaseLoader.forEachLine(in: Array(text.utf8)) { line, number in
            seen.append((String(decoding: line, as: UTF8.self), number))
        }
        #expect(any)
        #expect(seen.map(\.0) == ["{\"a\":1}", "{\"b\":2}\r", "{\"c\":3}"])
        #expect(seen.map(\.1) == [1, 4, 6])
        #expect(!CaseLoader.forEachLine(in: Array(" \n\t\r\n\n".utf8)) { _, _ in Issue.record("a blank line was handed over") })
        #expect(!CaseLoader.forEachLine(in: []) { _, _ in Issue.record("an empty file has no line") })
    }
}
