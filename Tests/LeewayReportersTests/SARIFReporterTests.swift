import Foundation
import Testing
import LeewayCore
import LeewayReporters
import LeewayRules

@Suite struct SARIFReporterTests {
    static func log(_ paths: [String]) throws -> [String: Any] {
        let text = SARIFReporter(context: Fixtures.context()).report(Fixtures.check(paths))
        return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func validatesAgainstTheOASISSchema() throws {
        let reporter = SARIFReporter(context: Fixtures.context())
        var files: [URL] = []
        for (name, paths) in [("samples", GoldenReportTests.samples), ("broken", GoldenReportTests.broken)] {
            files.append(try Fixtures.temporaryFile("\(name).sarif", reporter.report(Fixtures.check(paths))))
        }
        let spanish = SARIFReporter(options: ReportOptions(language: .es), context: Fixtures.context())
        files.append(try Fixtures.temporaryFile("es.sarif", spanish.report(Fixtures.check(GoldenReportTests.samples))))
        let validation = try Fixtures.validate(schema: Fixtures.sarifSchema, files: files)
        #expect(validation.status == 0, "SARIF does not validate against the OASIS schema:\n\(validation.output)")
    }

    @Test func theValidatorRejectsInvalidSARIF() throws {
        // Proves the schema test can fail: a result without its message.
        let file = try Fixtures.temporaryFile("bad.sarif", #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "leeway"}}, "results": [{"ruleId": "x"}]}]}"#)
        let validation = try Fixtures.validate(schema: Fixtures.sarifSchema, files: [file])
        #expect(validation.status == 1, "\(validation.output)")
        #expect(validation.output.contains("message"))
    }

    @Test func hasWhatGitHubCodeScanningNeeds() throws {
        let log = try Self.log(GoldenReportTests.samples + GoldenReportTests.broken)
        #expect(log["$schema"] as? String == SARIFReporter.schemaURI)
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = runs[0]
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "leeway")
        #expect(driver["version"] as? String == "0.0.0-test")
        #expect(driver["informationUri"] is String)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count, "rule ids are unique")
        for id in RuleRegistry.ids + RuleCatalogue.inputProblemIds { #expect(ids.contains(id), "rules[] lacks \(id)") }
        for rule in rules {
            #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(((rule["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let help = rule["help"] as? [String: Any]
            #expect((help?["text"] as? String)?.isEmpty == false)
            #expect((help?["markdown"] as? String)?.isEmpty == false)
            #expect(["error", "warning", "note"].contains((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String ?? ""))
        }
        // No `automationDetails` unless `--sarif-category` asks: upload-sarif's `category:` decides.
        #expect(run["automationDetails"] == nil)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let ruleId = try #require(result["ruleId"] as? String)
            let ruleIndex = try #require(result["ruleIndex"] as? Int)
            #expect(ids[ruleIndex] == ruleId)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let physical = try #require(locations[0]["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(!uri.hasPrefix("/") && !uri.contains(Fixtures.root.path), "\(uri) is relative to the repository root")
            #expect(uri.hasPrefix("policies/") || uri.hasPrefix("Tests/"))
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            if let region = physical["region"] as? [String: Any] {
                #expect((region["startLine"] as? Int ?? 0) >= 1)
                #expect((region["startColumn"] as? Int ?? 0) >= 1)
            }
            let fingerprints = try #require(result["partialFingerprints"] as? [String: Any])
            // GitHub's upload action computes `primaryLocationLineHash` itself; Leeway's own
            // key must not collide with it ("inconsistent fingerprint" warnings).
            #expect(Array(fingerprints.keys) == ["leeway/v1"])
            #expect((fingerprints["leeway/v1"] as? String)?.count == 16)
        }
    }

    @Test func fingerprintsAndRuleIdsAreStableAcrossRuns() throws {
        func signature() throws -> [String] {
            let run = try #require((try Self.log(GoldenReportTests.samples)["runs"] as? [[String: Any]])?.first)
            return (run["results"] as? [[String: Any]] ?? []).map {
                "\($0["ruleId"] ?? "")|\(($0["partialFingerprints"] as? [String: Any])?[SARIFReporter.fingerprintKey] ?? "")"
            }
        }
        #expect(try signature() == signature())
    }

    @Test func fingerprintsDoNotDependOnWhereTheRepositoryIsCheckedOut() throws {
        func fingerprint(root: String, file: String, cwd: String) throws -> String {
            let finding = Finding(rule: "slow-approval", severity: .warning, location: SourceLocation(file: file, line: 3, column: 5),
                                  message: Message("input.unreadable", ["path": "x"]), path: KeyPath(parsing: "actions.a"))
            let context = ReportContext(toolVersion: "1", paths: ArtifactPaths(workingDirectory: cwd, root: root))
            let log = SARIFReporter(context: context).log(findings: [finding])
            let result = try #require(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
            return try #require((result["partialFingerprints"] as? [String: Any])?[SARIFReporter.fingerprintKey] as? String)
        }
        let here = try fingerprint(root: "/home/dev/policies-repo", file: "/home/dev/policies-repo/policies/a.yaml", cwd: "/home/dev")
        let ci = try fingerprint(root: "/runner/work/repo", file: "policies/a.yaml", cwd: "/runner/work/repo")
        let sub = try fingerprint(root: "/runner/work/repo", file: "../policies/a.yaml", cwd: "/runner/work/repo/docs")
        #expect(here == ci)
        #expect(ci == sub)
    }

    @Test func wholeFileFindingHasNoRegionAndPathsAreEncoded() throws {
        let finding = Finding(rule: Finding.invalidPolicy, severity: .error, location: SourceLocation(file: "policies/my policy:1.yaml", position: nil),
                              message: Message("input.unreadable", ["path": "policies/my policy:1.yaml"]))
        let log = SARIFReporter(context: Fixtures.context()).log(findings: [finding], executionSuccessful: false)
        let result = try #require(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let physical = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(physical["region"] == nil)
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "policies/my%20policy%3A1.yaml")
    }

