import Foundation
import Testing

/// `leeway diff` end to end: the demo review in every format, `REV:PATH` inside and
/// outside a git repository, `--fail-on-regression`, bad input.
@Suite struct DiffCommandTests {
    static let rigid = "policies/acme-field-service.yaml"
    static let improved = "examples/diff/acme-field-service-improved.yaml"

    @Test func demoShowsCasesNowResolvedAtFirstContact() throws {
        let run = try CLI.run(["diff", Self.rigid, Self.improved, "--cases", "examples/"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("verdict: "))
        #expect(run.stdout.contains("cases resolve at first contact that did not"))
        #expect(run.stdout.contains("C-1042 — Technician 4.5 hours late, second visit"))
        #expect(run.stdout.contains("skipped: they name another policy set"))
        #expect(run.stderr.isEmpty)
    }

    @Test(arguments: ["json", "markdown", "html"])
    func demoInEveryFormat(_ format: String) throws {
        let run = try CLI.run(["diff", Self.rigid, Self.improved, "--cases", "examples/", "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        switch format {
        case "json":
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let verdict = try #require(object["verdict"] as? [String: Any])
            #expect((verdict["firstContactGained"] as? Int ?? 0) > 0)
            #expect(object["regression"] as? Bool == false)
        case "markdown":
            #expect(run.stdout.hasPrefix("## Policy review: "))
            #expect(run.stdout.contains("| **C-1042** "))
        default:
            #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
            #expect(run.stdout.contains("<svg"))
        }
    }

    @Test func failOnRegressionPassesAnImprovement() throws {
        let run = try CLI.run(["diff", Self.rigid, Self.improved, "--cases", "examples/cases/", "--fail-on-regression"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func failOnRegressionFailsTheReverseChange() throws {
        let run = try CLI.run(["diff", Self.improved, Self.rigid, "--cases", "examples/cases/", "--fail-on-regression"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("no longer resolve at first contact"))
        #expect(run.stderr.contains("--fail-on-regression"))
        // Without the flag the same review is only a report.
        let plain = try CLI.run(["diff", Self.improved, Self.rigid, "--cases", "examples/cases/"])
        #expect(plain.status == 0)
    }

    @Test func failOnRegressionFailsAnAddedError() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: CLI.root.appendingPathComponent(Self.improved), encoding: .utf8)
        let wide = text.replacingOccurrences(of: "appointment-window: { window: 1h, remedy: 20 USD }", with: "appointment-window: { window: 8h, remedy: 20 USD }")
        #expect(wide != text)
        try Data(wide.utf8).write(to: folder.appendingPathComponent("wide.yaml"))
        let run = try CLI.run(["diff", CLI.root.appendingPathComponent(Self.improved).path, "wide.yaml", "--fail-on-regression", "--format", "json"],
                              directory: folder)
        #expect(run.status == 1, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [String: Any])
        let added = try #require(findings["added"] as? [[String: Any]])
        #expect(added.contains { $0["rule"] as? String == "wide-appointment-window" && $0["severity"] as? String == "error" })
    }

    /// Only the supervisor's `reachable-within` goes from 15m to 1h: five cases keep
    /// escalating to the supervisor, later. All five get slower, none a worse outcome —
    /// also C-1049, whose total time was unknown before and after, and C-1042, which
    /// stays unresolved (a blocked want).
    @Test func slowerSupervisorMakesCasesSlowerNotWorse() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: CLI.root.appendingPathComponent(Self.rigid), encoding: .utf8)
        let slower = text.replacingOccurrences(of: "es: Supervisor de turno }, reachable-within: 15m }",
                                               with: "es: Supervisor de turno }, reachable-within: 1h }")
        #expect(slower != text)
        try Data(slower.utf8).write(to: folder.appendingPathComponent("acme.yaml"))
        let old = CLI.root.appendingPathComponent(Self.rigid).path
        let cases = CLI.root.appendingPathComponent("examples/cases").path
        let run = try CLI.run(["diff", old, "acme.yaml", "--cases", cases, "--format", "json"], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["text"] as? String == "5 cases get slower")
        #expect(verdict["slower"] as? Int == 5)
        #expect(verdict["worse"] as? Int == 0)
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 5)
        for change in changes {
            #expect(change["change"] as? String == "worse", "\(change["case"] ?? "")")
            #expect(change["verdict"] as? [String] == ["slower"], "\(change["case"] ?? "")")
            for want in change["wants"] as? [[String: Any]] ?? [] {
                #expect((want["old"] as? [String: Any])?["outcome"] as? String == "escalate")
                #expect((want["new"] as? [String: Any])?["outcome"] as? String == "escalate")
            }
        }
        let text2 = try CLI.run(["diff", old, "acme.yaml", "--cases", cases, "--fail-on-regression"], directory: folder)
        #expect(text2.status == 1)
        #expect(text2.stdout.contains("verdict: 5 cases get slower\n"))
    }

    /// Only northwind's appointment window widens (2h → 6h): no cases, but an added
    /// error-level finding, which the verdict names before saying there are no cases.
    @Test func verdictNamesAnAddedError() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = "policies/northwind-returns.yaml"
        let text = try String(contentsOf: CLI.root.appendingPathComponent(original), encoding: .utf8)
        let wide = text.replacingOccurrences(of: "appointment-window: 2h", with: "appointment-window: 6h")
        #expect(wide != text)
        try Data(wide.utf8).write(to: folder.appendingPathComponent("northwind.yaml"))
        let old = CLI.root.appendingPathComponent(original).path
        let run = try CLI.run(["diff", old, "northwind.yaml", "--fail-on-regression"], directory: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("verdict: the change adds 1 error-level finding; no cases to compare: name some with `--cases`\n"))
        let json = try CLI.run(["diff", old, "northwind.yaml", "--format", "json"], directory: folder)
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["errorsAdded"] as? Int == 1)
        #expect((verdict["text"] as? String)?.hasPrefix("the change adds 1 error-level finding; ") == true)
        // With cases, the added error comes first, then what happens to them.
        let cases = CLI.root.appendingPathComponent("examples/cases/northwind.yaml").path
        let withCases = try CLI.run(["diff", old, "northwind.yaml", "--cases", cases], directory: folder)
        #expect(withCases.stdout.contains("verdict: the change adds 1 error-level finding; no case changes outcome or time\n"), "\(withCases.stdout)")
        let spanish = try CLI.run(["diff", old, "northwind.yaml", "--lang", "es"], directory: folder)
        #expect(spanish.stdout.contains("veredicto: el cambio añade 1 hallazgo de nivel error; no hay casos que comparar"))
    }

    static let casesWithAnUnknownAction = """
    leeway: 1
    case: C-1042
    policy: acme-field-service
    handled-by: agent
    facts: { issue: late-arrival }
    wants:
      - { action: issue-credits, amount: 40 USD }
    ---
    leeway: 1
    case: C-2
    handled-by: agent
    facts: { issue: late-arrival }
    wants:
      - { action: issue-credit, amount: 40 USD }

    """

    /// A case the old version cannot evaluate is bad input: a located error on standard
    /// error with its "did you mean", the other cases still reviewed, exit 2 — also with
    /// `--fail-on-regression` on a change that regresses.
    @Test func invalidCaseIsALocatedErrorAndExitsTwo() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.casesWithAnUnknownAction.utf8).write(to: folder.appendingPathComponent("cases.yaml"))
        let rigid = CLI.root.appendingPathComponent(Self.rigid).path, improved = CLI.root.appendingPathComponent(Self.improved).path
        for (old, new, gate) in [(rigid, improved, false), (improved, rigid, true)] {
            let run = try CLI.run(["diff", old, new, "--cases", "cases.yaml"] + (gate ? ["--fail-on-regression"] : []), directory: folder)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("cases.yaml:7:15: error: unknown action `issue-credits` [invalid-case]\n"), "\(run.stderr)")
            #expect(run.stderr.contains("help: did you mean `issue-credit`?"))
            #expect(!run.stdout.contains("cannot be evaluated"))
            // C-2 is still reviewed.
            #expect(run.stdout.contains("cases: 1 evaluated, 1 changed · 1 left out: not a valid case\n"), "\(run.stdout)")
            #expect(run.stdout.contains("  C-2  ("))
        }
    }

    /// A case valid under the old version that the new one cannot evaluate (its action
    /// renamed) is a result of the change: in the review, located, exit 0 (1 with the gate).
    @Test func caseTheNewVersionCannotEvaluateIsInTheReview() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.casesWithAnUnknownAction.utf8).write(to: folder.appendingPathComponent("cases.yaml"))
        let text = try String(contentsOf: CLI.root.appendingPathComponent(Self.rigid), encoding: .utf8)
        let renamed = text.replacingOccurrences(of: "\n  issue-credit:", with: "\n  give-credit:")
        #expect(renamed != text)
        try Data(renamed.utf8).write(to: folder.appendingPathComponent("renamed.yaml"))
        let old = CLI.root.appendingPathComponent(Self.rigid).path
        // Only C-2: C-1042 is not a valid case under either version.
        try Data(Self.casesWithAnUnknownAction.components(separatedBy: "---\n")[1].utf8).write(to: folder.appendingPathComponent("c2.yaml"))
        let run = try CLI.run(["diff", old, "renamed.yaml", "--cases", "c2.yaml"], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("verdict: 1 case can no longer be evaluated\n"))
        #expect(run.stdout.contains("  ! c2.yaml:6:15: `C-2` cannot be evaluated under the new version: unknown action `issue-credit`\n"), "\(run.stdout)")
        let gated = try CLI.run(["diff", old, "renamed.yaml", "--cases", "c2.yaml", "--fail-on-regression"], directory: folder)
        #expect(gated.status == 1)
    }

    /// A temporary git repository holding the rigid policy as its first commit and the
    /// improved one in the working tree, with the example cases.
    static func repository() throws -> URL {
        let folder = try CLI.temporaryDirectory()
        let policies = folder.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("examples/cases"), to: folder.appendingPathComponent("examples/cases"))
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(rigid), to: policies.appendingPathComponent("acme.yaml"))
        try git(["init", "-q"], in: folder)
        try git(["add", "."], in: folder)
        try git(["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "rigid"], in: folder)
        try FileManager.default.removeItem(at: policies.appendingPathComponent("acme.yaml"))
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(improved), to: policies.appendingPathComponent("acme.yaml"))
        return folder
    }

    static func git(_ arguments: [String], in folder: URL) throws {
        let run = try PatchTests.git(arguments, in: folder)
        #expect(run.status == 0, "git \(arguments.joined(separator: " ")): \(run.output)")
    }

    @Test func revisionPathReadsTheOldVersionFromGit() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["diff", "HEAD:policies/acme.yaml", "policies/acme.yaml", "--cases", "examples/cases/", "--format", "markdown"],
                              directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("`HEAD:policies/acme.yaml` → `policies/acme.yaml`"))
        #expect(run.stdout.contains("resolve at first contact that did not"))
        // Trace lines of the old version point into the revision.
        #expect(run.stdout.contains("HEAD:policies/acme.yaml:"))
        // From a subfolder, `REV:./PATH` is relative to the working directory.
        let nested = try CLI.run(["diff", "HEAD:./acme.yaml", "acme.yaml"], directory: folder.appendingPathComponent("policies"))
        #expect(nested.status == 0, "\(nested.stderr)")
    }

    @Test func badRevisionIsALocatedError() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["diff", "no-such-branch:policies/acme.yaml", "policies/acme.yaml"], directory: folder)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("no-such-branch:policies/acme.yaml: error: unknown revision `no-such-branch`: no branch, tag or commit by that name"),
                "\(run.stderr)")
        let missing = try CLI.run(["diff", "HEAD:policies/nope.yaml", "policies/acme.yaml"], directory: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("HEAD:policies/nope.yaml: error: `policies/nope.yaml` does not exist at `HEAD`"), "\(missing.stderr)")
        #expect(missing.stderr.contains("`git ls-tree -r --name-only HEAD`"))
        // git's own English never shows through for these.
        for text in [run.stderr, missing.stderr] {
            #expect(!text.contains("invalid object name") && !text.contains("fatal") && !text.contains("does not exist in"), "\(text)")
        }
    }

    /// Under Spanish, the git mistakes read in Spanish (git itself only speaks English).
    @Test func badRevisionInSpanish() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["diff", "no-such-branch:policies/acme.yaml", "policies/acme.yaml", "--lang", "es"], directory: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no-such-branch:policies/acme.yaml: error: revisión desconocida `no-such-branch`: no hay ninguna rama, etiqueta ni commit"),
                "\(run.stderr)")
        #expect(run.stderr.contains("cómo arreglarlo: revisa el nombre"))
        let missing = try CLI.run(["diff", "HEAD:policies/nope.yaml", "policies/acme.yaml"], directory: folder,
                                  environment: ["LEEWAY_LANG": "es"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("HEAD:policies/nope.yaml: error: `policies/nope.yaml` no existe en `HEAD`"), "\(missing.stderr)")
        let relative = try CLI.run(["diff", "HEAD:./nope.yaml", "acme.yaml", "--lang", "es"], directory: folder.appendingPathComponent("policies"))
        #expect(relative.status == 2)
        #expect(relative.stderr.contains("`./nope.yaml` no existe en `HEAD`"), "\(relative.stderr)")
        #expect(relative.stderr.contains("una ruta que empieza por `./` es relativa al directorio de trabajo"))
        let folderPath = try CLI.run(["diff", "HEAD:policies", "policies/acme.yaml", "--lang", "es"], directory: folder)
        #expect(folderPath.stderr.contains("`HEAD:policies` no es un archivo en git"), "\(folderPath.stderr)")
        for text in [run.stderr, missing.stderr, relative.stderr, folderPath.stderr] {
            #expect(!text.contains("invalid object name") && !text.contains("fatal") && !text.contains("does not exist"), "\(text)")
        }
    }

    /// A failure Leeway cannot name (here a blob lost from the repository) says so in the
    /// catalogue's words, with git's own line as a detail.
    @Test func damagedRepositoryFallsBackToGitsWords() throws {
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let object = Process()
        object.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        object.arguments = ["git", "rev-parse", "HEAD:policies/acme.yaml"]
        object.currentDirectoryURL = folder
        let pipe = Pipe()
        object.standardOutput = pipe
        try object.run()
        let hash = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        object.waitUntilExit()
        try #require(hash.count == 40)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(".git/objects/\(hash.prefix(2))/\(hash.dropFirst(2))"))
        let english = try CLI.run(["diff", "HEAD:policies/acme.yaml", "policies/acme.yaml"], directory: folder)
        #expect(english.status == 2)
        #expect(english.stderr.contains("HEAD:policies/acme.yaml: error: git cannot read `HEAD:policies/acme.yaml` (git says: "), "\(english.stderr)")
        let spanish = try CLI.run(["diff", "HEAD:policies/acme.yaml", "policies/acme.yaml", "--lang", "es"], directory: folder)
        #expect(spanish.status == 2)
        #expect(spanish.stderr.contains("error: git no puede leer `HEAD:policies/acme.yaml` (mensaje de git, en inglés: "), "\(spanish.stderr)")
        #expect(spanish.stderr.contains("cómo arreglarlo: `git show HEAD:policies/acme.yaml` muestra el problema completo"))
    }

    @Test func revisionPathOutsideARepositoryIsALocatedError() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent(Self.improved), to: folder.appendingPathComponent("acme.yaml"))
        let run = try CLI.run(["diff", "main:acme.yaml", "acme.yaml"], directory: folder,
                              environment: ["GIT_CEILING_DIRECTORIES": folder.deletingLastPathComponent().path])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("main:acme.yaml: error: cannot read `main:acme.yaml`: "))
        #expect(run.stderr.contains("is not inside a git repository"))
    }

    @Test func invalidNewPolicyCannotBeReviewed() throws {
        let run = try CLI.run(["diff", Self.rigid, "examples/broken/unknown-key.yaml"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("`examples/broken/unknown-key.yaml`"), "\(run.stderr)")
    }

    @Test func unsupportedFormatIsAUsageError() throws {
        let run = try CLI.run(["diff", Self.rigid, Self.improved, "--format", "sarif"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
    }

    @Test func spanishReport() throws {
        let run = try CLI.run(["diff", Self.rigid, Self.improved, "--cases", "examples/cases/", "--lang", "es"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("veredicto: "))
        #expect(run.stdout.contains("se resuelven en el primer contacto y antes no"))
    }

    /// The review line of examples/ci/github-diff.yml, run as written in a repository
    /// whose base commit holds the rigid policy.
    @Test func theGitHubDiffWorkflowLineRuns() throws {
        let workflow = try String(contentsOf: CLI.root.appendingPathComponent("examples/ci/github-diff.yml"), encoding: .utf8)
        let line = try #require(workflow.split(separator: "\n").first { $0.contains("leeway diff \"$BASE") })
        var command = String(line.drop { $0 != "l" })
        if let or = command.range(of: " || ") { command = String(command[..<or.lowerBound]) }
        let arguments = command.replacingOccurrences(of: "\"$BASE:$policy\"", with: "HEAD:policies/acme.yaml")
            .replacingOccurrences(of: "\"$policy\"", with: "policies/acme.yaml")
            .split(separator: " ").map(String.init)
        #expect(arguments.first == "leeway")
        #expect(!arguments.contains { $0.contains("$") }, "unexpanded variable in \(arguments)")
        let folder = try Self.repository()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(Array(arguments.dropFirst()), directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let review = try String(contentsOf: folder.appendingPathComponent("review.md"), encoding: .utf8)
        #expect(review.hasPrefix("## Policy review: `HEAD:policies/acme.yaml` → `policies/acme.yaml`"))
        #expect(review.contains("resolve at first contact that did not"))
    }

    static let jsonLines = """
    {"case": "J-1", "policy": "acme-field-service", "handled-by": "agent", "facts": {"issue": "late-arrival"}, "wants": [{"action": "issue-credit", "amount": "40 USD"}]}
    {"case": "J-2", "policy": "brightline-telecom", "handled-by": "agent", "wants": [{"action": "issue-credit", "amount": "40 EUR"}]}
    {"case": "J-3", "handled-by": "technician", "facts": {"issue": "broken-product"}, "wants": [{"action": "replace-equipment", "amount": "2"}]}

    """

    @Test func casesFromJSONLinesAndStandardInput() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cases.jsonl")
        try Data(Self.jsonLines.utf8).write(to: file)
        for (arguments, stdin) in [(["--cases", file.path], nil as String?), (["--cases", "-"], Self.jsonLines)] {
            let run = try CLI.run(["diff", Self.rigid, Self.improved, "--format", "json"] + arguments, stdin: stdin)
            #expect(run.status == 0, "\(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let cases = try #require(object["cases"] as? [String: Any])
            #expect(cases["evaluated"] as? Int == 2)
            #expect(cases["skipped"] as? Int == 1)
            let changes = try #require(object["changes"] as? [[String: Any]])
            #expect(changes.compactMap { $0["case"] as? String } == ["J-1", "J-3"])
        }
    }

    @Test func brokenCaseFileIsReportedAndExitsTwo() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("leeway: 1\ncase: X-1\nhandled-by: agent\nwants: [ { action: issue-credit\n".utf8)
            .write(to: folder.appendingPathComponent("broken.yaml"))
        let run = try CLI.run(["diff", CLI.root.appendingPathComponent(Self.rigid).path, CLI.root.appendingPathComponent(Self.improved).path,
                               "--cases", "."], directory: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("broken.yaml:"))
        #expect(run.stdout.contains("verdict: "))
    }
}
