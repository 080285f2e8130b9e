import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import LeewayCore
import LeewayReporters
import LeewayRules

@Suite struct JUnitTests {
    @Test func serializerEscapesAndClosesEveryElement() throws {
        let tricky = "a < b & \"c\" > 'd' ]]> \u{1} end"
        let report = JUnitReport(name: "leeway <test>", suites: [
            JUnitSuite(name: "cases & more", cases: [
                JUnitCase(name: tricky, classname: "x", failure: JUnitProblem(message: tricky, type: "warning", text: tricky + "\nline 2")),
                JUnitCase(name: "passes", classname: "x"),
                JUnitCase(name: "cannot run", classname: "x", error: JUnitProblem(message: "bad", type: "invalid-case")),
                JUnitCase(name: "later", classname: "x", skipped: "not run"),
            ]),
        ])
        let xml = report.xml()
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        #expect(xml.components(separatedBy: "<?xml").count == 2, "one declaration")
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "4")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        #expect(root.attribute(forName: "skipped") == nil, "junit-10.xsd has no `skipped` on <testsuites>")
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "skipped")?.stringValue == "1")
        let failure = try #require(try document.nodes(forXPath: "//failure").first as? XMLElement)
        #expect(failure.attribute(forName: "message")?.stringValue == "a < b & \"c\" > 'd' ]]> \u{FFFD} end")
        #expect(failure.stringValue == "a < b & \"c\" > 'd' ]]> \u{FFFD} end\nline 2")
    }

    @Test func checkWritesASuitePerFileAndACasePerRule() throws {
        let result = Fixtures.check(GoldenReportTests.samples + GoldenReportTests.broken)
        let xml = CheckJUnitReporter(context: Fixtures.context()).report(result)
        let document = try XMLDocument(data: Data(xml.utf8))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite").compactMap { $0 as? XMLElement }
        #expect(suites.compactMap { $0.attribute(forName: "name")?.stringValue } == (GoldenReportTests.broken + GoldenReportTests.samples).sorted())
        for suite in suites {
            let names = (suite.elements(forName: "testcase")).compactMap { $0.attribute(forName: "name")?.stringValue }
            #expect(names == [Finding.invalidPolicy] + RuleRegistry.ids)
        }
        #expect(CheckJUnitReporter.classname("policies/acme-field-service.yaml") == "policies.acme-field-service")
        #expect(CheckJUnitReporter.classname("/abs/team/a.yml") == "abs.team.a")
        let broken = try #require(suites.first { $0.attribute(forName: "name")?.stringValue == GoldenReportTests.broken[0] })
        #expect(broken.attribute(forName: "errors")?.stringValue == "1")
        #expect(broken.attribute(forName: "skipped")?.stringValue == String(RuleRegistry.ids.count))
        // Every failure says where: `file:line:column: message`.
        for failure in try document.nodes(forXPath: "//failure | //error").compactMap({ $0 as? XMLElement }) {
            let message = failure.attribute(forName: "message")?.stringValue ?? ""
            #expect(message.hasPrefix("policies/") || message.hasPrefix("Tests/"), "\(message)")
        }
    }

    /// What the Jenkins xUnit plugin's `junit-10.xsd` (jenkinsci/xunit-plugin,
    /// `src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd`)
    /// allows, as far as Leeway's reports go: the attributes of each element, those it
    /// requires, the children each may hold, and the `SUREFIRE_TIME` pattern of `time`.
    static let jenkinsSchema: [String: (allowed: Set<String>, required: Set<String>, children: Set<String>)] = [
        "testsuites": (["name", "time", "tests", "failures", "errors"], [], ["testsuite"]),
        "testsuite": (["name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id",
                       "package", "file", "log", "url"], ["name", "tests", "failures", "errors"],
                      ["testsuite", "properties", "testcase", "system-out", "system-err"]),
        "testcase": (["name", "time", "classname", "group"], ["name"], ["skipped", "error", "failure", "system-out", "system-err"]),
        "failure": (["type", "message"], [], []),
        "error": (["type", "message"], [], []),
        "skipped": (["type", "message"], [], []),
        "system-out": ([], [], []),
    ]

    /// Checks a JUnit document against `jenkinsSchema`, and that each test case has at
    /// most one `<failure>` or `<error>` (readers such as xunitparser keep only the last).
    static func checkJenkinsSchema(_ xml: String) throws {
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        let time = try NSRegularExpression(pattern: "^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\\.[0-9]*)?$")
        func visit(_ element: XMLElement) {
            let name = element.name ?? ""
            guard let rule = jenkinsSchema[name] else {
                Issue.record("<\(name)> is not an element junit-10.xsd knows here")
                return
            }
            let attributes = Set((element.attributes ?? []).compactMap(\.name))
            #expect(attributes.isSubset(of: rule.allowed), "<\(name)> has \(attributes.subtracting(rule.allowed).sorted()), which junit-10.xsd does not allow")
            #expect(rule.required.isSubset(of: attributes), "<\(name)> lacks \(rule.required.subtracting(attributes).sorted())")
            if let value = element.attribute(forName: "time")?.stringValue {
                #expect(time.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil, "time=\"\(value)\"")
            }
            let children = (element.children ?? []).compactMap { $0 as? XMLElement }
            for child in children {
                #expect(rule.children.contains(child.name ?? ""), "<\(child.name ?? "")> inside <\(name)>")
                visit(child)
            }
            if name == "testcase" {
                let problems = children.filter { $0.name == "failure" || $0.name == "error" }
                #expect(problems.count <= 1, "test case `\(element.attribute(forName: "name")?.stringValue ?? "")` has \(problems.count) failures and errors")
                #expect(element.attribute(forName: "time") != nil, "every test case has a time")
            }
        }
        visit(root)
    }

    @Test func checkReportsAreValidAgainstTheJenkinsSchema() throws {
        let result = Fixtures.check(GoldenReportTests.samples + GoldenReportTests.broken)
        for failOn: Severity? in [.error, .note, nil] {
            try Self.checkJenkinsSchema(CheckJUnitReporter(context: Fixtures.context(failOn: failOn)).report(result))
        }
    }

    @Test func findingsBelowTheFailThresholdPass() throws {
        let result = Fixtures.check([GoldenReportTests.samples[0]])
        let never = CheckJUnitReporter(context: Fixtures.context(failOn: nil)).junit(result)
        #expect(never.failures == 0)
        let note = CheckJUnitReporter(context: Fixtures.context(failOn: .note)).junit(result)
        let findingRules = Set(result.findings.map(\.rule))
        #expect(note.failures == findingRules.count)
    }
}

