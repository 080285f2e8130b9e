import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func versionPrintsAndExitsZero() throws {
        let run = try CLI.run(["--version"])
        #expect(run.status == 0)
        #expect(!run.stdout.isEmpty)
    }

    @Test func unknownOptionIsAUsageErrorWithExitTwo() throws {
        let run = try CLI.run(["check", "--no-such-option"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--no-such-option"))
    }

    @Test func missingPathExitsTwoWithItsName() throws {
        let run = try CLI.run(["check", "does/not/exist.yaml"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("does/not/exist.yaml: error: no such file or folder"))
    }

    @Test func jsonReportHasTheSpecShape() throws {
        let run = try CLI.run(["check", "--format", "json", "--fail-on", "never", "policies/"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Any]
        #expect(summary?["files"] as? Int == 3)
        #expect(object?["findings"] is [Any])
    }
}
