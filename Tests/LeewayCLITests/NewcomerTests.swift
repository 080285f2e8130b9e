import Foundation
import Testing

/// What a newcomer and a CI integrator tripped on (issue 18), end to end on the built
/// `leeway`: each test names the item it covers.
@Suite struct NewcomerTests {
    // MARK: 1. Two policy sets with one id

    @Test(arguments: [["examples"], ["policies", "examples"], ["examples", "policies"], []])
    func theShippedExamplesPassWhateverThePaths(_ paths: [String]) throws {
        let run = try CLI.run(["test"] + paths)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✔ 23 cases passed"), "\(run.stdout)")
        #expect(!run.stderr.contains("policy sets,"), "the passed-over note never says policy sets were skipped: \(run.stderr)")
    }

    /// A folder holding two files with one policy id and cases that do not say which.
    static func twoFilesOneId() throws -> URL {
        let folder = try CLI.temporaryDirectory()
        let manager = FileManager.default
        for sub in ["policies", "variants", "cases"] {
            try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try manager.copyItem(at: CLI.root.appendingPathComponent("policies/acme-field-service.yaml"),
                             to: folder.appendingPathComponent("policies/acme.yaml"))
        try manager.copyItem(at: CLI.root.appendingPathComponent("examples/diff/acme-field-service-improved.yaml"),
                             to: folder.appendingPathComponent("variants/acme-improved.yaml"))
        var text = try String(contentsOf: CLI.root.appendingPathComponent("examples/cases/acme-late-technician.yaml"), encoding: .utf8)
        text = text.components(separatedBy: "\n").filter { !$0.hasPrefix("policy-file:") }.joined(separator: "\n")
        try text.write(to: folder.appendingPathComponent("cases/late.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func twoPolicySetsWithOneIdAreAnInputErrorNamingBoth() throws {
        let folder = try Self.twoFilesOneId()
        let run = try CLI.run(["test", "policies", "variants", "cases"], directory: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cases/late.yaml:5:9: error: policy set `acme-field-service` is in several files: `policies/acme.yaml`, `variants/acme-improved.yaml` [invalid-case]"), "\(run.stderr)")
        #expect(run.stderr.contains("help: say which in the case (`policy-file: ../policies/acme.yaml`), or run `leeway test --policy policies/acme.yaml`"), "\(run.stderr)")
        let spanish = try CLI.run(["test", "--lang", "es", "policies", "variants", "cases"], directory: folder)
        #expect(spanish.stderr.contains("la política `acme-field-service` está en varios archivos"), "\(spanish.stderr)")
    }

    @Test func policyChoosesAmongTheFilesAndFailuresNameIt() throws {
        let folder = try Self.twoFilesOneId()
        let rigid = try CLI.run(["test", "--policy", "policies/acme.yaml", "policies", "variants", "cases"], directory: folder)
        #expect(rigid.status == 0, "\(rigid.stdout)\(rigid.stderr)")
        let improved = try CLI.run(["test", "--policy", "variants/acme-improved.yaml", "cases"], directory: folder)
        #expect(improved.status == 1)
        #expect(improved.stdout.contains("    ran against `variants/acme-improved.yaml` (policy set `acme-field-service`)"), "\(improved.stdout)")
    }

    @Test func policyFileInTheCaseChooses() throws {
        let folder = try Self.twoFilesOneId()
        let path = folder.appendingPathComponent("cases/late.yaml")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "policy: acme-field-service\n", with: "policy: acme-field-service\npolicy-file: ../variants/acme-improved.yaml\n")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["test", "policies", "variants", "cases"], directory: folder)
        #expect(run.status == 1, "the improved policy set allows what the rigid one escalates: \(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("ran against `variants/acme-improved.yaml`"), "\(run.stdout)")
        // A policy file that does not exist is located at `policy-file:`.
        try text.replacingOccurrences(of: "../variants/acme-improved.yaml", with: "../variants/nope.yaml").write(to: path, atomically: true, encoding: .utf8)
        let missing = try CLI.run(["test", "cases"], directory: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cases/late.yaml:6:14: error: no such policy file `../variants/nope.yaml` [invalid-case]"), "\(missing.stderr)")
    }

    // MARK: 2. Two unrelated policy sets

    @Test func diffSaysWhenTheIdsDiffer() throws {
        let run = try CLI.run(["diff", "policies/acme-field-service.yaml", "policies/northwind-returns.yaml", "--cases", "examples/"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("policies/northwind-returns.yaml:5:9: error: `policies/northwind-returns.yaml` is policy set `northwind-returns`, not `acme-field-service` as `policies/acme-field-service.yaml` is: these are two different policy sets [invalid-policy]"), "\(run.stderr)")
        #expect(run.stderr.contains("pass `--allow-rename` when the change renames `acme-field-service` to `northwind-returns`"))
        let renamed = try CLI.run(["diff", "policies/acme-field-service.yaml", "policies/northwind-returns.yaml", "--cases", "examples/cases/acme-more.yaml", "--allow-rename"])
        #expect(renamed.stdout.contains("policy review:"), "\(renamed.stderr)")
    }

    // MARK: 3. Changed findings

    @Test func aFindingWithNewValuesIsChangedNotAddedAndRemoved() throws {
        let folder = try CLI.temporaryDirectory()
        let rigid = try String(contentsOf: CLI.root.appendingPathComponent("policies/acme-field-service.yaml"), encoding: .utf8)
        try rigid.write(to: folder.appendingPathComponent("old.yaml"), atomically: true, encoding: .utf8)
        let changed = rigid.replacingOccurrences(of: "        up-to: 25 USD\n", with: "        up-to: 50 USD\n")
            .replacingOccurrences(of: "  appointment-window: 8h", with: "  appointment-window: 3h")
        #expect(changed != rigid)
        try changed.write(to: folder.appendingPathComponent("new.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["diff", "old.yaml", "new.yaml"], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("findings: 0 added, 3 changed, 0 removed, 22 unchanged"), "\(run.stdout)")
        #expect(run.stdout.contains("  ~ new.yaml:37:19: warning: `agent` needs `supervisor` approval for `issue-credit` above `50 USD`"), "\(run.stdout)")
        #expect(run.stdout.contains("      was: old.yaml:37:19: warning: `agent` needs `supervisor` approval for `issue-credit` above `25 USD`"), "\(run.stdout)")
        #expect(run.stdout.contains("  ~ new.yaml:77:23: warning: an appointment window of `3h` is wider than `2h`"), "\(run.stdout)")
        #expect(run.stdout.contains("      was: old.yaml:77:23: error: an appointment window of `8h` is wider than `4h`"), "\(run.stdout)")
        let json = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "json"], directory: folder)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let changes = (object?["findings"] as? [String: Any])?["changed"] as? [[String: Any]]
        #expect(changes?.count == 3)
        let window = changes?.first { ($0["new"] as? [String: Any])?["rule"] as? String == "wide-appointment-window" }
        #expect((window?["old"] as? [String: Any])?["severity"] as? String == "error")
        #expect((window?["new"] as? [String: Any])?["severity"] as? String == "warning")
        let markdown = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "markdown"], directory: folder)
        #expect(markdown.stdout.contains("**Changed**"), "\(markdown.stdout)")
        let html = try CLI.run(["diff", "old.yaml", "new.yaml", "--format", "html"], directory: folder)
        #expect(html.stdout.contains("class=\"findings changed\""))
    }

    // MARK: 4. No consequential errors

    @Test func aValueThatFailedToLoadCausesNoFurtherErrors() throws {
        let folder = try CLI.temporaryDirectory()
        let policy = folder.appendingPathComponent("cascade.yaml")
        try """
        leeway: 1
        policy: cascade
        currency: USD
        roles:
          agent: { title: Agent, customer-facing: yes }
        actions:
          issue-credit:
            measure: mony
            grants:
              - { role: agent, up-to: 25 USD }

        """.write(to: policy, atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "cascade.yaml"], directory: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cascade.yaml:5:43: error: `yes` is not a boolean in `customer-facing` [invalid-policy]"), "\(run.stderr)")
        #expect(run.stderr.contains("cascade.yaml:8:14: error: `mony` is not a valid `measure` [invalid-policy]"), "\(run.stderr)")
        #expect(!run.stdout.contains("no role is customer-facing"), "\(run.stdout)")
        #expect(!run.stdout.contains("measure: none"), "\(run.stdout)")
        #expect(run.stdout.contains("checked 1 file: 2 errors"), "\(run.stdout)")
    }

    // MARK: 5–6. SARIF as GitHub's upload action reads it

    @Test func sarifCategoryIsTheOnlyAutomationDetails() throws {
        for (arguments, id) in [([String](), nil as String?), (["--sarif-category", "leeway-policies"], "leeway-policies/")] {
            let run = try CLI.run(["check", "--format", "sarif", "--fail-on", "never"] + arguments + ["policies/"])
            let log = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let sarifRun = try #require((log?["runs"] as? [[String: Any]])?.first)
            #expect((sarifRun["automationDetails"] as? [String: Any])?["id"] as? String == id)
            let results = try #require(sarifRun["results"] as? [[String: Any]])
            for result in results {
                let keys = (result["partialFingerprints"] as? [String: Any]).map { Array($0.keys) }
                #expect(keys == ["leeway/v1"], "primaryLocationLineHash is the upload action's to compute")
            }
        }
    }

    // MARK: 7. JUnit of `leeway test` as the Jenkins schema has it

    @Test func testJUnitKeepsToTheJenkinsSchema() throws {
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cases"), withIntermediateDirectories: true)
        var text = try String(contentsOf: CLI.root.appendingPathComponent("examples/cases/acme-late-technician.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "issue-credit: escalate", with: "issue-credit: allowed")
            .replacingOccurrences(of: "reschedule-visit: blocked", with: "reschedule-visit: allowed")
            .replacingOccurrences(of: "policy-file: ../../policies/", with: "policy-file: \(CLI.root.path)/policies/")
        try text.write(to: folder.appendingPathComponent("cases/wrong.yaml"), atomically: true, encoding: .utf8)
        try "leeway: 1\ncase: BAD-1\npolicy: acme-field-service\npolicy-file: \(CLI.root.path)/policies/acme-field-service.yaml\nhandled-by: agnet\nwants: [{ action: issue-credit, amount: 5 }]\nexpect: { issue-credit: allowed }\n"
            .write(to: folder.appendingPathComponent("cases/bad.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["test", "--format", "junit", "cases"], directory: folder)
        #expect(run.status == 2)
        let xml = run.stdout
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"leeway test\" tests=\"2\" failures=\"1\" errors=\"1\" time=\""), "\(xml)")
        // One failure for the two wrong expectations, its message the first and how many more.
        #expect(xml.components(separatedBy: "<failure ").count == 2, "\(xml)")
        #expect(xml.contains("<failure message=\"cases/wrong.yaml:18:17: `issue-credit`: expected allowed, got escalate (and 1 more)\" type=\"expectation\">"), "\(xml)")
        #expect(xml.contains("cases/wrong.yaml:19:21: `reschedule-visit`: expected allowed, got blocked"))
        // Error test cases are named by the case they lie in; classname is the file, in dots.
        #expect(xml.contains("<testcase name=\"BAD-1\" classname=\"cases.bad\" time=\""), "\(xml)")
        #expect(xml.contains("<testcase name=\"C-1042\" classname=\"cases.wrong\" time=\""), "\(xml)")
        // No attributes junit-10.xsd does not have.
        for line in xml.split(separator: "\n") where line.contains("<testcase ") {
            #expect(!line.contains(" file=") && !line.contains(" line="), "\(line)")
        }
        #expect(!(xml.split(separator: "\n").first { $0.contains("<testsuites ") } ?? "").contains("skipped="))
    }

    // MARK: 17. Install

    @Test func installBuildsStaticallyWithManPageAndCompletions() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.root.appendingPathComponent("scripts/install.sh").path, "--dry-run", "--prefix", "/opt/leeway-test"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("+ swift build -c release --static-swift-stdlib --product leeway"), "\(text)")
        #expect(text.contains("+ swift package plugin generate-manual"))
        #expect(text.contains("/opt/leeway-test/bin/leeway"))
        #expect(text.contains("/opt/leeway-test/share/man/man1/leeway.1"))
        for shell in ["bash", "zsh", "fish"] { #expect(text.contains("--generate-completion-script \(shell) > /opt/leeway-test/share/")) }
        let makefile = try String(contentsOf: CLI.root.appendingPathComponent("Makefile"), encoding: .utf8)
        #expect(makefile.contains("install:\n\tPREFIX=\"$(PREFIX)\" scripts/install.sh"))
        // The completion scripts install.sh writes.
        for shell in ["bash", "zsh", "fish"] {
            let script = try CLI.run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.stdout.contains("init"), "\(shell)")
        }
    }

    // MARK: 10. Help and completion show each command's own formats

    @Test(arguments: [("check", "sarif:leeway.sarif"), ("eval", "json:decisions.json"), ("test", "junit:cases.xml"), ("diff", "html:review.html")])
    func reportHelpShowsAFormatTheCommandWrites(_ command: String, _ example: String) throws {
        let help = try CLI.run([command, "--help"], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("e.g. \(example)."), "\(help.stdout)")
        // The example is one of the formats the command lists, and writes.
        let format = String(example.split(separator: ":")[0])
        #expect(help.stdout.contains("(values: "), "\(help.stdout)")
        let values = help.stdout.components(separatedBy: "(values: ")[1].components(separatedBy: ";")[0]
        #expect(values.components(separatedBy: ", ").contains(format), "\(values)")
    }

    /// What the man page (`generate-manual` reads `--experimental-dump-help`) and the
    /// completion scripts are made from: each command's own formats and example.
    @Test func manPageAndCompletionsOfferEachCommandsOwnFormats() throws {
        let expected = ["check": ["text", "json", "sarif", "junit", "github", "markdown"], "eval": ["text", "json", "jsonl"],
                        "test": ["text", "junit"], "diff": ["text", "json", "markdown", "html"]]
        let dump = try CLI.run(["--experimental-dump-help"])
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let subcommands = try #require((tool["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])
        for (command, formats) in expected {
            let entry = try #require(subcommands.first { $0["commandName"] as? String == command })
            let arguments = entry["arguments"] as? [[String: Any]] ?? []
            let format = try #require(arguments.first { ($0["names"] as? [[String: Any]])?.first?["name"] as? String == "format" })
            #expect(format["allValues"] as? [String] == formats, "\(command)")
            let report = try #require(arguments.first { ($0["names"] as? [[String: Any]])?.first?["name"] as? String == "report" })
            let example = (report["abstract"] as? String ?? "").components(separatedBy: "e.g. ").last ?? ""
            #expect(formats.contains(String(example.prefix { $0 != ":" })), "\(command): \(example)")
        }
        let zsh = try CLI.run(["--generate-completion-script", "zsh"])
        for formats in expected.values {
            #expect(zsh.stdout.contains("local -ar ___format=(" + formats.map { "'\($0)'" }.joined(separator: " ") + ")"), "\(formats)")
        }
        let bash = try CLI.run(["--generate-completion-script", "bash"])
        #expect(bash.stdout.contains("-W 'text'$'\\n''json'$'\\n''jsonl'\n"), "eval's formats in the bash script")
    }

    // MARK: 11. Unknown subcommand

    @Test func unknownCommandSuggestsTheClosest() throws {
        let run = try CLI.run(["chek", "policies/"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("<command line>:1:1: error: unknown command `chek` [invalid-arguments]"), "\(run.stderr)")
        #expect(run.stderr.contains("  help: did you mean `check`?"), "\(run.stderr)")
        let spanish = try CLI.run(["chek", "--lang", "es"])
        #expect(spanish.stderr.contains("<línea de comandos>:1:1: error: comando desconocido `chek` [invalid-arguments]"), "\(spanish.stderr)")
        #expect(spanish.stderr.contains("¿querías decir `check`?"), "\(spanish.stderr)")
        let far = try CLI.run(["frobnicate"])
        #expect(far.stderr.contains("help: the commands are `init`, `check`, `eval`, `test`"), "\(far.stderr)")
    }

    // MARK: 12. Each command's own advice

    @Test func aMissingPathGetsTheCommandsOwnAdvice() throws {
        let eval = try CLI.run(["eval", "nope.yaml", "examples/cases/acme-more.yaml"])
        #expect(eval.status == 2)
        #expect(eval.stderr.contains("help: check the path; `leeway eval POLICY CASE…` takes a policy file, then case files or folders"), "\(eval.stderr)")
        #expect(!eval.stderr.contains("leeway check"))
        let test = try CLI.run(["test", "nope/"])
        #expect(test.stderr.contains("`leeway test` with no path reads `policies/` and `examples/`"), "\(test.stderr)")
        let diff = try CLI.run(["diff", "nope.yaml", "policies/acme-field-service.yaml"])
        #expect(diff.stderr.contains("a version in git is written `REV:PATH`"), "\(diff.stderr)")
        let check = try CLI.run(["check", "nope.yaml"])
        #expect(check.stderr.contains("`leeway check` with no path reads `policies/`"), "\(check.stderr)")
    }

    @Test func checkOnACaseFileSaysItIsACase() throws {
        let run = try CLI.run(["check", "examples/cases/acme-more.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("examples/cases/acme-more.yaml:3:1: error: `examples/cases/acme-more.yaml` is a case file, not a policy set [invalid-policy]"), "\(run.stderr)")
        #expect(run.stderr.contains("help: evaluate it with `leeway eval POLICY examples/cases/acme-more.yaml`, or run its `expect:` with `leeway test`"))
        #expect(!run.stdout.contains("unknown key"))
    }

    // MARK: 13. Input errors on one stream

    /// Every command writes what it could not use to standard error; standard output
    /// carries only the report (check's machine-readable reports list the errors too).
    @Test(arguments: [
        ["check", "Tests/LeewayCLITests/Fixtures/broken/unknown-role.yaml"],
        ["eval", "Tests/LeewayCLITests/Fixtures/broken/unknown-role.yaml", "examples/cases/acme-more.yaml"],
        ["test", "Tests/LeewayCLITests/Fixtures/broken/unknown-role.yaml", "examples/cases/acme-more.yaml", "--policy", "Tests/LeewayCLITests/Fixtures/broken/unknown-role.yaml"],
        ["diff", "Tests/LeewayCLITests/Fixtures/broken/unknown-role.yaml", "policies/acme-field-service.yaml"],
    ])
    func inputErrorsGoToStandardErrorForEveryCommand(_ arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2, "\(arguments)")
        #expect(run.stderr.contains("unknown-role.yaml:11:17: error: unknown role `supervisr` as grant role [invalid-policy]"), "\(arguments): \(run.stderr)")
        #expect(!run.stdout.contains("unknown role"), "\(arguments): \(run.stdout)")
    }

    @Test func checksMachineReportsStillCarryInputErrors() throws {
        let run = try CLI.run(["check", "--format", "json", "Tests/LeewayCLITests/Fixtures/broken/unknown-role.yaml"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("\"rule\": \"invalid-policy\""), "\(run.stdout)")
        #expect(run.stderr.contains("error: unknown role `supervisr`"))
    }

    // MARK: 14. Colours and the configuration file

    @Test func colourFollowsTheFlagAndTheEnvironment() throws {
        let escape = "\u{1B}["
        func coloured(_ arguments: [String], _ environment: [String: String]) throws -> Bool {
            try CLI.run(["check", "--fail-on", "never"] + arguments + ["policies/brightline-telecom.yaml"], environment: environment).stdout.contains(escape)
        }
        // CLI.run sets NO_COLOR=1 and runs on a pipe.
        #expect(try !coloured([], [:]))
        #expect(try coloured(["--color", "always"], [:]))
        #expect(try coloured(["--color=always"], [:]))
        #expect(try !coloured(["--color", "never"], ["FORCE_COLOR": "1"]))
        #expect(try coloured([], ["FORCE_COLOR": "1"]))
        #expect(try coloured([], ["CLICOLOR_FORCE": "1"]))
        #expect(try !coloured([], ["FORCE_COLOR": "0", "NO_COLOR": ""]))
        // An empty NO_COLOR does not turn colour off (no-color.org): forced colour shows.
        #expect(try coloured([], ["FORCE_COLOR": "1", "NO_COLOR": ""]))
        // Diagnostics on standard error follow the same choice.
        let eval = try CLI.run(["eval", "--color", "always", "policies/acme-field-service.yaml", "--as", "agnet", "--want", "issue-credit=5"])
        #expect(eval.stderr.contains(escape), "\(eval.stderr)")
    }

    @Test func leewayYamlIsFoundAndTheSearchStopsAtTheRepositoryRoot() throws {
        let outer = try CLI.temporaryDirectory()
        let repo = outer.appendingPathComponent("repo")
        let sub = repo.appendingPathComponent("team")
        try FileManager.default.createDirectory(at: sub.appendingPathComponent("policies"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies/northwind-returns.yaml"),
                                         to: sub.appendingPathComponent("policies/northwind.yaml"))
        // Above the repository: never read.
        try "fail-on: warning\n".write(to: outer.appendingPathComponent(".leeway.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let outside = try CLI.run(["check", "policies/"], directory: sub)
        #expect(outside.status == 0, "a .leeway.yml above the repository root does not apply: \(outside.stdout)")
        // `.leeway.yaml` at the root is found like `.leeway.yml`.
        try "fail-on: warning\n".write(to: repo.appendingPathComponent(".leeway.yaml"), atomically: true, encoding: .utf8)
        let inside = try CLI.run(["check", "policies/"], directory: sub)
        #expect(inside.status == 1, "northwind has warnings, and .leeway.yaml says fail-on: warning: \(inside.stdout)")
    }

    // MARK: 15. Values as people write them

    @Test func valuesReadAsTheyAreWritten() throws {
        let folder = try CLI.temporaryDirectory()
        let rigid = try String(contentsOf: CLI.root.appendingPathComponent("policies/acme-field-service.yaml"), encoding: .utf8)
        try rigid.replacingOccurrences(of: "at-least: 4h", with: "at-least: 240m")
            .replacingOccurrences(of: "approval: { by: finance, within: 3d }", with: "approval: { by: finance, within: 60h }")
            .write(to: folder.appendingPathComponent("acme.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["eval", "acme.yaml", "--as", "agent", "--want", "issue-credit=20.6", "--want", "reschedule-visit=1h",
                               "--fact", "issue=late-arrival"], directory: folder)
        // Money keeps its minor unit.
        #expect(run.stdout.contains("✓ issue-credit 20.60 USD — allowed"), "\(run.stdout)")
        #expect(!run.stdout.contains("20.6 USD"))
        // The author's units stay where the author wrote them.
        #expect(run.stdout.contains("grant to `agent` (at least 240m) does not cover 1h"), "\(run.stdout)")
        let json = try CLI.run(["eval", "acme.yaml", "--as", "agent", "--want", "issue-credit=20.6", "--fact", "issue=late-arrival",
                                "--format", "json"], directory: folder)
        #expect(json.stdout.contains("\"amount\": \"20.60 USD\""), "\(json.stdout)")
        // A zero duration is `0m`.
        #expect(json.stdout.contains("\"time\": \"0m\""), "\(json.stdout)")
        let check = try CLI.run(["check", "acme.yaml"], directory: folder)
        #expect(check.stdout.contains("needs `finance` approval taking up to `60h`"), "\(check.stdout)")
    }

    // MARK: 16. --quiet and --max-warnings

    @Test func quietReportsErrorsOnly() throws {
        let run = try CLI.run(["check", "--quiet", "policies/"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("checked 4 files: 1 error, 0 warnings, 0 notes"), "\(run.stdout)")
        #expect(!run.stdout.contains(": warning: "))
        #expect(run.stderr.isEmpty, "no notes either: \(run.stderr)")
        // Warnings no longer fail a `--fail-on warning` run.
        let northwind = try CLI.run(["check", "--quiet", "--fail-on", "warning", "policies/northwind-returns.yaml"])
        #expect(northwind.status == 0)
        let sarif = try CLI.run(["check", "--quiet", "--format", "sarif", "policies/northwind-returns.yaml"])
        #expect(!sarif.stdout.contains("\"level\" : \"warning\",\n          \"locations\""))
    }

    @Test func maxWarningsFailsPastTheLimit() throws {
        let over = try CLI.run(["check", "--max-warnings", "3", "policies/northwind-returns.yaml"])
        #expect(over.status == 1)
        #expect(over.stderr.contains("error: 4 warnings, more than `--max-warnings 3` allows"), "\(over.stderr)")
        let within = try CLI.run(["check", "--max-warnings", "4", "policies/northwind-returns.yaml"])
        #expect(within.status == 0)
        let spanish = try CLI.run(["check", "--lang", "es", "--max-warnings", "0", "policies/northwind-returns.yaml"])
        #expect(spanish.stderr.contains("4 avisos, más de los que permite `--max-warnings 0`"), "\(spanish.stderr)")
        // Broken input is still 2.
        let broken = try CLI.run(["check", "--max-warnings", "0", "Tests/LeewayCLITests/Fixtures/broken/unknown-role.yaml"])
        #expect(broken.status == 2)
    }

    // MARK: 18. leeway init

    @Test func initWritesAStarterThatChecksAndTestsCleanly() throws {
        let folder = try CLI.temporaryDirectory()
        let run = try CLI.run(["init", "starter"], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        for path in ["policies/my-service.yaml", "examples/cases/first-case.yaml", ".leeway.yml", "schema/policy.schema.json", "schema/case.schema.json"] {
            #expect(run.stdout.contains("created `starter/\(path)`: "), "\(run.stdout)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("starter/" + path).path))
        }
        let starter = folder.appendingPathComponent("starter")
        let policy = try String(contentsOf: starter.appendingPathComponent("policies/my-service.yaml"), encoding: .utf8)
        #expect(policy.hasPrefix("# yaml-language-server: $schema=../schema/policy.schema.json\n"))
        #expect(policy.contains("# the agent decides alone up to here"), "the starter is commented")
        let check = try CLI.run(["check"], directory: starter)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("checked 1 file: 0 errors, 0 warnings, 0 notes"), "\(check.stdout)")
        let test = try CLI.run(["test"], directory: starter)
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.contains("✔ 1 case passed, 2 expectations checked"), "\(test.stdout)")
        let eval = try CLI.run(["eval", "policies/my-service.yaml", "examples/cases/first-case.yaml"], directory: starter)
        #expect(eval.stdout.contains("✓ issue-credit 30 USD — allowed"), "\(eval.stdout)")
    }

    @Test func initNeverOverwrites() throws {
        let folder = try CLI.temporaryDirectory()
        let mine = "leeway: 1\npolicy: mine\n"
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("policies"), withIntermediateDirectories: true)
        try mine.write(to: folder.appendingPathComponent("policies/my-service.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["init"], directory: folder)
        #expect(run.status == 0)
        #expect(run.stderr.contains("note: kept `policies/my-service.yaml`: it already exists, and `leeway init` never overwrites a file"), "\(run.stderr)")
        #expect(run.stdout.contains("created `.leeway.yml`"))
        #expect(try String(contentsOf: folder.appendingPathComponent("policies/my-service.yaml"), encoding: .utf8) == mine)
        let again = try CLI.run(["init"], directory: folder)
        #expect(again.status == 0)
        #expect(!again.stdout.contains("created"))
    }

    @Test func initSpeaksSpanish() throws {
        let folder = try CLI.temporaryDirectory()
        let run = try CLI.run(["init", "--lang", "es"], directory: folder)
        #expect(run.stdout.contains("creado `policies/my-service.yaml`: una política de partida con comentarios"), "\(run.stdout)")
        let policy = try String(contentsOf: folder.appendingPathComponent("policies/my-service.yaml"), encoding: .utf8)
        #expect(policy.contains("# hasta aquí decide el agente solo"))
        let check = try CLI.run(["check"], directory: folder)
        #expect(check.stdout.contains("1 archivo revisado: 0 errores"), "lang: es in the starter .leeway.yml: \(check.stdout)")
        let test = try CLI.run(["test"], directory: folder)
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
    }

    // MARK: 19. Documentation stays inside the repository

    static let documents: [String] = {
        var files = ["README.md", "policies/README.md"]
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("docs").path)) ?? []
        files += docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return files
    }()

    @Test(arguments: documents)
    func documentsLinkOnlyInsideTheRepository(_ document: String) throws {
        let url = CLI.root.appendingPathComponent(document)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains("../shared"), "\(document) points outside the repository")
        #expect(!text.contains("SPEC"), "\(document) refers to a SPEC the reader does not have")
        #expect(!text.contains("RESEARCH.md"), "\(document): the evidence is docs/research.md")
        let links = try NSRegularExpression(pattern: #"\]\(([^)#\s]+)(#[^)]*)?\)"#)
        for match in links.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range(at: 1), in: text) else { continue }
            let target = String(text[range])
            if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { continue }
            let resolved = url.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL
            #expect(resolved.path.hasPrefix(CLI.root.standardizedFileURL.path + "/"), "\(document) links outside the repository: \(target)")
            #expect(FileManager.default.fileExists(atPath: resolved.path), "\(document) links to a missing file: \(target)")
        }
    }

    // MARK: 20. Editor support in every sample

    @Test(arguments: ["policies/acme-field-service.yaml", "policies/brightline-telecom.yaml", "policies/northwind-returns.yaml",
                      "examples/diff/acme-field-service-improved.yaml"])
    func eachSamplePolicyNamesItsSchema(_ path: String) throws {
        let url = CLI.root.appendingPathComponent(path)
        let first = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        let prefix = "# yaml-language-server: $schema="
        #expect(first.hasPrefix(prefix), "\(path) starts with its schema line")
        let schema = url.deletingLastPathComponent().appendingPathComponent(String(first.dropFirst(prefix.count))).standardizedFileURL
        #expect(schema.path == CLI.root.appendingPathComponent("schema/policy.schema.json").standardizedFileURL.path)
    }
}
