import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `leeway check` end to end in every CI format: what lands on standard output, in
/// `--output` and `--report` files, and the exit code `--fail-on` sets.
@Suite struct FormatsTests {
    static let rigid = "policies/acme-field-service.yaml"
    static let broken = "Tests/LeewayReportersTests/Fixtures/policies/invalid-policy.yaml"

    @Test(arguments: ["sarif", "junit", "github", "markdown"])
    func everyFormatWritesOnlyTheReportToStandardOutput(_ format: String) throws {
        let run = try CLI.run(["check", "--format", format, "--fail-on", "never", "policies/"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.isEmpty || format == "github")
        switch format {
        case "sarif":
            let log = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(log?["version"] as? String == "2.1.0")
            let run = (log?["runs"] as? [[String: Any]])?.first
            #expect(run?["automationDetails"] == nil, "only --sarif-category sets automationDetails.id")
            let driver = (run?["tool"] as? [String: Any])?["driver"] as? [String: Any]
            #expect(driver?["version"] as? String != nil)
        case "junit":
            let document = try XMLDocument(data: Data(run.stdout.utf8))
            #expect(document.rootElement()?.name == "testsuites")
        case "github":
            for line in run.stdout.split(separator: "\n") {
                #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice "), "\(line)")
            }
        default:
            #expect(run.stdout.hasPrefix("## "))
        }
    }

    @Test func sarifFromTheCommandLineValidatesAgainstTheSchema() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("leeway.sarif")
        let run = try CLI.run(["check", "--format", "sarif", "--output", file.path, "--fail-on", "never", "policies/", Self.broken])
        #expect(run.status == 2, "an invalid policy is still exit 2: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let fixtures = CLI.root.appendingPathComponent("Tests/LeewayReportersTests/Fixtures")
        process.arguments = ["python3", fixtures.appendingPathComponent("validate_json.py").path,
                             fixtures.appendingPathComponent("sarif-schema-2.1.0.json").path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        // Paths are relative to the repository root even when run from a subfolder.
        let sub = try CLI.run(["check", "--format", "sarif", "--fail-on", "never", "../policies/acme-field-service.yaml"],
                              directory: CLI.root.appendingPathComponent("Tests"))
        #expect(sub.stdout.contains(#""uri" : "policies/acme-field-service.yaml""#), "\(sub.stdout.prefix(400))")
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func outputWritesAnyFormatToAFile(_ format: String) throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("report.\(format)")
        let run = try CLI.run(["check", "--format", format, "--output", file.path, "--fail-on", "never", Self.rigid])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let direct = try CLI.run(["check", "--format", format, "--fail-on", "never", Self.rigid])
        // JUnit's `time` is measured: the one thing that differs between two runs.
        func timeless(_ text: String) -> String {
            text.replacingOccurrences(of: #" time="[0-9.]+""#, with: "", options: .regularExpression)
        }
        #expect(try timeless(String(contentsOf: file, encoding: .utf8)) == timeless(direct.stdout))
        // Nothing but the report is left in the folder (the write is atomic, via a rename).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.\(format)"])
    }

    @Test func reportWritesSeveralFormatsFromOneRun() throws {
        let folder = try CLI.temporaryDirectory()
        let sarif = folder.appendingPathComponent("leeway.sarif"), junit = folder.appendingPathComponent("leeway.xml")
        let markdown = folder.appendingPathComponent("summary.md")
        let run = try CLI.run(["check", "--fail-on", "never", "--report", "sarif:\(sarif.path)", "--report", "junit:\(junit.path)",
                               "--report", "markdown:\(markdown.path)", Self.rigid])
        #expect(run.status == 0)
        #expect(run.stdout.contains("checked 1 file"), "text still goes to standard output")
        #expect(try String(contentsOf: sarif, encoding: .utf8).contains("\"2.1.0\""))
        #expect(try String(contentsOf: junit, encoding: .utf8).hasPrefix("<?xml"))
        #expect(try String(contentsOf: markdown, encoding: .utf8).hasPrefix("## "))
    }

    @Test func unwritableOutputIsExitTwo() throws {
        let run = try CLI.run(["check", "--format", "sarif", "--output", "/no/such/folder/leeway.sarif", Self.rigid])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write `/no/such/folder/leeway.sarif`"))
    }

    /// The exit code follows `--fail-on`: 1 when a finding is at or above the threshold.
    @Test func failOnSetsTheExitCode() throws {
        let json = try CLI.run(["check", "--format", "json", "--fail-on", "never", Self.rigid])
        #expect(json.status == 0)
        let findings = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]] ?? []
        let severities = Set(findings.compactMap { $0["severity"] as? String })
        #expect(severities.contains("error"), "the rigid sample has errors")
        let expected: [(String, Int32)] = [
            ("error", severities.contains("error") ? 1 : 0),
            ("warning", severities.isDisjoint(with: ["error", "warning"]) ? 0 : 1),
            ("note", severities.isEmpty ? 0 : 1),
            ("never", 0),
        ]
        for (threshold, status) in expected {
            for format in ["text", "sarif", "junit", "github", "markdown"] {
                let run = try CLI.run(["check", "--format", format, "--fail-on", threshold, Self.rigid])
                #expect(run.status == status, "--fail-on \(threshold) --format \(format)")
            }
        }
        // The default threshold is `error`.
        #expect(try CLI.run(["check", "--format", "github", Self.rigid]).status == expected[0].1)
    }

    @Test func aWarningOnlyPolicyPassesByDefaultAndFailsOnWarning() throws {
        // The exemplary sample: whatever it still reports is below `error`.
        let json = try CLI.run(["check", "--format", "json", "--fail-on", "never", "policies/brightline-telecom.yaml"])
        let findings = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]] ?? []
        #expect(!findings.contains { $0["severity"] as? String == "error" })
        #expect(try CLI.run(["check", "--format", "markdown", "policies/brightline-telecom.yaml"]).status == 0)
        let strict = try CLI.run(["check", "--format", "markdown", "--fail-on", "note", "policies/brightline-telecom.yaml"])
        #expect(strict.status == (findings.isEmpty ? 0 : 1))
    }

    @Test func invalidInputIsExitTwoWhateverTheThreshold() throws {
        for threshold in ["error", "never"] {
            let run = try CLI.run(["check", "--format", "junit", "--fail-on", threshold, Self.broken])
            #expect(run.status == 2)
            let document = try XMLDocument(data: Data(run.stdout.utf8))
            #expect(try document.nodes(forXPath: "//error").count == 1)
        }
    }

    @Test func badFormatOrThresholdIsAUsageError() throws {
        let format = try CLI.run(["check", "--format", "yaml", Self.rigid])
        #expect(format.status == 2)
        #expect(format.stdout.isEmpty)
        let failOn = try CLI.run(["check", "--fail-on", "sometimes", Self.rigid])
        #expect(failOn.status == 2)
        let report = try CLI.run(["check", "--report", "sarif", Self.rigid])
        #expect(report.status == 2)
    }
}
