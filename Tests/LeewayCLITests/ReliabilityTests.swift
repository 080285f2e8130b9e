import Foundation
import Testing

/// Issue 16, "never crash, never lose a byte": each fault the hostile-input campaign found,
/// run as the report ran it (the built binary, closed and full streams, FIFOs, kills, huge
/// inputs generated here at test time) and the fixed behaviour asserted.
@Suite struct ReliabilityTests {
    static let acme = "policies/acme-field-service.yaml"
    static let goodLine = #"{"case": "J-1", "policy": "acme-field-service", "handled-by": "agent", "facts": {"issue": "late-arrival"}, "wants": [{"action": "issue-credit", "amount": "20 USD"}]}"#

    /// `sh -c SCRIPT` in the package root with `$LEEWAY` the built binary; `timeout` keeps
    /// any hang bounded (exit 124 would fail the test's status check).
    static func shell(_ script: String) throws -> CLIRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = CLI.root
        process.environment = CLI.environment(["LEEWAY": CLI.executable.path])
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        #expect(FileManager.default.createFile(atPath: out.path, contents: nil))
        #expect(FileManager.default.createFile(atPath: err.path, contents: nil))
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CLIRun(stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "", stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
                      status: process.terminationStatus)
    }

    /// Runs leeway under `/usr/bin/time`: the run, its peak resident memory in MB and seconds.
    static func measured(_ arguments: [String], directory: URL? = nil) throws -> (run: CLIRun, megabytes: Double, seconds: Double) {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("time").path
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let cd = directory.map { "cd '\($0.path)' && " } ?? ""
        let run = try shell("\(cd)/usr/bin/time -f '%M %e' -o '\(report)' \"$LEEWAY\" \(quoted)")
        // The last line is `%M %e` (a line before it may say the command's exit status).
        let last = ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "0 0").split(separator: "\n").last ?? "0 0"
        let fields = last.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        return (run, (fields.first ?? 0) / 1024, fields.count > 1 ? fields[1] : 0)
    }

    // MARK: - 1. Closed or unusable standard streams

    @Test(arguments: [
        "check - <&-", "eval \(acme) - <&-", "test - <&-", "diff - \(acme) <&-", "eval \(acme) - --format jsonl <&-",
    ])
    func closedStandardInputIsAnInputError(_ command: String) throws {
        let run = try Self.shell("timeout 30 \"$LEEWAY\" \(command)")
        #expect(run.status == 2, "\(run.stderr)")
        #expect((run.stdout + run.stderr).contains("standard input is closed"), "\(run.stdout)\(run.stderr)")
        #expect((run.stdout + run.stderr).contains("name the file instead of `-`"))
    }

    @Test(arguments: ["check - < /tmp", "eval \(acme) - < /tmp", "eval \(acme) - --format jsonl < /tmp"])
    func aFolderAsStandardInputIsAnInputError(_ command: String) throws {
        let run = try Self.shell("timeout 30 \"$LEEWAY\" \(command)")
        #expect(run.status == 2)
        #expect((run.stdout + run.stderr).contains("`<stdin>` is a folder, not a file"), "\(run.stdout)\(run.stderr)")
    }

    @Test func closedStandardOutputFailsLoudly() throws {
        let run = try Self.shell("timeout 30 \"$LEEWAY\" check \(Self.acme) >&-")
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: cannot write the report to standard output: it is closed"), "\(run.stderr)")
        #expect(run.stderr.contains("--output FILE"))
    }

    // MARK: - 2. Write errors are never success

    @Test(arguments: [
        "eval \(acme) examples/cases/acme-late-technician.yaml --format jsonl", "eval \(acme) examples/cases/acme-late-technician.yaml",
        "check \(acme)", "check --format json \(acme)", "test", "diff \(acme) examples/diff/acme-field-service-improved.yaml",
    ])
    func aFullStandardOutputIsExit2(_ command: String) throws {
        let run = try Self.shell("timeout 60 \"$LEEWAY\" \(command) > /dev/full")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("cannot write the report to standard output: No space left on device"), "\(run.stderr)")
    }

    @Test func aFullOutputFileIsExit2NamingIt() throws {
        let run = try Self.shell("timeout 60 \"$LEEWAY\" eval \(Self.acme) examples/cases/acme-late-technician.yaml --format jsonl --output /dev/full")
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write `/dev/full`: No space left on device"), "\(run.stderr)")
    }

    /// A reader that goes away (`| head`) is a write error too (EPIPE), not a silent SIGPIPE death.
    @Test func aClosedPipeIsExit2() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try String(contentsOf: CLI.root.appendingPathComponent(Self.acme), encoding: .utf8)
        for index in 0..<40 { try source.write(to: folder.appendingPathComponent("p\(index).yaml"), atomically: true, encoding: .utf8) }
        let run = try Self.shell("(timeout 60 \"$LEEWAY\" check '\(folder.path)'; echo \"status=$?\" >&2) | head -c 10 > /dev/null")
        #expect(run.stderr.contains("status=2"), "\(run.stderr)")
        #expect(run.stderr.contains("cannot write the report to standard output: Broken pipe"), "\(run.stderr)")
    }

    // MARK: - 3. Special files

    @Test func aFIFOInAFolderIsPassedOverWithANote() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(Self.acme), to: folder.appendingPathComponent("acme.yaml"))
        // The case without its `policy-file:` (a path relative to examples/cases): the copy of
        // the policy beside it is the one it names.
        let caseText = try String(contentsOf: CLI.root.appendingPathComponent("examples/cases/acme-late-technician.yaml"), encoding: .utf8)
        try caseText.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("policy-file:") }
            .joined(separator: "\n").write(to: folder.appendingPathComponent("case.yaml"), atomically: true, encoding: .utf8)
        #expect(mkfifo(folder.appendingPathComponent("blocked.yaml").path, 0o644) == 0)
        #expect(mkfifo(folder.appendingPathComponent("blocked.jsonl").path, 0o644) == 0)
        for command in ["check", "eval \(Self.acme)", "eval \(Self.acme) --format jsonl", "test"] {
            let run = try Self.shell("timeout 30 \"$LEEWAY\" \(command) '\(folder.path)'")
            #expect(run.status != 124, "\(command) hung")
            #expect(run.status == (command == "check" ? 1 : 0), "\(command): \(run.stderr)")
            #expect(run.stderr.contains("note: passed over `\(folder.path)/blocked.yaml`: not a regular file (a FIFO, socket or device)"),
                    "\(command): \(run.stderr)")
        }
    }

    @Test func aFIFONamedOnTheCommandLineIsRead() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("policy.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let run = try Self.shell("cat \(Self.acme) > '\(fifo)' & timeout 30 \"$LEEWAY\" check '\(fifo)'")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("checked 1 file: 1 error, 23 warnings, 1 note"), "\(run.stdout)")
    }

    // MARK: - 4. A file an option writes is never one of the inputs

    @Test(arguments: [
        ["check", "--write-baseline", "P", "P"], ["check", "--write-baseline", "LINK", "P"], ["check", "--output", "LINK", "P"],
        ["check", "--report", "json:P", "P"], ["check", "--write-baseline", "C", "--config", "C", "P"],
        ["eval", "P", "CASE", "--output", "CASE"], ["eval", "P", "CASE", "--fix", "--cases", "P"],
    ])
    func writingOverAnInputIsRefused(_ arguments: [String]) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = folder.appendingPathComponent("p.yaml"), link = folder.appendingPathComponent("link.yaml")
        let config = folder.appendingPathComponent(".leeway.yml"), caseFile = folder.appendingPathComponent("case.yaml")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(Self.acme), to: policy)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/cases/acme-late-technician.yaml"), to: caseFile)
        try "fail-on: error\n".write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: policy)
        let before = try Data(contentsOf: policy), caseBefore = try Data(contentsOf: caseFile), configBefore = try Data(contentsOf: config)
        let replaced = arguments.map { argument -> String in
            argument.replacingOccurrences(of: "LINK", with: link.path).replacingOccurrences(of: "CASE", with: caseFile.path)
                .replacingOccurrences(of: "json:P", with: "json:" + policy.path)
                .replacingOccurrences(of: "C", with: argument == "C" ? config.path : "C")
                .replacingOccurrences(of: "P", with: argument == "P" ? policy.path : "P")
        }
        let run = try CLI.run(replaced)
        #expect(run.status == 2, "\(replaced) \(run.stderr)")
        #expect(run.stderr.contains("is one of the inputs: writing there would overwrite it"), "\(run.stderr)")
        #expect(try Data(contentsOf: policy) == before)
        #expect(try Data(contentsOf: caseFile) == caseBefore)
        #expect(try Data(contentsOf: config) == configBefore)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == policy.path)
    }

    // MARK: - 5. Long numbers in JSON Lines

    /// 19 digits, or 19 decimals, used to trap the fast path and lose the whole batch. Now
    /// the line goes the general loader's way in every format: what it accepts (exact
    /// decimals) is evaluated, what it refuses is a located error for that line only.
    @Test(arguments: [("1234567890123456789 USD", true), ("1.1234567890123456789 USD", true), ("9223372036854775808 USD", true),
                      ("12345678901234567890123456789012345678901 USD", false), ("9223372036854775808", true)])
    func aLongAmountIsHandledLikeTheGeneralLoaderDoes(_ amount: String, _ accepted: Bool) throws {
        let bad = Self.goodLine.replacingOccurrences(of: "J-1", with: "J-2").replacingOccurrences(of: "20 USD", with: amount)
        let lines = [Self.goodLine, bad, Self.goodLine.replacingOccurrences(of: "J-1", with: "J-3")].joined(separator: "\n") + "\n"
        for format in ["jsonl", "json", "text"] {
            let run = try CLI.run(["eval", Self.acme, "-", "--format", format], stdin: lines)
            #expect(run.status == (accepted ? 0 : 2), "\(format): \(run.stderr)")
            #expect(run.stdout.contains("J-1") && run.stdout.contains("J-3"), "\(format)")
            if accepted {
                #expect(run.stdout.contains("J-2"), "\(format)")
            } else {
                #expect(run.stderr.contains("<stdin>:2:"), "\(format): \(run.stderr)")
                #expect(!run.stdout.contains("\"J-2\""), "\(format)")
            }
        }
    }

    @Test(arguments: [(#""order-value": "12345678901234567890 USD""#, true), (#""order-value": "1.12345678901234567890 USD""#, true),
                      (#""order-value": "123456789012345678901234567890123456789012 USD""#, false), (#""waited": "99999999999999999999h""#, false),
                      (#""waited": "106751991167301d""#, false)])
    func aLongFactIsHandledLikeTheGeneralLoaderDoes(_ fact: String, _ accepted: Bool) throws {
        let bad = #"{"case": "J-2", "policy": "acme-field-service", "handled-by": "agent", "facts": {"issue": "late-arrival", "#
            + fact + #"}, "wants": [{"action": "issue-credit", "amount": "20 USD"}]}"#
        let run = try CLI.run(["eval", Self.acme, "-", "--format", "jsonl"], stdin: Self.goodLine + "\n" + bad + "\n" + Self.goodLine + "\n")
        #expect(run.status == (accepted ? 0 : 2), "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == (accepted ? 3 : 2))
        if !accepted { #expect(run.stderr.contains("<stdin>:2:"), "\(run.stderr)") }
    }

    /// Found by FuzzLines (Fuzz/Corpus/FuzzLines/crash-4619fc09…): an amount past the
    /// fixed-point range came out of the fast JSON Lines path as `0 USD` while the loader
    /// (text, JSON) kept it exact. Both paths now write the same line.
    @Test func anAmountPastFixedPointIsTheSameInJSONLinesAndJSON() throws {
        let line = Self.goodLine.replacingOccurrences(of: "20 USD", with: "99999999999999 USD")
        let jsonl = try CLI.run(["eval", Self.acme, "-", "--format", "jsonl"], stdin: line + "\n")
        #expect(jsonl.status == 0)
        #expect(jsonl.stdout.contains(#""amount":"99999999999999 USD""#), "\(jsonl.stdout)")
        let json = try CLI.run(["eval", Self.acme, "-", "--format", "json"], stdin: line + "\n")
        #expect(json.stdout.contains(#""amount": "99999999999999 USD""#), "\(json.stdout)")
    }

    /// Found by FuzzCases (Fuzz/Corpus/FuzzCases/crash-1d068fba…): a lone carriage return
    /// is a line break to libyaml only, so the streamed (`--format jsonl`) and whole-file
    /// reads of a YAML case file gave different line numbers. It is now a located error,
    /// the same in every format.
    @Test func aLoneCarriageReturnIsALocatedErrorInEveryFormat() throws {
        let text = "case: C-1\npolicy: acme-field-service\nhandled-by: agent\nwants:\n  - { action: issue-credit, amount: 20 USD }\n"
            + "expect:\n  issue\rcredit: allowed\n"
        for format in ["text", "json", "jsonl"] {
            let run = try CLI.run(["eval", Self.acme, "-", "--format", format], stdin: text)
            #expect(run.status == 2, "\(format)")
            #expect(run.stderr.contains("<stdin>:7:8: error: a carriage return without a newline"), "\(format): \(run.stderr)")
        }
    }

    /// A 50-MB line is an error for that line, passed over unread: the lines around it are
    /// evaluated, and memory stays bounded (under 100 MB for the JSON Lines stream).
    @Test func aFiftyMegabyteLineIsPassedOverInBoundedMemory() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.jsonl")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        handle.write(Data((Self.goodLine + "\n").utf8))
        handle.write(Data(#"{"case": "J-2", "handled-by": "agent", "customer": {"problem": ""#.utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1024 * 1024)
        for _ in 0..<50 { handle.write(block) }
        handle.write(Data((#""}, "wants": [{"action": "issue-credit"}]}"# + "\n").utf8))
        handle.write(Data((Self.goodLine.replacingOccurrences(of: "J-1", with: "J-3") + "\n").utf8))
        try handle.close()
        let (run, megabytes, seconds) = try Self.measured(["eval", Self.acme, file.path, "--format", "jsonl"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("big.jsonl:2:1: error: this line is 50.0 MB; a case on one JSON line is at most 1.0 MB"), "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(megabytes < 100, "peak \(megabytes) MB")
        #expect(seconds < 120)
        // The whole-file formats refuse the line the same way.
        let text = try CLI.run(["eval", Self.acme, file.path])
        #expect(text.status == 2)
        #expect(text.stderr.contains("big.jsonl:2:1: error: this line is 50.0 MB"))
        #expect(text.stdout.contains("J-1") && text.stdout.contains("J-3"))
    }

    /// A case of a million wants is refused where its document passes the node limit:
    /// bounded time and memory (README, reliability).
    @Test func aMillionWantCaseIsRefusedInBoundedTimeAndMemory() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "case: C-M\npolicy: acme-field-service\nhandled-by: agent\nfacts: { issue: late-arrival }\nwants:\n"
        text.reserveCapacity(45_000_000)
        for _ in 0..<1_000_000 { text += "  - { action: issue-credit, amount: 1 USD }\n" }
        let file = folder.appendingPathComponent("million.yaml")
        try text.write(to: file, atomically: false, encoding: .utf8)
        for format in ["text", "jsonl"] {
            let (run, megabytes, seconds) = try Self.measured(["eval", Self.acme, file.path, "--format", format])
            #expect(run.status == 2, "\(format): \(run.stderr)")
            #expect(run.stderr.contains("million.yaml:50003:15: error: the document has more than 250000 values"), "\(run.stderr)")
            #expect(megabytes < 300, "\(format): peak \(megabytes) MB")
            // Generous: `swift test` runs this on a debug build, in parallel with everything
            // else (release: 1–4 s; README, reliability).
            #expect(seconds < 120, "\(format): \(seconds) s")
        }
        // Just past the wants limit: a located error at `wants`, fast.
        var over = "case: C-W\npolicy: acme-field-service\nhandled-by: agent\nwants:\n"
        for _ in 0..<1001 { over += "  - { action: issue-credit, amount: 1 USD }\n" }
        try over.write(to: file, atomically: false, encoding: .utf8)
        let run = try CLI.run(["eval", Self.acme, file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("million.yaml:5:3: error: the case wants 1001 things; a case has at most 1000 wants"), "\(run.stderr)")
    }

    /// A thousand wants (the most a case may have) with overrides: linear, not quadratic.
    @Test func aThousandWantsWithOverridesIsFast() throws {
        var text = "case: C-K\npolicy: acme-field-service\nhandled-by: agent\nfacts: { issue: late-arrival }\nwants:\n"
        for index in 0..<1000 {
            text += index % 2 == 0 ? "  - { action: reschedule-visit, amount: 1h }\n" : "  - { action: issue-credit, amount: \(300 + index % 5) USD }\n"
        }
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("wants.yaml")
        try text.write(to: file, atomically: false, encoding: .utf8)
        let (run, _, seconds) = try Self.measured(["eval", Self.acme, file.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(seconds < 60, "\(seconds) s")
    }

    // MARK: - 6. Durations at the top of the range

    @Test func durationSumsSaturateInsteadOfTrapping() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try String(contentsOf: CLI.root.appendingPathComponent(Self.acme), encoding: .utf8)
        for (old, new) in [("wait: 2d", "wait: 106751991167300d"), ("within: 1d }", "within: 106751991167300d }"),
                           ("reachable-within: 2d", "reachable-within: 106751991167300d"), ("within: 3d }", "within: 106751991167300d }")] {
            text = text.replacingOccurrences(of: old, with: new)
        }
        let policy = folder.appendingPathComponent("p.yaml")
        try text.write(to: policy, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["check", policy.path]).status == 1)
        for format in ["text", "json", "jsonl"] {
            let run = try CLI.run(["eval", policy.path, "--as", "agent", "--want", "issue-credit=500", "--fact", "issue=billing-error",
                                   "--format", format])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            #expect(run.stdout.contains("106751991167300d15h30m7s"), "\(format): \(run.stdout)")
        }
    }

    // MARK: - 7. Closed or full standard error

    @Test(arguments: ["2>&-", "2>/dev/full"])
    func aClosedOrFullStandardErrorIsNoTrap(_ redirect: String) throws {
        let missing = try Self.shell("timeout 30 \"$LEEWAY\" eval \(Self.acme) missing.yaml \(redirect); echo \"status=$?\"")
        #expect(missing.stdout.contains("status=2"), "\(missing.stdout)")
        // A run that had nothing to say on standard error keeps its own exit code.
        let clean = try Self.shell("timeout 30 \"$LEEWAY\" eval \(Self.acme) examples/cases/acme-late-technician.yaml \(redirect) > /dev/null; echo \"status=$?\"")
        #expect(clean.stdout.contains("status=0"), "\(clean.stdout)")
        // One whose notes are lost cannot claim success.
        let noted = try Self.shell("timeout 30 \"$LEEWAY\" eval \(Self.acme) examples/cases/acme-late-technician.yaml --format jsonl \(redirect) > /dev/null; echo \"status=$?\"")
        #expect(noted.stdout.contains("status=2"), "\(noted.stdout)")
    }

    // MARK: - 8. --fix through links, and read-only files

    @Test func fixWritesThroughASymbolicLink() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = folder.appendingPathComponent("real.yaml"), link = folder.appendingPathComponent("link.yaml")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(Self.acme), to: policy)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.yaml")
        let before = try String(contentsOf: policy, encoding: .utf8)
        let run = try CLI.run(["check", "--fix", "link.yaml"], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.yaml")
        let after = try String(contentsOf: policy, encoding: .utf8)
        #expect(after != before)
        #expect(after.contains("appointment-window: { window: 2h"), "\(after)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".leeway-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func fixRefusesAReadOnlyFile() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = folder.appendingPathComponent("p.yaml")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(Self.acme), to: policy)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: policy.path)
        let before = try Data(contentsOf: policy)
        for arguments in [["check", "--fix", "p.yaml"], ["eval", "p.yaml", CLI.root.appendingPathComponent("examples/cases/acme-late-technician.yaml").path, "--fix"]] {
            let run = try CLI.run(arguments, directory: folder)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("error: `p.yaml` is read-only: nothing written"), "\(run.stderr)")
            #expect(run.stderr.contains("chmod u+w p.yaml"))
            #expect(try Data(contentsOf: policy) == before)
            let mode = try FileManager.default.attributesOfItem(atPath: policy.path)[.posixPermissions] as? Int
            #expect(mode == 0o444)
        }
    }

    // MARK: - 9. No debris after a kill

    /// The run reads cases from a pipe that stays open, so it is still writing its
    /// temporary output file when the signal comes.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalDuringOutputLeavesNoTemporaryFile(_ signalNumber: Int32) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["eval", CLI.root.appendingPathComponent(Self.acme).path, "-", "--format", "jsonl",
                             "--output", folder.appendingPathComponent("out.jsonl").path]
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((Self.goodLine + "\n").utf8))
        let deadline = Date().addingTimeInterval(30)
        var sawTemporary = false
        while Date() < deadline && process.isRunning && !sawTemporary {
            sawTemporary = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.contains { $0.hasPrefix(".out.jsonl.leeway-") } == true
            if !sawTemporary { usleep(20_000) }
        }
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(sawTemporary)
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signalNumber)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(entries.isEmpty, "\(entries)")
    }

    @Test func aStaleTemporaryFileIsRemovedByTheNextRun() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The PID of a process that has exited: its temporary files are debris.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let pid = finished.processIdentifier
        for name in [".out.json.leeway-\(pid).tmp", "out.json.leeway-\(pid).tmp"] {
            try "partial".write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        try "other".write(to: folder.appendingPathComponent(".other.json.leeway-\(pid).tmp"), atomically: false, encoding: .utf8)
        let run = try CLI.run(["check", "--format", "json", "--output", folder.appendingPathComponent("out.json").path, Self.acme])
        #expect(run.status == 1)
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(entries == [".other.json.leeway-\(pid).tmp", "out.json"], "\(entries)")
    }

    // MARK: - 10. One exit code per outcome, in every format

    @Test(arguments: ["text", "json", "jsonl"])
    func anEmptyCaseFileIsExit2InEveryFormat(_ format: String) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["empty.jsonl", "empty.yaml"] {
            let file = folder.appendingPathComponent(name)
            try "\n".write(to: file, atomically: true, encoding: .utf8)
            let run = try CLI.run(["eval", Self.acme, file.path, "--format", format])
            #expect(run.status == 2, "\(name) \(format)")
            #expect(run.stderr.contains("\(name):1:1: error:"), "\(run.stderr)")
        }
    }

    @Test(arguments: ["unknown-role.yaml", "tabs.yaml", "empty.yaml", "not-a-mapping.yaml"])
    func testOnANamedUnusableFileIsExit2(_ file: String) throws {
        let run = try CLI.run(["test", "Tests/LeewayCLITests/Fixtures/broken/\(file)"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("Tests/LeewayCLITests/Fixtures/broken/\(file)"), "\(run.stderr)")
        #expect(!run.stderr.contains("skipped"))
    }

    @Test func evalAndDiffWriteTheirJSONDocumentForABrokenPolicy() throws {
        let broken = "Tests/LeewayCLITests/Fixtures/broken/unknown-role.yaml"
        for arguments in [["eval", broken, "examples/cases/acme-late-technician.yaml", "--format", "json"],
                          ["diff", broken, Self.acme, "--format", "json"], ["check", broken, "--format", "json"]] {
            let run = try CLI.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let errors = (object?["errors"] ?? object?["findings"]) as? [[String: Any]] ?? []
            #expect(errors.first?["line"] as? Int == 11, "\(arguments): \(run.stdout)")
            #expect(errors.first?["rule"] as? String == "invalid-policy")
        }
    }

    // MARK: - 11. Large inputs in bounded memory

    /// `--patch` on a 16,000-line policy: linear diff, well under 100 MB.
    @Test func patchOnASixteenThousandLinePolicyStaysSmall() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try String(contentsOf: CLI.root.appendingPathComponent(Self.acme), encoding: .utf8)
        for index in 0..<16_000 { text += "# review note \(index): kept as written\n" }
        try text.write(to: folder.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
        let (run, megabytes, seconds) = try Self.measured(["check", "--patch", "big.yaml"], directory: folder)
        // The one finding left has no mechanical fix and is a warning: exit 0.
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("--- a/big.yaml\n+++ b/big.yaml\n"))
        #expect(run.stdout.contains("+  appointment-window: { window: 2h"), "\(run.stdout)")
        #expect(megabytes < 100, "peak \(megabytes) MB")
        #expect(seconds < 60)
    }

    /// `check` on 10,000 policy files streams its findings file by file: under 200 MB.
    @Test func checkOnTenThousandFilesStaysUnder200MB() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try ["acme-field-service", "brightline-telecom", "northwind-returns"].map {
            try Data(contentsOf: CLI.root.appendingPathComponent("policies/\($0).yaml"))
        }
        for index in 0..<10_000 {
            #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent("p\(index).yaml").path, contents: sources[index % 3]))
        }
        let (run, megabytes, _) = try Self.measured(["check", folder.path])
        #expect(run.status == 1)
        #expect(run.stdout.hasSuffix("checked 10000 files: 3334 errors, 90014 warnings, 3334 notes\n"), "\(run.stdout.suffix(200))")
        #expect(megabytes < 200, "peak \(megabytes) MB")
    }
}
