import Foundation
import Testing

@Suite struct PolicyTestCommandTests {
    /// A folder with the Acme policy and one case, its expectation as given.
    func fixture(expecting outcome: String) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let policy = try String(contentsOf: CLI.root.appendingPathComponent("policies/acme-field-service.yaml"), encoding: .utf8)
        try policy.write(to: directory.appendingPathComponent("acme.yaml"), atomically: true, encoding: .utf8)
        try """
        leeway: 1
        case: T-1
        policy: acme-field-service
        handled-by: agent
        facts: { issue: late-arrival }
        wants:
          - { action: issue-credit, amount: 40 USD }
        expect:
          issue-credit: \(outcome)
        """.write(to: directory.appendingPathComponent("case.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func passingExpectationsExitZero() throws {
        let directory = try fixture(expecting: "escalate")
        let run = try CLI.run(["test", "."], directory: directory)
        #expect(run.status == 0)
        #expect(run.stdout.contains("✔ case `T-1` passed (./case.yaml:1:1)"))
        #expect(run.stdout.contains("1 case passed, 1 expectation checked"))
    }

    @Test func aWrongExpectationFailsWithWantAgainstGot() throws {
        let directory = try fixture(expecting: "allowed")
        let run = try CLI.run(["test", "."], directory: directory)
        #expect(run.status == 1)
        #expect(run.stdout.contains("✘ case `T-1` failed"))
        #expect(run.stdout.contains("./case.yaml:9:17: `issue-credit`: expected allowed, got escalate"))
        #expect(run.stdout.contains("why: grant to `agent` (up to 25 USD) does not cover 40 USD"))
        #expect(run.stdout.contains("1 of 1 case failed"))
    }

    @Test func junitReportsTheFailure() throws {
        let directory = try fixture(expecting: "allowed")
        let run = try CLI.run(["test", "--format", "junit", "."], directory: directory)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("<?xml"))
        #expect(run.stdout.contains("<testcase"))
        #expect(run.stdout.contains("<failure"))
        #expect(run.stdout.contains("expected allowed, got escalate"))
    }

    @Test func aCaseNamingAnUnknownPolicyCannotRun() throws {
        let directory = try fixture(expecting: "escalate")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("acme.yaml"))
        let run = try CLI.run(["test", "."], directory: directory)
        #expect(run.status == 2)
        #expect(run.stderr.contains("names policy `acme-field-service`"))
    }

    @Test func theShippedSamplesPass() throws {
        let run = try CLI.run(["test", "policies", "examples/cases"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(!run.stdout.contains("✘"))
    }
}
