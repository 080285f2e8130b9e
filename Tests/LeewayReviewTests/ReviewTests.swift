import Foundation
import Testing
import LeewayCore
import LeewayEngine
import LeewayReview

/// The review's computation: findings matched across versions, per-want and per-case
/// changes, totals, money newly allowed, the verdict and the regression gate.
@Suite struct ReviewTests {
    static let base = """
    leeway: 1
    policy: shop
    currency: USD
    roles:
      agent: { title: Agent, customer-facing: true }
      lead: { title: Team lead, reachable-within: 15m }
      finance: { title: Finance, reachable-within: 2d }
    facts:
      issue: { type: enum, values: [late, broken] }
    actions:
      refund:
        measure: money
        grants:
          - { role: agent, up-to: LIMIT }
          - { role: lead, up-to: 500 USD }
        above-limit:
          approval: { by: finance, within: 3d }
    discretion:
      - { role: agent, up-to: 10 USD, per: case, review: after-the-fact }
    metrics:
      - { name: first-contact-resolution }
    """

    static func policy(limit: String, padding: Int = 0, path: String) throws -> PolicyDiff.Side {
        let text = String(repeating: "# moved down\n", count: padding) + base.replacingOccurrences(of: "LIMIT", with: limit)
        return try Fixtures.side(text, path: path)
    }

    static let cases = """
    leeway: 1
    case: K-1
    policy: shop
    handled-by: agent
    facts: { issue: late }
    wants:
      - { action: refund, amount: 40 USD }
    ---
    leeway: 1
    case: K-2
    policy: shop
    handled-by: agent
    wants:
      - { action: refund, amount: 700 USD }
    ---
    leeway: 1
    case: K-3
    policy: another-shop
    handled-by: agent
    wants:
      - { action: refund, amount: 5 USD }
    ---
    leeway: 1
    case: K-4
    handled-by: agent
    wants:
      - { action: refund, amount: 20 USD }
    """

