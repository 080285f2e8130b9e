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
        #expect(run.stderr.contains("<command line>:1:7: error: no such file or folder `does/not/exist.yaml`"), "\(run.stderr)")
        // The machine-readable report names the file itself.
        let json = try CLI.run(["check", "--format", "json", "does/not/exist.yaml"])
        #expect(json.stdout.contains("\"file\": \"does/not/exist.yaml\""), "\(json.stdout)")
    }

    @Test func jsonReportHasTheSpecShape() throws {
        let run = try CLI.run(["check", "--format", "json", "--fail-on", "never", "policies/"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Any]
        #expect(summary?["files"] as? Int == 4)
        #expect(object?["findings"] is [Any])
    }

    /// `--output` to a pipe or a device writes into it; it is never renamed over (as root,
    /// renaming over `/dev/null` would replace the device with a file).
    @Test func outputToAPipeWritesIntoThePipe() throws {
        let folder = try CLI.temporaryDirectory()
        let fifo = folder.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { box.data = handle.readDataToEndOfFile() }
        }
        reader.start()
        let run = try CLI.run(["check", "--format", "json", "--fail-on", "never", "--output", fifo, "policies/brightline-telecom.yaml"])
        #expect(run.status == 0)
        while !reader.isFinished { usleep(10_000) }
        var status = stat()
        #expect(stat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
        #expect(String(decoding: box.data, as: UTF8.self).contains("\"summary\""))
    }

    @Test func outputToAFileIsWrittenWholeAndReportsMore() throws {
        let folder = try CLI.temporaryDirectory()
        let json = folder.appendingPathComponent("check.json").path
        let sarif = folder.appendingPathComponent("check.sarif").path
        let run = try CLI.run(["check", "--output", json, "--format", "json", "--report", "sarif:\(sarif)", "policies/"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        #expect(object?["summary"] != nil)
        #expect(FileManager.default.fileExists(atPath: sarif))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["check.json", "check.sarif"])
    }

    @Test func aReportNeverOverwritesAnInput() throws {
        let folder = try CLI.temporaryDirectory()
        let policy = folder.appendingPathComponent("p.yaml").path
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("policies/brightline-telecom.yaml").path, toPath: policy)
        let before = try String(contentsOfFile: policy, encoding: .utf8)
        let run = try CLI.run(["check", "--output", policy, policy])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is one of the inputs"))
        #expect(try String(contentsOfFile: policy, encoding: .utf8) == before)
        let inFolder = try CLI.run(["check", "--report", "text:\(policy)", folder.path])
        #expect(inFolder.status == 2)
        #expect(try String(contentsOfFile: policy, encoding: .utf8) == before)
        let twice = try CLI.run(["check", "--report", "sarif:\(folder.path)/r.sarif", "--report", "json:\(folder.path)/r.sarif", policy])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("two reports would be written"))
    }

    @Test func unsupportedFormatIsAUsageError() throws {
        let run = try CLI.run(["check", "--format", "html", "policies/"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("`leeway check` writes `text`, `json`"))
    }
}
