import Foundation
import Testing

/// `--patch` and `--fix`, end to end with the built `leeway` and `git apply`: the diff
/// applies, the policy then allows what the cases want (or loses the findings fixed),
/// and every comment of the original file is still there.
@Suite(.serialized) struct PatchTests {
    /// The shipped example case files and the policy each names.
    static let examples: [(cases: String, policy: String)] = {
        let folder = CLI.root.appendingPathComponent("examples/cases")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8),
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix("policy-file:") }) else { return nil }
            // `policy-file: ../../policies/acme-field-service.yaml   # …`, relative to the case file.
            let file = line.dropFirst("policy-file:".count).split(separator: "#")[0].trimmingCharacters(in: .whitespaces)
            var parts = ["examples", "cases"]
            for part in file.split(separator: "/") {
                if part == ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
            }
            let policy = parts.joined(separator: "/")
            return ("examples/cases/\(name)", policy)
        }
    }()

    /// A temporary git work tree holding copies of `files` (paths relative to the root).
    static func workTree(_ files: [String]) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        for file in files {
            let target = directory.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(file), to: target)
        }
        try git(["init", "-q", "."], in: directory)
        return directory
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: URL, stdin: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Every comment of a text, from its `#` to the end of its line (the line itself may
    /// change around it: `min: 2` → `min: 0   # loyal customers only`).
    static func comments(_ text: String) -> [Substring] {
        text.split(separator: "\n").compactMap { line in line.firstIndex(of: "#").map { line[$0...] } }
    }

    static func outcomes(_ json: String) throws -> [String: [String]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var out: [String: [String]] = [:]
        for item in object["cases"] as? [[String: Any]] ?? [] {
            let decisions = item["decisions"] as? [[String: Any]] ?? []
            out[item["case"] as? String ?? "?"] = decisions.map { $0["outcome"] as? String ?? "?" }
        }
        return out
    }

    @Test func everyExampleCaseHasExamples() {
        #expect(Self.examples.count >= 4)
    }

    @Test(arguments: examples.map(\.cases))
    func evalPatchAppliesAndAllowsEveryWant(cases: String) throws {
        let policy = try #require(Self.examples.first { $0.cases == cases }?.policy)
        let tree = try Self.workTree([policy, cases])
        let original = try String(contentsOf: tree.appendingPathComponent(policy), encoding: .utf8)
        let patch = try CLI.run(["eval", policy, cases, "--patch"], directory: tree)
        #expect(patch.status == 0, "\(patch.stderr)")
        if !patch.stdout.isEmpty {
            #expect(patch.stdout.hasPrefix("--- a/\(policy)\n+++ b/\(policy)\n"))
            let check = try Self.git(["apply", "--check", "-"], in: tree, stdin: patch.stdout)
            #expect(check.status == 0, "git apply --check: \(check.output)")
            try Self.git(["apply", "-"], in: tree, stdin: patch.stdout)
        }
        let after = try CLI.run(["eval", policy, cases, "--format", "json"], directory: tree)
        #expect(after.status == 0, "\(after.stderr)")
        // Every want is allowed, but those the patch said no change opens (a locked fact).
        let json = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        for item in json["cases"] as? [[String: Any]] ?? [] {
            let id = item["case"] as? String ?? "?"
            for decision in item["decisions"] as? [[String: Any]] ?? [] where decision["outcome"] as? String != "allowed" {
                let action = decision["action"] as? String ?? "?"
                #expect(patch.stderr.contains("no override found for `\(action)` in case `\(id)`"), "\(id): \(action) is \(decision["outcome"] ?? "?")")
                let reasons = (item["noChange"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
                #expect(!reasons.isEmpty, "\(id): no reason given for \(action)")
            }
        }
        let patched = try String(contentsOf: tree.appendingPathComponent(policy), encoding: .utf8)
        for comment in Self.comments(original) {
            #expect(patched.contains(comment), "comment lost: \(comment)")
        }
        // Nothing left to patch.
        let again = try CLI.run(["eval", policy, cases, "--patch"], directory: tree)
        #expect(again.stdout.isEmpty)
    }

    /// The phone-swap example (issue 14): a store employee may swap a broken phone only for
    /// customers of two years' standing and with a manager's approval. A new customer's
    /// case gets a two-edit override, and `git apply` takes its patch.
    @Test func thePhoneSwapCaseGetsATwoEditPatchThatGitApplies() throws {
        let policy = "examples/policies/store-phone-swap.yaml", cases = "examples/cases/store-phone-swap.yaml"
        let tree = try Self.workTree([policy, cases])
        let json = try CLI.run(["eval", policy, cases, "--format", "json"], directory: tree)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let first = try #require((object["cases"] as? [[String: Any]])?.first)
        let override = try #require((first["overrides"] as? [[String: Any]])?.first)
        let steps = try #require(override["steps"] as? [[String: Any]])
        #expect(steps.map { $0["kind"] as? String } == ["relax-when", "drop-approval"])
        #expect((override["breadth"] as? [String: Any])?["boundsMoved"] as? Int == 1)
        let patch = try CLI.run(["eval", policy, cases, "--patch"], directory: tree)
        #expect(patch.status == 0, "\(patch.stderr)")
        #expect(patch.stdout.contains("-        when: { customer-years: { min: 2 }, reported-stolen: false }     # loyal customers only\n"))
        #expect(patch.stdout.contains("+        when: { customer-years: { min: 0 }, reported-stolen: false }     # loyal customers only\n"))
        #expect(patch.stdout.contains("+      - { role: store-employee, when: { customer-years: { min: 0 }, reported-stolen: false } }\n"))
        let check = try Self.git(["apply", "--check", "-"], in: tree, stdin: patch.stdout)
        #expect(check.status == 0, "git apply --check: \(check.output)")
        try Self.git(["apply", "-"], in: tree, stdin: patch.stdout)
        let after = try CLI.run(["eval", policy, cases, "--format", "json"], directory: tree)
        #expect(try Self.outcomes(after.stdout)["S-12"] == ["allowed"])
        // The stolen phone stays blocked: the law is locked.
        #expect(try Self.outcomes(after.stdout)["S-13"] == ["blocked", "allowed"])
    }

    @Test func evalFixWritesInPlace() throws {
        let policy = "policies/acme-field-service.yaml", cases = "examples/cases/acme-late-technician.yaml"
        let tree = try Self.workTree([policy, cases])
        let fix = try CLI.run(["eval", policy, cases, "--fix"], directory: tree)
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(fix.stdout.isEmpty)
        #expect(fix.stderr.contains("applied 2 changes to `\(policy)`"))
        let text = try String(contentsOf: tree.appendingPathComponent(policy), encoding: .utf8)
        #expect(text.contains("        up-to: 40 USD\n"))
        #expect(text.contains("      - { role: agent, at-least: 1h }\n"))
        // The rest is byte for byte the original: the diff touches two lines.
        let diff = try Self.git(["diff", "--no-index", "--numstat", CLI.root.appendingPathComponent(policy).path, policy], in: tree)
        #expect(diff.output.hasPrefix("2\t2\t"), "\(diff.output)")
    }

    @Test func fixRefusesWhenThePolicyChangedSinceItWasRead() throws {
        let policy = "policies/acme-field-service.yaml"
        let tree = try Self.workTree([policy])
        // The case comes through a FIFO: `leeway` has read the policy by the time it opens
        // the case, so the policy can be changed in between, deterministically.
        let fifo = tree.appendingPathComponent("case.yaml")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        final class Box: @unchecked Sendable { var run: CLIRun? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            box.run = try? CLI.run(["eval", policy, "case.yaml", "--fix"], directory: tree)
            done.signal()
        }
        let writer = try #require(FileHandle(forWritingAtPath: fifo.path))  // blocks until leeway opens it
        let policyURL = tree.appendingPathComponent(policy)
        let changed = try String(contentsOf: policyURL, encoding: .utf8) + "# edited meanwhile\n"
        try changed.write(to: policyURL, atomically: false, encoding: .utf8)
        writer.write(try Data(contentsOf: CLI.root.appendingPathComponent("examples/cases/acme-late-technician.yaml")))
        try writer.close()
        done.wait()
        let run = try #require(box.run)
        #expect(run.status == 2)
        #expect(run.stderr.contains("`\(policy)` changed since it was read: nothing written"))
        #expect(try String(contentsOf: policyURL, encoding: .utf8) == changed)
    }

    @Test func evalJSONCarriesOverridesAndTheCustomerMessage() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let item = try #require((object["cases"] as? [[String: Any]])?.first)
        let overrides = try #require(item["overrides"] as? [[String: Any]])
        #expect(overrides.count == 2)
        let patch = try #require(overrides.last?["patch"] as? [String: Any])
        #expect(patch["file"] as? String == "policies/acme-field-service.yaml")
        #expect(patch["line"] as? Int == 51)
        #expect(patch["from"] as? String == "at-least: 4h")
        #expect(patch["to"] as? String == "at-least: 1h")
        #expect((item["customerMessage"] as? String)?.contains("within 15 minutes") == true)
    }

    @Test func evalTextShowsTheOverrideAndTheMessageUnderTheVerdict() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml"])
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let verdict = try #require(lines.firstIndex { $0.contains("verdict:") })
        #expect(lines[verdict + 1].contains("do the right thing: raise `agent`'s own limit on `issue-credit` from `25 USD` to `40 USD`"))
        #expect(lines.contains { $0.contains("tell the customer now: “You told us: ‘No internet since Monday’") })
        let spanish = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml", "--lang", "es"])
        #expect(spanish.stdout.contains("haz lo correcto: sube el límite propio de `agent`"))
        #expect(spanish.stdout.contains("dile ahora al cliente: “Nos ha contado: «No internet since Monday»"))
    }

    @Test func evalCasesRanksAndCounts() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml",
                               "--cases", "examples/cases", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let item = try #require((object["cases"] as? [[String: Any]])?.first)
        let overrides = try #require(item["overrides"] as? [[String: Any]])
        for override in overrides {
            #expect((override["casesHelped"] as? Int ?? 0) >= 1)
            #expect(override["cost"] is [String: Any])
        }
    }

    @Test func patchWithACorpusSaysWhatTheWholeChangeDoes() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/cases/acme-more.yaml", "--patch",
                               "--cases", "examples/cases/acme-more.yaml", "--cases", "examples/cases/acme-late-technician.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("--- a/policies/acme-field-service.yaml\n"))
        #expect(run.stderr.contains("helps 3 of 4 cases, 1 of them resolved at first contact; newly allowed at the frontline: 340 USD"))
    }

    @Test func checkPatchAppliesAndRemovesTheFindingsItAddresses() throws {
        let policy = "policies/acme-field-service.yaml"
        let tree = try Self.workTree([policy])
        let original = try String(contentsOf: tree.appendingPathComponent(policy), encoding: .utf8)
        let before = try CLI.run(["check", policy, "--format", "json"], directory: tree)
        let patch = try CLI.run(["check", "--patch", policy], directory: tree)
        #expect(patch.stdout.hasPrefix("--- a/\(policy)\n+++ b/\(policy)\n"))
        #expect(patch.stderr.contains("fixed 24 findings"))
        let check = try Self.git(["apply", "--check", "-"], in: tree, stdin: patch.stdout)
        #expect(check.status == 0, "git apply --check: \(check.output)")
        try Self.git(["apply", "-"], in: tree, stdin: patch.stdout)
        let after = try CLI.run(["check", policy, "--format", "json"], directory: tree)
        func rules(_ json: String) throws -> [String] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            return (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        }
        #expect(try rules(before.stdout).count == 25)
        #expect(try rules(after.stdout) == ["handoff-chain"])
        let patched = try String(contentsOf: tree.appendingPathComponent(policy), encoding: .utf8)
        for line in original.split(separator: "\n") where line.hasPrefix("#") {
            #expect(patched.contains(line + "\n"))
        }
    }

    @Test func checkFixWritesAndTheExitCodeJudgesWhatIsLeft() throws {
        let policy = "policies/acme-field-service.yaml"
        let tree = try Self.workTree([policy])
        let fix = try CLI.run(["check", "--fix", policy, "--fail-on", "warning"], directory: tree)
        #expect(fix.status == 1)  // handoff-chain is left, a warning
        #expect(fix.stdout.isEmpty)
        let again = try CLI.run(["check", policy], directory: tree)
        #expect(again.status == 0)
    }

    @Test func aGoodPolicyNeedsNoPatch() throws {
        let run = try CLI.run(["check", "--patch", "policies/brightline-telecom.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test func patchIsRefusedWithJSONLines() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/cases/acme-more.yaml", "--patch", "--format", "jsonl"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
    }
}
