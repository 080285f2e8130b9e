import Foundation
import Testing
import LeewayCore
@testable import LeewayRules

@Suite struct BaselineTests {
    static let policy = RuleExample.header + """
    roles:
      agent: { customer-facing: true }
      finance: { reachable-within: 2d }
    actions:
      issue-credit:
        measure: money
        grants:
          - { role: agent, up-to: 150 USD }
        above-limit:
          approval: { by: finance, within: 3d }
    commitments:
      delay-notice: { lead: 30m }
    metrics:
      - { name: churn }
    """

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func check(_ text: String, in folder: URL, baseline: Baseline? = nil) throws -> CheckResult {
        let file = folder.appendingPathComponent("policy.yaml")
        try Data(text.utf8).write(to: file)
        return Linter(today: Fixture.today, baseline: baseline).check(paths: [file.path])
    }

    @Test func writeThenReadReportsNothingOld() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try check(Self.policy, in: folder)
        #expect(first.findings.map(\.rule) == ["slow-approval"])
        let baselineFile = folder.appendingPathComponent("baseline.json").path
        try Baseline.write(first.findings, to: baselineFile)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: baselineFile))) as? [String: Any]
        #expect(object?["version"] as? Int == 2)
        #expect((object?["findings"] as? [[String: Any]])?.first?["file"] as? String == "policy.yaml")
        #expect((object?["findings"] as? [[String: Any]])?.first?["path"] as? String == "actions.issue-credit.above-limit.approval.within")
        let baseline = try Baseline.load(path: baselineFile).get()
        let second = try check(Self.policy, in: folder, baseline: baseline)
        #expect(second.findings.isEmpty)
        #expect(second.silencedByBaseline == 1)
    }

    @Test func survivesEditsThatMoveLines() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = Baseline(findings: try check(Self.policy, in: folder).findings)
        let moved = "# A new header comment\n# and another line\n" + Self.policy
        #expect(try check(moved, in: folder, baseline: baseline).findings.isEmpty)
    }

    @Test func reportsOnlyNewFindings() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = Baseline(findings: try check(Self.policy, in: folder).findings)
        let worse = Self.policy.replacingOccurrences(of: "  delay-notice: { lead: 30m }\n", with: "  appointment-window: 8h\n  delay-notice: { lead: 30m }\n")
        let result = try check(worse, in: folder, baseline: baseline)
        #expect(Set(result.findings.map(\.rule)) == ["wide-appointment-window", "window-without-remedy"])
        // A changed value is a new finding: the message's values are part of the fingerprint.
        let slower = Self.policy.replacingOccurrences(of: "within: 3d", with: "within: 5d")
        #expect(try check(slower, in: folder, baseline: baseline).findings.map(\.rule) == ["slow-approval"])
    }

    @Test func matchesHoweverThePathIsSpelled() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let policies = folder.appendingPathComponent("w2")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        let file = policies.appendingPathComponent("a.yaml")
        try Data(Self.policy.utf8).write(to: file)
        let linter = Linter(today: Fixture.today)
        // Recorded with the absolute path, in a baseline beside the policy.
        let baselineFile = policies.appendingPathComponent("base.json").path
        try Baseline.write(linter.check(paths: [file.path]).findings, to: baselineFile)
        let baseline = try Baseline.load(path: baselineFile).get()
        for spelling in [file.path, policies.path + "/./a.yaml", folder.path + "/w2/../w2/a.yaml", policies.path + "//a.yaml"] {
            let result = Linter(today: Fixture.today, baseline: baseline).check(paths: [spelling])
            #expect(result.findings.isEmpty, "\(spelling)")
            #expect(result.silencedByBaseline == 1)
        }
        #expect(Baseline.relativePath(file.path, to: policies.path) == "a.yaml")
        #expect(Baseline.relativePath(file.path, to: folder.path) == "w2/a.yaml")
        #expect(Baseline.relativePath(folder.path + "/b.yaml", to: policies.path) == "../b.yaml")
        #expect(Baseline.relativePath("<stdin>", to: policies.path) == "<stdin>")
    }

    @Test func versionOneBaselinesStillMatchTheSameSpelling() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("policy.yaml")
        try Data(Self.policy.utf8).write(to: file)
        let findings = Linter(today: Fixture.today).check(paths: [file.path]).findings
        let entries = findings.map { ["fingerprint": $0.fingerprint, "rule": $0.rule, "file": $0.location.file] }
        let old = try JSONSerialization.data(withJSONObject: ["version": 1, "findings": entries])
        let baselineFile = folder.appendingPathComponent("old.json")
        try old.write(to: baselineFile)
        let baseline = try Baseline.load(path: baselineFile.path).get()
        let result = Linter(today: Fixture.today, baseline: baseline).check(paths: [file.path])
        #expect(result.findings.isEmpty)
        #expect(result.silencedByBaseline == 1)
    }

    @Test func badBaselineFilesAreInputErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("baseline.json")
        try Data("not json".utf8).write(to: file)
        guard case .failure(let finding) = Baseline.load(path: file.path) else {
            Issue.record("a broken baseline loaded")
            return
        }
        #expect(finding.rule == Finding.invalidConfig)
        #expect(finding.message.render(.en).contains("is not a Leeway baseline"))
        guard case .failure(let missing) = Baseline.load(path: folder.appendingPathComponent("none.json").path) else {
            Issue.record("a missing baseline loaded")
            return
        }
        #expect(missing.isInputError)
    }
}

@Suite struct LinterResultTests {
    @Test func countsSilencedFindingsAndDropsTreesUnlessAsked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-linter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("policy.yaml")
        try Data((RuleExample.header + """
        roles:
          agent: { customer-facing: true }
        actions:
          waive-late-fee: { measure: none, never: true }
        commitments:
          delay-notice: { lead: 30m }
        metrics:
          - { name: churn }
        exceptions:
          - { rule: absolute-prohibition, reason: "Regulated fee" }
        """).utf8).write(to: file)
        let result = Linter(today: Fixture.today).check(paths: [file.path])
        #expect(result.findings.isEmpty)
        #expect(result.silencedByExceptions == 1)
        #expect(result.policies.count == 1)
        #expect(result.policies.first?.root.mapping == nil)
        let kept = Linter(today: Fixture.today, keepsYAMLTrees: true).check(paths: [file.path])
        #expect(kept.policies.first?.root.mapping != nil)
    }
}
