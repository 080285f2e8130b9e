import Foundation
import Testing
import LeewayCore
import LeewayReporters
import LeewayRules

/// Paths and helpers shared by the reporter tests.
enum Fixtures {
    /// The package root (three levels above this file).
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let directory = root.appendingPathComponent("Tests/LeewayReportersTests/Fixtures")
    static let goldenDirectory = root.appendingPathComponent("Tests/LeewayReportersTests/Golden")
    static let sarifSchema = directory.appendingPathComponent("sarif-schema-2.1.0.json")
    static let validator = directory.appendingPathComponent("validate_json.py")

    /// A context as if `leeway` ran at the package root, with a fixed version.
    static func context(inputs: [String] = ["policies"], failOn: Severity? = .error) -> ReportContext {
        ReportContext(toolVersion: "0.0.0-test", command: "check", inputs: inputs,
                      paths: ArtifactPaths(workingDirectory: root.path, root: root.path), failOn: failOn)
    }

    /// Checks files given relative to the package root (the linter gets absolute paths;
    /// the CI reporters print them relative to the root, other reports are normalised).
    static func check(_ relativePaths: [String]) -> CheckResult {
        // A fixed day, so `expired-exception` findings do not change with the calendar.
        Linter(today: CalendarDate(year: 2026, month: 11, day: 23)).check(paths: relativePaths.map { root.appendingPathComponent($0).path })
    }

    /// Runs `python3 validate_json.py SCHEMA FILE…`; returns its exit status and output.
    /// Fails (never skips) when python3 or jsonschema is missing: the CI installs them.
    static func validate(schema: URL, files: [URL]) throws -> (status: Int32, output: String) {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", validator.path, schema.path] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-reporters-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}

/// Golden files: `Golden/<name>` holds the expected output. `LEEWAY_UPDATE_GOLDEN=1`
/// rewrites them; otherwise the test compares and fails naming that command.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["LEEWAY_UPDATE_GOLDEN"] == "1" }

    /// Anything machine-dependent in a report: the package root's absolute path.
    static func normalize(_ text: String) -> String {
        text.replacingOccurrences(of: Fixtures.root.path + "/", with: "")
    }

    static func check(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = Fixtures.goldenDirectory.appendingPathComponent(name)
        let actual = normalize(text)
        if updating {
            try FileManager.default.createDirectory(at: Fixtures.goldenDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name): run `LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayReportersTests`",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected,
                "\(name) differs from the golden file; if the change is intended, run `LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayReportersTests` and review the diff",
                sourceLocation: sourceLocation)
    }
}
