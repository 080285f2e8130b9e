import Foundation
import Testing

/// `leeway check` over a folder reads policy sets and passes over the YAML files that are
/// plainly something else (cases, CI workflows) with a note; a file named on the command
/// line is always checked.
@Suite struct CheckFolderTests {
    @Test func aFolderOfPoliciesCasesAndWorkflowsChecksOnlyThePolicies() throws {
        let run = try CLI.run(["check", "examples/"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("checked 2 files: 0 errors, 0 warnings"), "only examples/diff's and examples/policies' policy sets: \(run.stdout)")
        #expect(run.stderr.contains("note: passed over 10 YAML files that are not policy sets (cases, CI workflows)"))
        #expect(!run.stdout.contains("invalid-policy"))
    }

    @Test func aFolderWithNoPolicyAtAllIsAnInputError() throws {
        let run = try CLI.run(["check", "examples/cases"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("examples/cases: error: no policy set under `examples/cases`, only cases or other tools' files (7 YAML files) [invalid-policy]"))
        let spanish = try CLI.run(["check", "--lang", "es", "examples/cases"])
        #expect(spanish.stderr.contains("nota: se pasan por alto 7 archivos YAML que no son políticas"))
    }

    @Test func aFileNamedOnTheCommandLineIsAlwaysChecked() throws {
        let run = try CLI.run(["check", "examples/cases/acme-more.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("[invalid-policy]"))
        #expect(!run.stderr.contains("passed over"))
    }

    @Test func brokenPoliciesInAFolderAreStillReported() throws {
        // Not a mapping, unparseable, a `leeway: 1` file with nothing else: reported, not passed over.
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in [("list.yaml", "- a\n- b\n"), ("broken.yaml", "leeway: 1\nroles: [\n"), ("bare.yaml", "leeway: 1\n"),
                             ("job.yml", "leeway:\n  script: leeway check\n"), ("case.yaml", "leeway: 1\ncase: C-1\n")] {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        let run = try CLI.run(["check", folder.path])
        #expect(run.status == 2)
        for name in ["list.yaml", "broken.yaml", "bare.yaml"] {
            #expect(run.stderr.contains("\(name):"), "\(name) is reported")
        }
        for name in ["job.yml", "case.yaml"] {
            #expect(!run.stdout.contains("\(name):"), "\(name) is passed over")
        }
        #expect(run.stderr.contains("passed over 2 YAML files"))
    }
}

/// Each command's `--help` and argument errors list the formats it writes, not all eight.
@Suite struct FormatHelpTests {
    @Test(arguments: [("check", "text, json, sarif, junit, github, markdown"), ("eval", "text, json, jsonl"),
                      ("test", "text, junit"), ("diff", "text, json, markdown, html")])
    func helpListsTheCommandsFormats(_ command: String, _ formats: String) throws {
        let run = try CLI.run([command, "--help"], environment: ["COLUMNS": "200"])
        #expect(run.stdout.contains("(values: \(formats); default: text)"), "\(run.stdout)")
        let help = try CLI.run(["help", command], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("(values: \(formats); default: text)"))
    }

    @Test func anUnknownFormatIsToldTheCommandsFormats() throws {
        let run = try CLI.run(["test", "--format", "xml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Please provide one of 'text' and 'junit'"), "\(run.stderr)")
    }
}
