import Foundation
import Testing

@Suite struct EvalFolderTests {
    /// A folder of cases: those written for another policy set are passed over with a note.
    @Test func aFolderEvaluatesTheCasesOfThisPolicyOnly() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("C-1042 — Technician 4.5 hours late, second visit"))
        #expect(!run.stdout.contains("N-201"))
        #expect(run.stderr.contains("written for another policy set than `acme-field-service`"))
    }

    /// Streaming a folder as JSON Lines passes over the same cases, YAML and JSON Lines
    /// alike; a file named explicitly is still checked against the policy.
    @Test func streamingAFolderPassesOverCasesOfOtherPolicies() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/cases"), to: folder.appendingPathComponent("cases"))
        let lines = """
        {"case": "J-1", "policy": "acme-field-service", "handled-by": "agent", "facts": {"issue": "late-arrival"}, "wants": [{"action": "issue-credit", "amount": "20 USD"}]}
        {"case": "J-2", "policy": "northwind-returns", "handled-by": "agent", "wants": [{"action": "refund", "amount": "20 USD"}]}

        """
        try Data(lines.utf8).write(to: folder.appendingPathComponent("cases/more.jsonl"))
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", folder.path + "/cases", "--format", "jsonl"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 11)
        #expect(run.stdout.contains("\"J-1\"") && !run.stdout.contains("J-2") && !run.stdout.contains("N-201"))
        #expect(run.stderr.contains("note: skipped 14 cases in these folders written for another policy set than `acme-field-service`"))
        #expect(!run.stderr.contains("error:"))
        let named = try CLI.run(["eval", "policies/acme-field-service.yaml", folder.path + "/cases/more.jsonl", "--format", "jsonl"])
        #expect(named.status == 2)
        #expect(named.stderr.contains("the case is for policy `northwind-returns`, not `acme-field-service`"))
    }

    /// A case named explicitly for another policy is still an error.
    @Test func aCaseNamedForAnotherPolicyIsAnError() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/cases/northwind.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the case is for policy `northwind-returns`, not `acme-field-service`"))
    }

    /// One mistake in a case does not hide its other mistakes.
    @Test func everyMistakeOfACaseIsReportedAtOnce() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("case.yaml")
        let text = try String(contentsOf: CLI.root.appendingPathComponent("examples/cases/acme-late-technician.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "handled-by: agent", with: "handled-by: agnet")
            .replacingOccurrences(of: "issue-credit: escalate", with: "issue-credit: maybe")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("`maybe` is not a valid expected outcome"))
        #expect(run.stderr.contains("unknown role `agnet`"))
    }

    /// `eval` and `diff` refuse, as `check` does, a report that would overwrite an input.
    @Test func evalAndDiffNeverOverwriteAnInput() throws {
        let folder = try CLI.temporaryDirectory()
        let policy = folder.appendingPathComponent("p.yaml").path
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("policies/acme-field-service.yaml").path, toPath: policy)
        let before = try String(contentsOfFile: policy, encoding: .utf8)
        let eval = try CLI.run(["eval", "--output", policy, policy, "examples/cases/acme-late-technician.yaml"])
        #expect(eval.status == 2)
        #expect(eval.stderr.contains("is one of the inputs"))
        let diff = try CLI.run(["diff", "--output", policy, policy, policy])
        #expect(diff.status == 2)
        #expect(try String(contentsOfFile: policy, encoding: .utf8) == before)
        let format = try CLI.run(["eval", "--format", "sarif", policy, "examples/cases/acme-late-technician.yaml"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("`leeway eval` writes `text`, `json`, `jsonl`, not `sarif`"))
    }
}
