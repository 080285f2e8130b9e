import Testing
import LeewayCore
import LeewayEngine
import LeewayReporters

@Suite struct FindingJSONTests {
    /// A finding written straight into the writer is byte for byte the finding written
    /// from its list of fields, in both languages and every shape a finding takes.
    @Test(arguments: [Language.en, .es])
    func writingAFindingIsWritingItsFields(_ language: Language) {
        let options = ReportOptions(language: language)
        let at = SourceLocation(file: "políticas/a \"b\".yaml", line: 3, column: 7)
        let findings = [
            Finding(rule: "invalid-policy", severity: .error, location: at, end: SourcePosition(line: 3, column: 12),
                    message: Message("load.expected-mapping", ["what": "`roles`", "found": Term.what("kind.scalar")]),
                    help: Message("load.expected-mapping.help")),
            Finding(rule: "slow-approval", severity: .warning, location: at,
                    message: Message("rule.slow-approval.message", ["role": "agente \"nuevo\"\n", "approver": "supervisora",
                                                                     "action": "reembolso", "wait": "4h", "max": "15m"]),
                    help: Message("rule.slow-approval.help", ["role": "agente", "approver": "supervisora", "max": "15m"]),
                    rationale: Message("rule.slow-approval.rationale"), path: KeyPath(["actions", "refund", "grants"])),
            Finding(rule: "no-delay-notice", severity: .note, location: SourceLocation(file: "p.yaml", position: nil),
                    message: Message("unknown.key.kept.as.written")),
        ]
        for finding in findings {
            var direct = JSONWriter(pretty: true)
            FindingJSON.write(finding, options: options, to: &direct)
            var listed = JSONWriter(pretty: true)
            listed.beginObject()
            for field in FindingJSON.fields(finding, options: options) {
                listed.key(field.key)
                switch field.value {
                case .number(let number): listed.number(number)
                case .text(let text): listed.string(text)
                }
            }
            listed.endObject()
            #expect(direct.string == listed.string)
        }
    }
}
