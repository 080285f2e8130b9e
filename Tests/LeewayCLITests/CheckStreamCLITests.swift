import Foundation
import Testing

/// `leeway check` streams every report format file by file. End to end, on several files:
/// the streamed report is byte for byte the report the command writes from the whole
/// result (`--write-baseline` still takes that path, since it needs every finding), on
/// standard output and with `--output`, with the body held in memory or in a temporary
/// file, and for several reports of one run.
@Suite struct CheckStreamCLITests {
    static let inputs = ["policies/", "Tests/LeewayReportersTests/Fixtures/policies/invalid-policy.yaml"]

    /// JUnit's `<testsuites time="…">` is the run's own time.
    static func masked(_ text: String) -> String {
        guard let range = text.range(of: #"time="[0-9.]+">"#, options: .regularExpression) else { return text }
        return text.replacingCharacters(in: range, with: "time=\"…\">")
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func streamedReportIsTheWholeReport(_ format: String) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try CLI.run(["check", "--format", format, "--fail-on", "never",
                                 "--write-baseline", folder.appendingPathComponent("baseline.json").path] + Self.inputs)
        let streamed = try CLI.run(["check", "--format", format, "--fail-on", "never"] + Self.inputs)
        #expect(whole.status == 2 && streamed.status == 2, "the broken policy is an input error")
        #expect(!whole.stdout.isEmpty)
        #expect(Self.masked(streamed.stdout) == Self.masked(whole.stdout))
        #expect(streamed.stderr == whole.stderr)
        // The body held in a temporary file (a limit of 100 bytes), and written to a file.
        let output = folder.appendingPathComponent("report.out")
        let spooled = try CLI.run(["check", "--format", format, "--fail-on", "never", "--output", output.path] + Self.inputs,
                                  environment: ["LEEWAY_SPOOL_BYTES": "100"])
        #expect(spooled.status == 2)
        #expect(Self.masked(try String(contentsOf: output, encoding: .utf8)) == Self.masked(whole.stdout))
        // Nothing left beside the report: the temporary file was unlinked as soon as it was made.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["baseline.json", "report.out"])
    }

    /// One run writing several reports (`--format` and `--report`) writes each as a run of
    /// its own would, in its own order.
    @Test func reportsOfOneRunAreThoseOfSeparateRuns() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let formats = ["junit", "markdown", "json", "github"]
        let run = try CLI.run(["check", "--format", "sarif", "--fail-on", "never"]
                              + formats.map { "--report=\($0):\(folder.appendingPathComponent($0).path)" } + Self.inputs,
                              environment: ["LEEWAY_SPOOL_BYTES": "1000"])
        #expect(run.status == 2)
        #expect(run.stdout == (try CLI.run(["check", "--format", "sarif", "--fail-on", "never"] + Self.inputs)).stdout)
        for format in formats {
            let alone = try CLI.run(["check", "--format", format, "--fail-on", "never"] + Self.inputs)
            #expect(Self.masked(try String(contentsOf: folder.appendingPathComponent(format), encoding: .utf8)) == Self.masked(alone.stdout),
                    "\(format)")
        }
    }

    /// A JUnit report from the command line runs the rules on every policy that loads:
    /// none of its test cases says "not run" unless its file could not be loaded (the
    /// streamed check once kept no policies, so every rule of every file read as skipped).
    @Test func junitSkipsOnlyTheRulesOfFilesThatDidNotLoad() throws {
        let run = try CLI.run(["check", "--format", "junit", "--fail-on", "never"] + Self.inputs)
        for suite in run.stdout.components(separatedBy: "<testsuite ").dropFirst() {
            let skipped = suite.contains("skipped=\"0\"")
            #expect(skipped != suite.contains("invalid-policy.yaml"), "\(suite.prefix(200))")
        }
    }
}

extension CheckStreamCLITests {
    /// A report to a device (`/dev/stdout`) keeps its body beside no device: the temporary
    /// file goes to `TMPDIR`, and the report is the one written to standard output.
    @Test func aReportToADeviceSpoolsInTheTemporaryFolder() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let direct = try CLI.run(["check", "--format", "sarif", "--fail-on", "never"] + Self.inputs)
        let device = try CLI.run(["check", "--format", "sarif", "--fail-on", "never", "--output", "/dev/stdout"] + Self.inputs,
                                 environment: ["LEEWAY_SPOOL_BYTES": "100", "TMPDIR": folder.path])
        #expect(device.status == direct.status)
        #expect(device.stdout == direct.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "the temporary file was unlinked")
    }
}

extension CheckStreamCLITests {
    /// `--output /dev/stdout` with standard output appended to a file (`>> report`) adds the
    /// report after what the file held: the process's own descriptor is written where it
    /// stands, never replaced by a renamed file (which lost the file's first lines, and
    /// could replace `/dev/stdout` itself).
    @Test func outputToStandardOutputAppendsAfterARedirection() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json")
        try Data("earlier line\n".utf8).write(to: report)
        let command = "'\(CLI.executable.path)' check --format json --fail-on never --output /dev/stdout policies/acme-field-service.yaml >> '\(report.path)'"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", command]
        shell.currentDirectoryURL = CLI.root
        shell.environment = CLI.environment()
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let text = try String(contentsOf: report, encoding: .utf8)
        #expect(text.hasPrefix("earlier line\n{"), "\(text.prefix(80))")
        #expect(text.contains("\"findings\""))
        let direct = try CLI.run(["check", "--format", "json", "--fail-on", "never", "policies/acme-field-service.yaml"])
        #expect(text == "earlier line\n" + direct.stdout)
        // Nothing else was made beside the report, and `/dev/stdout` is still the link it was.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
        let link = try FileManager.default.attributesOfItem(atPath: "/dev/stdout")[.type] as? FileAttributeType
        #expect(link == .typeSymbolicLink || link == .typeCharacterSpecial)
    }
}

extension CheckStreamCLITests {
    /// `--output /dev/stdout` with standard output closed (`>&-`) is the report to a closed
    /// standard output: exit 2 and the reason, as without `--output` — not a report written
    /// to the `/dev/null` that stands in for the closed descriptor, and exit 0.
    @Test func outputToAClosedStandardOutputIsAnError() throws {
        for format in ["json", "text"] {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", "'\(CLI.executable.path)' check --format \(format) --fail-on never --output /dev/stdout policies/acme-field-service.yaml >&-"]
            shell.currentDirectoryURL = CLI.root
            shell.environment = CLI.environment()
            let err = Pipe()
            shell.standardError = err
            try shell.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 2, "\(format)")
            #expect(message.contains("standard output"), "\(format): \(message)")
        }
    }
}