@Suite struct GitHubActionsTests {
    @Test func escapesDataAndPropertiesAsTheRunnerRequires() {
        #expect(GitHubActionsReporter.escapeData("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b")
        #expect(GitHubActionsReporter.escapeProperty("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext%3A a%2Cb")
        #expect(GitHubActionsReporter.escapeData("%0A") == "%250A")
    }

    @Test func writesOneCommandPerFindingWithRepositoryRelativeFile() {
        let finding = Finding(rule: "slow-approval", severity: .warning, location: SourceLocation(file: Fixtures.root.path + "/policies/a,b.yaml", line: 40, column: 30),
                              end: SourcePosition(line: 40, column: 32),
                              message: Message("input.unreadable", ["path": "x:y"]), help: Message("input.unreadable.help"))
        let note = Finding(rule: Finding.invalidPolicy, severity: .note, location: SourceLocation(file: "<stdin>", position: nil),
                           message: Message("input.missing", ["path": "-"]))
        let text = GitHubActionsReporter(context: Fixtures.context()).report(findings: [finding, note])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3 && lines[2].isEmpty)
        let title = GitHubActionsReporter.escapeProperty(RuleCatalogue.info(for: "slow-approval", ReportOptions()).title + " [slow-approval]")
        #expect(lines.contains("::warning file=policies/a%2Cb.yaml,line=40,col=30,endLine=40,endColumn=32,title=\(title)::cannot read `x:y`%0Aoverride: check the file's permissions"))
        #expect(lines.contains("::notice title=Invalid policy file [invalid-policy]::no such file or folder `-`"))
    }
}

@Suite struct MarkdownTests {
    @Test func cellsEscapeMarkdownButKeepCodeSpans() {
        #expect(MarkdownText.cell("unknown key `a|b` in *role* [x](y) <b>") == "unknown key `a\\|b` in \\*role\\* \\[x\\](y) \\<b\\>")
        #expect(MarkdownText.cell("odd ` tick | pipe") == "odd \\` tick \\| pipe")
        #expect(MarkdownText.cell("two\nlines") == "two<br>lines")
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("`x") == "`` `x ``")
    }

    @Test func reportHasTotalsAndATablePerFile() {
        let result = Fixtures.check(GoldenReportTests.samples + GoldenReportTests.broken)
        let text = MarkdownReporter(context: Fixtures.context()).report(result)
        #expect(text.hasPrefix("## Leeway policy check\n"))
        #expect(text.contains("| \(result.fileCount) | \(result.count(.error)) | \(result.count(.warning)) | \(result.count(.note)) |"))
        #expect(text.contains("### `" + GoldenReportTests.broken[0] + "`"))
        // Every table row has exactly the five cells of its header: escaping held.
        for line in text.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| files") && !line.hasPrefix("| \(result.fileCount)") {
            let unescaped = line.replacingOccurrences(of: "\\|", with: "")
            #expect(unescaped.filter { $0 == "|" }.count == 6, "\(line)")
        }
    }
}
