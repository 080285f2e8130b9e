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
