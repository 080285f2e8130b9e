import Testing
import LeewayCore
import LeewayReporters

@Suite struct FindingTextTests {
    @Test func textDiagnosticHasLocationSourceLineAndCaret() {
        let source = SourceFile(path: "p.yaml", text: "leeway: 1\nroles: oops\n")
        let finding = Finding(rule: "invalid-policy", severity: .error, location: SourceLocation(file: "p.yaml", line: 2, column: 8),
                              message: Message("load.expected-mapping", ["what": "`roles`", "found": Term.what("kind.scalar")]),
                              help: Message("load.expected-mapping.help"))
        let text = FindingText.render(finding, source: source, options: ReportOptions())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "p.yaml:2:8: error: `roles` must be a mapping of keys to values, not a single value [invalid-policy]")
        #expect(lines[1] == " 2 | roles: oops")
        #expect(lines[2] == "   |        ^")
        #expect(lines[3].hasPrefix("  help: "))
    }
}
