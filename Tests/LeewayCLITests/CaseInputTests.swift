import Foundation
import Testing

/// How `leeway eval` and `leeway test` take their cases (files, folders, `--cases`), and
/// where `--patch` names a policy outside the working directory.
@Suite struct CaseInputTests {
    static let acme = "policies/acme-field-service.yaml"

    @Test func evalTakesAFolderAndPassesOverFilesThatAreNotCases() throws {
        let run = try CLI.run(["eval", Self.acme, "examples/", "--format", "json"])
        #expect(!run.stderr.contains("is a folder"))
        #expect(run.stderr.contains("passed over 5 YAML files without `case:`"))
        #expect(!run.stderr.contains("github-actions.yml"))
        #expect(run.stdout.contains("\"C-1042\""))
    }

    @Test func aFolderWithoutCasesIsNoCases() throws {
        let run = try CLI.run(["eval", Self.acme, "examples/ci"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("passed over 3 YAML files"))
        #expect(run.stderr.contains("no cases to evaluate"))
    }

    @Test func evalStreamsAFolderOfYAMLAndJSONLines() throws {
        let directory = try CLI.temporaryDirectory()
        let yaml = try String(contentsOf: CLI.root.appendingPathComponent("examples/cases/acme-more.yaml"), encoding: .utf8)
        try yaml.write(to: directory.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try (#"{"case":"J-1","handled-by":"agent","facts":{"issue":"late-arrival"},"wants":[{"action":"issue-credit","amount":"20 USD"}]}"# + "\n")
            .write(to: directory.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
        try "name: ci\non: [push]\n".write(to: directory.appendingPathComponent("ci.yml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["eval", "--format", "jsonl", CLI.root.appendingPathComponent(Self.acme).path, directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        let ids = run.stdout.split(separator: "\n").compactMap { line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["case"] as? String
        }
        #expect(ids.first == "C-1043")
        #expect(ids.last == "J-1")
        #expect(run.stderr.contains("passed over 1 YAML file"))
    }

    @Test func aStreamedYAMLDocumentErrorKeepsItsLineNumber() throws {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("cases.yaml")
        try """
        case: ok
        handled-by: agent
        wants: [{ action: issue-credit, amount: 20 USD }]
        ---
        case: bad
        handled-by: agnet
        wants: [{ action: issue-credit, amount: 20 USD }]
        ---
        case: ok-2
        handled-by: agent
        wants: [{ action: issue-credit, amount: 20 USD }]

        """.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["eval", "--format", "jsonl", CLI.root.appendingPathComponent(Self.acme).path, file.path])
        #expect(run.status == 2)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(run.stderr.contains("cases.yaml:6:13: error"), "\(run.stderr)")
    }

    @Test func casesTakesOnePathPerOccurrence() throws {
        let run = try CLI.run(["eval", "--cases", "examples/cases", Self.acme, "examples/cases/acme-late-technician.yaml", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("casesHelped"))
        let twice = try CLI.run(["eval", Self.acme, "examples/cases/acme-more.yaml", "--patch",
                                 "--cases", "examples/cases/acme-more.yaml", "--cases", "examples/cases/acme-late-technician.yaml"])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(twice.stderr.contains("helps 3 of 4 cases"))
        let folder = try CLI.run(["eval", Self.acme, "examples/cases/acme-late-technician.yaml", "--cases", "examples", "--format", "json"])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stderr.contains("passed over 5 YAML files"))
    }

    @Test func testTakesJSONLinesAndCountsFilesPassedOver() throws {
        let directory = try CLI.temporaryDirectory()
        let policy = try String(contentsOf: CLI.root.appendingPathComponent(Self.acme), encoding: .utf8)
        try policy.write(to: directory.appendingPathComponent("acme.yaml"), atomically: true, encoding: .utf8)
        try (#"{"case":"J-1","policy":"acme-field-service","handled-by":"agent","facts":{"issue":"late-arrival"},"wants":[{"action":"issue-credit","amount":"20 USD"}],"expect":{"issue-credit":"allowed"}}"# + "\n")
            .write(to: directory.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
        try "name: ci\non: [push]\n".write(to: directory.appendingPathComponent("ci.yml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["test", directory.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("J-1"))
        #expect(run.stderr.contains("passed over 1 YAML file"))
    }

    /// A copy of the Acme policy and a case in a fresh folder outside the working directory.
    func outside(git: Bool) throws -> (policy: URL, cases: URL, root: URL) {
        let root = try CLI.temporaryDirectory()
        let folder = root.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let policy = folder.appendingPathComponent("x.yaml")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(Self.acme), to: policy)
        let cases = root.appendingPathComponent("case.yaml")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/cases/acme-late-technician.yaml"), to: cases)
        if git { try PatchTests.git(["init", "-q", "."], in: root) }
        return (policy, cases, root)
    }

    @Test func patchOutsideTheWorkingDirectoryIsRelativeToItsRepository() throws {
        let (policy, cases, root) = try outside(git: true)
        let run = try CLI.run(["eval", policy.path, cases.path, "--patch"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("--- a/policies/x.yaml\n+++ b/policies/x.yaml\n"), "\(run.stdout)")
        #expect(run.stderr.contains("run `git apply` in"))
        let applied = try PatchTests.git(["apply", "--check", "-"], in: root, stdin: run.stdout)
        #expect(applied.status == 0, "\(applied.output)")
    }

    @Test func patchOutsideTheWorkingDirectoryAndAnyRepositoryIsRefused() throws {
        let (policy, cases, _) = try outside(git: false)
        let run = try CLI.run(["eval", policy.path, cases.path, "--patch"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("outside the working directory and not in a git repository"))
    }

    @Test func patchUnderTheWorkingDirectoryStaysRelativeToIt() throws {
        let (policy, cases, root) = try outside(git: false)
        let run = try CLI.run(["eval", "policies/x.yaml", cases.path, "--patch"], directory: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("--- a/policies/x.yaml\n"))
        _ = policy
    }
}
