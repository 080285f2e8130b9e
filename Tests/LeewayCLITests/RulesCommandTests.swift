import Foundation
import Testing

/// `leeway rules`, end to end with the built executable.
@Suite struct RulesCommandTests {
    @Test func listsEveryRuleWithSeverityAndTitle() throws {
        let run = try CLI.run(["rules"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("RULE") == true)
        #expect(run.stdout.contains("wide-appointment-window     warning   Wide appointment window"))
        #expect(run.stdout.contains("verbatim-script             note      Verbatim script"))
        #expect(run.stdout.contains("retention-gate              warning   Retention gate"))
        #expect(run.stdout.contains("24 rules; `leeway rules ID` explains one"))
    }

    @Test func explainsOneRule() throws {
        let run = try CLI.run(["rules", "wide-appointment-window"])
        #expect(run.status == 0)
        for part in ["wide-appointment-window · warning", "Wide appointment window", "why: customers wait about 4.5 hours",
                     "source: IBOPE Zogby", "override: narrower windows", "warn-above   2h", "error-above  4h",
                     "appointment-window: ↓4h", "does not trigger:", "configure in `.leeway.yml`:"] {
            #expect(run.stdout.contains(part), "missing \(part)")
        }
    }

    @Test func explainsInSpanish() throws {
        let run = try CLI.run(["rules", "slow-approval", "--lang", "es"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Aprobación lenta"))
        #expect(run.stdout.contains("umbrales"))
    }

    @Test func unknownRuleIsExitTwoWithASuggestion() throws {
        let run = try CLI.run(["rules", "wide-apointment-window"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("error: unknown rule `wide-apointment-window`"))
        #expect(run.stderr.contains("did you mean `wide-appointment-window`?"))
    }

    @Test func markdownIsTheCommittedReference() throws {
        let run = try CLI.run(["rules", "--markdown", "-"])
        #expect(run.status == 0)
        let committed = try String(contentsOf: CLI.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(run.stdout == committed, "docs/rules.md is stale: run `swift run leeway rules --markdown docs/rules.md`")
    }

    @Test func markdownWritesAFile() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["rules", "--markdown", "rules.md"], directory: folder)
        #expect(run.status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("rules.md"), encoding: .utf8)
        #expect(text.hasPrefix("# Leeway rules"))
    }
}
