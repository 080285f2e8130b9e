import Foundation
import Testing

/// The CI examples run the commands they show: the `leeway` lines of
/// examples/ci/*.yml, executed as written (with the job's files in a temporary folder).
@Suite struct FormatsExamplesTests {
    static func exampleText(_ name: String) throws -> String {
        try String(contentsOf: CLI.root.appendingPathComponent("examples/ci/\(name)"), encoding: .utf8)
    }

    /// Splits a command line the way a shell does for these simple lines (quotes, no
    /// expansions but `$VAR`).
    static func words(_ line: String, variables: [String: String]) -> [String] {
        var words: [String] = [], current = "", quoted = false, any = false
        // `leeway … || status=$?` (the GitLab job keeps going to run the tests): the command.
        let line = line.components(separatedBy: " || ")[0]
        for char in line {
            if char == "\"" { quoted.toggle(); any = true; continue }
            if char == " " && !quoted {
                if any { words.append(current) }
                current = ""; any = false
                continue
            }
            current.append(char); any = true
        }
        if any { words.append(current) }
        return words.map { word in
            var word = word
            for (name, value) in variables { word = word.replacingOccurrences(of: "$\(name)", with: value) }
            return word
        }
    }

    @Test func theGitHubWorkflowCheckStepRuns() throws {
        let workflow = try Self.exampleText("github-actions.yml")
        // The `run: >` block of the "Check policies" step, folded into one line.
        let start = try #require(workflow.range(of: "run: >\n"))
        let block = workflow[start.upperBound...]
        var lines: [String] = []
        for line in block.split(separator: "\n") {
            guard line.hasPrefix("          ") else { break }
            lines.append(line.trimmingCharacters(in: .whitespaces))
        }
        let folder = try CLI.temporaryDirectory()
        let summary = folder.appendingPathComponent("step-summary.md")
        let arguments = Self.words(lines.joined(separator: " "), variables: ["GITHUB_STEP_SUMMARY": summary.path])
        #expect(arguments.first == "leeway")
        #expect(arguments.contains("sarif:leeway.sarif"))
        // Run in a copy of the repository layout: the SARIF lands in the job's folder.
        let job = folder.appendingPathComponent("job")
        try FileManager.default.createDirectory(at: job, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies"), to: job.appendingPathComponent("policies"))
        try FileManager.default.createDirectory(at: job.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let run = try CLI.run(Array(arguments.dropFirst()), directory: job)
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("::") })
        let sarif = try String(contentsOf: job.appendingPathComponent("leeway.sarif"), encoding: .utf8)
        #expect(sarif.contains(#""uri" : "policies/"#))
        #expect(try String(contentsOf: summary, encoding: .utf8).hasPrefix("## "))
        #expect(workflow.contains("github/codeql-action/upload-sarif"))
        #expect(workflow.contains("sarif_file: leeway.sarif"))
    }

    @Test func theGitLabJobCheckLineRuns() throws {
        let job = try Self.exampleText("gitlab-ci.yml")
        let line = try #require(job.split(separator: "\n").first { $0.contains("- leeway check") })
        let command = String(line.drop { $0 != "l" })
        let arguments = Self.words(command, variables: [:])
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies"), to: folder.appendingPathComponent("policies"))
        let run = try CLI.run(Array(arguments.dropFirst()), directory: folder)
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        for report in ["leeway-check.xml", "leeway.md", "leeway.sarif"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(report).path), "\(report)")
        }
        #expect(job.contains("junit:\n        - leeway-check.xml"))
    }

    /// The `leeway test` line of each example runs in a copy of the samples and writes
    /// its JUnit report.
    @Test(arguments: ["github-actions.yml", "gitlab-ci.yml"])
    func theExampleTestLineRuns(_ example: String) throws {
        let text = try Self.exampleText(example)
        let line = try #require(text.split(separator: "\n").first { $0.contains("leeway test ") })
        let command = String(line[line.range(of: "leeway test ")!.lowerBound...])
        let arguments = Self.words(command, variables: [:])
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies"), to: folder.appendingPathComponent("policies"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/cases"), to: folder.appendingPathComponent("examples/cases"))
        // The phone-swap case names its policy beside the cases (`../policies/`).
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/policies"), to: folder.appendingPathComponent("examples/policies"))
        let run = try CLI.run(Array(arguments.dropFirst()), directory: folder)
        #expect(run.status == 0, "\(command): \(run.stderr)")
        let report = try String(contentsOf: folder.appendingPathComponent("leeway-cases.xml"), encoding: .utf8)
        #expect(report.contains("<testsuites name=\"leeway test\""))
        #expect(!report.contains("<error"), "every case ran")
    }

    @Test func thePreCommitHooksRunLeewayCheckOnPolicies() throws {
        let hooks = try String(contentsOf: CLI.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(hooks.contains("- id: leeway-check\n"))
        #expect(hooks.contains("entry: leeway check --pass-over-non-policies\n"))
        #expect(hooks.contains("language: swift\n"))
        #expect(hooks.contains("- id: leeway-check-system\n"))
        // pre-commit passes the staged file names: `leeway check FILE…` takes them.
        let run = try CLI.run(["check", "--pass-over-non-policies", "policies/brightline-telecom.yaml", "policies/northwind-returns.yaml"])
        #expect(run.status == 0 || run.status == 1)
        #expect(run.stdout.contains("checked 2 files"))
        // A case staged under `policies/` is passed over as a folder search would, not failed.
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("policies"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies/brightline-telecom.yaml"),
                                         to: folder.appendingPathComponent("policies/brightline-telecom.yaml"))
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/cases/brightline.yaml"),
                                         to: folder.appendingPathComponent("policies/cases.yaml"))
        let staged = try CLI.run(["check", "--pass-over-non-policies", "policies/brightline-telecom.yaml", "policies/cases.yaml"], directory: folder)
        #expect(staged.status == 0, "\(staged.stdout)\(staged.stderr)")
        #expect(staged.stdout.contains("checked 1 file"))
        #expect(staged.stderr.contains("note: passed over 1 YAML file that is not a policy set"))
        // Only cases staged: nothing to check, and nothing wrong.
        let casesOnly = try CLI.run(["check", "--pass-over-non-policies", "policies/cases.yaml"], directory: folder)
        #expect(casesOnly.status == 0, "\(casesOnly.stdout)\(casesOnly.stderr)")
        // Without the flag a named case file is one error saying what it is.
        let named = try CLI.run(["check", "policies/cases.yaml"], directory: folder)
        #expect(named.status == 2)
        #expect(named.stderr.contains("policies/cases.yaml:2:1: error: `policies/cases.yaml` is a case file, not a policy set [invalid-policy]"), "\(named.stderr)")
        #expect(named.stderr.components(separatedBy: ": error: ").count == 2, "one error, not one per key")
    }
}