    @Test func pathsOutsideTheRepositoryBecomeFileURIs() {
        let paths = ArtifactPaths(workingDirectory: "/repo/sub", root: "/repo")
        #expect(paths.repositoryRelative("p.yaml") == "sub/p.yaml")
        #expect(paths.repositoryRelative("../policies/./a.yaml") == "policies/a.yaml")
        #expect(paths.repositoryRelative("/repo/x.yaml") == "x.yaml")
        #expect(paths.repositoryRelative("/elsewhere/x.yaml") == "/elsewhere/x.yaml")
        #expect(paths.repositoryRelative("<stdin>") == "<stdin>")
    }

    @Test func repositoryRootIsTheGitTopLevel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-root-\(UUID().uuidString)")
        let nested = folder.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        #expect(ArtifactPaths.repositoryRoot(above: nested.path) == nil || ArtifactPaths.repositoryRoot(above: nested.path) != folder.path)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(ArtifactPaths.repositoryRoot(above: nested.path) == folder.path)
    }

    @Test func automationDetailsOnlyWithACategory() throws {
        let paths = ArtifactPaths(workingDirectory: "/repo", root: "/repo")
        func id(_ category: String?) throws -> String? {
            let context = ReportContext(toolVersion: "1", command: "check", inputs: ["policies/"], paths: paths, category: category)
            let run = try #require((SARIFReporter(context: context).log(findings: [])["runs"] as? [[String: Any]])?.first)
            return (run["automationDetails"] as? [String: Any])?["id"] as? String
        }
        #expect(try id(nil) == nil)
        #expect(try id("leeway-policies") == "leeway-policies/")
        #expect(try id("leeway/policies/") == "leeway/policies/")
    }
}