    @Test func limitRaisedGivesFirstContact() throws {
        let diff = Review.compare(old: try Self.policy(limit: "25 USD", path: "old.yaml"),
                                  new: try Self.policy(limit: "50 USD", path: "new.yaml"), cases: Fixtures.cases(Self.cases))
        #expect(diff.evaluated == 3)
        #expect(diff.skippedOtherPolicy == 1)
        let changed = diff.changed.map(\.source.id.value)
        #expect(changed == ["K-1"])
        let k1 = try #require(diff.changed.first)
        #expect(k1.change == .better)
        #expect(k1.gainsFirstContact)
        #expect(k1.wants[0].old.outcome == .escalate)
        #expect(k1.wants[0].new.outcome == .allowed)
        #expect(diff.verdict.firstContactGained == 1)
        #expect(diff.verdict.parts.map(\.key) == ["diff.verdict.first-contact-gained"])
        #expect(!diff.isRegression)
        // K-4 (20 USD) is at first contact in both.
        #expect(diff.totals.old.firstContact == 1)
        #expect(diff.totals.new.firstContact == 2)
        // K-4 (20 USD) is allowed in both: from the budget (10 USD) no, from the grant yes.
        #expect(diff.money == [FrontlineMoney(action: "refund", currency: "USD", before: 20, after: 60, newlyAllowed: 40,
                                              noLongerAllowed: 0, newlyAllowedWants: 1)])
    }

    @Test func limitLoweredIsARegression() throws {
        let diff = Review.compare(old: try Self.policy(limit: "50 USD", path: "old.yaml"),
                                  new: try Self.policy(limit: "25 USD", path: "new.yaml"), cases: Fixtures.cases(Self.cases))
        let k1 = try #require(diff.changed.first)
        #expect(k1.change == .worse)
        #expect(k1.losesFirstContact)
        #expect(k1.isRegression)
        #expect(diff.isRegression)
        #expect(diff.verdict.firstContactLost == 1)
        #expect(diff.money.first?.noLongerAllowed == 40)
    }

    @Test func sameOutcomeLaterIsSlower() throws {
        let old = try Fixtures.side(Self.base.replacingOccurrences(of: "LIMIT", with: "25 USD"), path: "old.yaml")
        let new = try Fixtures.side(Self.base.replacingOccurrences(of: "LIMIT", with: "25 USD")
            .replacingOccurrences(of: "reachable-within: 15m", with: "reachable-within: 1h"), path: "new.yaml")
        let diff = Review.compare(old: old, new: new, cases: Fixtures.cases(Self.cases))
        let k1 = try #require(diff.changed.first)
        #expect(k1.wants[0].change == .worse)
        #expect(k1.isSlower)
        #expect(diff.verdict.slower == 1)
        #expect(diff.isRegression)
        // Resolved cases: K-4 at once, K-1 via the lead, K-2 via finance (3d).
        #expect(diff.totals.old.medianTime == Int64(15 * 60))
        #expect(diff.totals.new.medianTime == Int64(3600))
    }

    @Test func findingsMatchAcrossFilesAndLines() throws {
        // The same policy at another path, moved down five lines: every finding unchanged.
        let diff = Review.compare(old: try Self.policy(limit: "25 USD", path: "a/old.yaml"),
                                  new: try Self.policy(limit: "25 USD", padding: 5, path: "b/new.yaml"), cases: [])
        #expect(diff.findings.added.isEmpty)
        #expect(diff.findings.removed.isEmpty)
        #expect(!diff.findings.unchanged.isEmpty)
        #expect(diff.findings.unchanged.allSatisfy { $0.location.file == "b/new.yaml" })
    }

    @Test func addedErrorFindingIsARegression() throws {
        let old = try Self.policy(limit: "25 USD", path: "old.yaml")
        let new = try Fixtures.side(Self.base.replacingOccurrences(of: "LIMIT", with: "25 USD")
            + "\ncommitments:\n  appointment-window: 8h\n", path: "new.yaml")
        let diff = Review.compare(old: old, new: new, cases: [])
        #expect(diff.findings.added.contains { $0.severity == .error && $0.rule == "wide-appointment-window" })
        #expect(diff.isRegression)
        #expect(diff.verdict.parts.isEmpty)
    }

    @Test func caseTheNewVersionCannotEvaluateIsReported() throws {
        let old = try Self.policy(limit: "25 USD", path: "old.yaml")
        let new = try Fixtures.side(Self.base.replacingOccurrences(of: "LIMIT", with: "25 USD")
            .replacingOccurrences(of: "  refund:", with: "  give-refund:"), path: "new.yaml")
        let diff = Review.compare(old: old, new: new, cases: Fixtures.cases(Self.cases))
        #expect(diff.evaluated == 0)
        #expect(diff.invalid.count == 3)
        #expect(diff.invalid.allSatisfy { $0.old == nil && $0.new != nil })
        #expect(diff.verdict.broken == 3)
        #expect(diff.isRegression)
    }

    /// A case the old version cannot evaluate is not a valid case: rejected (bad input),
    /// not a result of the change, and not counted in the verdict.
    @Test func caseTheOldVersionCannotEvaluateIsRejected() throws {
        let old = try Self.policy(limit: "25 USD", path: "old.yaml")
        let new = try Self.policy(limit: "50 USD", path: "new.yaml")
        let cases = Fixtures.cases(Self.cases + "\n---\nleeway: 1\ncase: K-5\nhandled-by: agent\nwants:\n  - { action: refunds, amount: 5 USD }\n")
        let diff = Review.compare(old: old, new: new, cases: cases)
        #expect(diff.invalid.isEmpty)
        #expect(diff.rejected.map(\.source.id.value) == ["K-5"])
        let problem = try #require(diff.rejected.first?.old?.first)
        #expect(problem.rule == Finding.invalidCase)
        #expect(problem.location.position?.line == 33)
        #expect(diff.verdict.broken == 0)
        #expect(diff.evaluated == 3)
    }

    /// Every want keeps its outcome and only takes longer: the case gets slower, never a
    /// worse outcome, even when its total time is unknown before and after or it stays
    /// unresolved.
    @Test func slowerWithUnknownOrBlockedTimeIsSlower() throws {
        let unknown = Self.base.replacingOccurrences(of: "LIMIT", with: "25 USD")
            .replacingOccurrences(of: "finance: { title: Finance, reachable-within: 2d }", with: "finance: { title: Finance }")
            .replacingOccurrences(of: "approval: { by: finance, within: 3d }", with: "approval: { by: finance }")
        let old = try Fixtures.side(unknown, path: "old.yaml")
        let new = try Fixtures.side(unknown.replacingOccurrences(of: "reachable-within: 15m", with: "reachable-within: 1h"), path: "new.yaml")
        // K-6 wants a lead refund (known time) and a finance one (unknown time): the case
        // time is unknown under both versions.
        let cases = Fixtures.cases("leeway: 1\ncase: K-6\nhandled-by: agent\nwants:\n  - { action: refund, amount: 40 USD }\n  - { action: refund, amount: 700 USD }\n")
        let diff = Review.compare(old: old, new: new, cases: cases)
        let k6 = try #require(diff.changed.first)
        #expect(!k6.old.resolution.timeKnown && !k6.new.resolution.timeKnown)
        #expect(k6.change == .worse)
        #expect(k6.loss == .slower)
        #expect(k6.gain == nil)
        #expect(diff.verdict.slower == 1)
        #expect(diff.verdict.worse == 0)
    }

    /// The review keeps only the cases that change, with their traces cut to the steps
    /// that decide their wants; the deciding steps (what the reports show) are the same
    /// as in the full traces.
    @Test func changedCasesKeepOnlyTheirDecidingSteps() throws {
        let diff = try Fixtures.demo()
        #expect(diff.evaluated == 10)
        #expect(diff.changed.count == 9)
        #expect(diff.changed.allSatisfy { $0.isChanged })
        for comparison in diff.changed {
            for (kept, side) in [(comparison.old, diff.old), (comparison.new, diff.new)] {
                let full = try #require(try? Engine.evaluate(comparison.source, with: side.policy).get())
                #expect(kept.trace.count <= 2 * kept.decisions.count)
                #expect(kept.trace.count < full.trace.count || full.trace.count <= 2 * full.decisions.count)
                for index in kept.decisions.indices {
                    #expect(kept.decidingStep(want: index) == full.decidingStep(want: index), "\(comparison.source.id.value) want \(index)")
                }
            }
        }
    }

    @Test func percentilesAreNearestRank() {
        #expect(Totals.percentile([], 50) == nil)
        #expect(Totals.percentile([7], 90) == 7)
        #expect(Totals.percentile([1, 2, 3, 4], 50) == 2)
        #expect(Totals.percentile(Array(1...10), 90) == 9)
        #expect(Totals.percentile(Array(1...10), 50) == 5)
    }

    @Test func demoShowsFirstContactGains() throws {
        let diff = try Fixtures.demo()
        #expect(diff.evaluated == 10)
        #expect(diff.skippedOtherPolicy == 1)
        #expect(diff.verdict.firstContactGained == 8)
        #expect(!diff.isRegression)
        #expect(diff.totals.new.firstContact > diff.totals.old.firstContact)
        // Reversed, the same change is a regression.
        let reversed = Review.compare(old: diff.new, new: diff.old, cases: try Fixtures.cases(fixture: "cases.yaml"))
        #expect(reversed.isRegression)
        #expect(reversed.verdict.firstContactLost == 8)
    }

    @Test(arguments: ["main:policies/a.yaml", "origin/main:policies/a.yaml", "HEAD~1:./a.yaml"])
    func revisionArguments(_ argument: String) {
        guard case .git(let revision, let path) = PolicySource(argument: argument) else {
            Issue.record("\(argument) should read from git")
            return
        }
        #expect("\(revision):\(path)" == argument)
    }

    @Test func fileArguments() {
        #expect(PolicySource(argument: "policies/a.yaml") == .file("policies/a.yaml"))
        #expect(PolicySource(argument: "/tmp/x:y.yaml") == .file("/tmp/x:y.yaml"))
        #expect(PolicySource(argument: "-") == .file("-"))
    }

    @Test func gitOutsideARepositoryIsALocatedError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = PolicySource.git(revision: "main", path: "policies/a.yaml").read(in: folder.path)
        guard case .failure(let finding) = result else {
            Issue.record("reading from git outside a repository should fail")
            return
        }
        #expect(finding.rule == Finding.invalidPolicy)
        #expect(finding.location.file == "main:policies/a.yaml")
        #expect(["diff.not-a-repository", "diff.git-missing"].contains(finding.message.key))
    }

    /// A repository with one commit holding `policies/a.yaml`.
    static func repository() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("policies"), withIntermediateDirectories: true)
        try Data("leeway: 1\n".utf8).write(to: folder.appendingPathComponent("policies/a.yaml"))
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "a"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git"] + arguments
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        return folder
    }

    /// git's English errors are classified into catalogued messages.
    @Test(arguments: [
        ("nope:policies/a.yaml", "diff.git-unknown-revision", "diff.git-unknown-revision.help"),
        ("HEAD:policies/b.yaml", "diff.git-no-such-path", "diff.git-no-such-path.help"),
        ("HEAD:./b.yaml", "diff.git-no-such-path", "diff.git-no-such-path.relative-help"),
        ("HEAD:policies", "diff.git-not-a-file", "diff.git-not-a-file.help"),
    ])
    func gitMistakesAreCatalogued(_ argument: String, _ key: String, _ help: String) throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        guard case .failure(let finding) = PolicySource(argument: argument).read(in: folder.path) else {
            Issue.record("\(argument) should not be readable")
            return
        }
        #expect(finding.location.file == argument)
        #expect(finding.message.key == key)
        #expect(finding.help?.key == help)
        #expect(finding.message.arguments["reason"] == nil)
        #expect(!finding.message.render(.es).contains("fatal"))
    }

    @Test func gitReadsTheFileAtARevision() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = PolicySource(argument: "HEAD:policies/a.yaml").read(in: folder.path)
        guard case .success(let bytes) = result else {
            Issue.record("HEAD:policies/a.yaml should be readable")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "leeway: 1\n")
    }

    @Test func renamedPolicyKeepsItsCases() throws {
        let old = try Self.policy(limit: "25 USD", path: "old.yaml")
        let new = try Fixtures.side(Self.base.replacingOccurrences(of: "LIMIT", with: "50 USD")
            .replacingOccurrences(of: "policy: shop", with: "policy: shop-v2"), path: "new.yaml")
        let diff = Review.compare(old: old, new: new, cases: Fixtures.cases(Self.cases))
        #expect(diff.invalid.isEmpty)
        #expect(diff.evaluated == 3)
        #expect(diff.skippedOtherPolicy == 1)
        #expect(diff.verdict.firstContactGained == 1)
    }
}
