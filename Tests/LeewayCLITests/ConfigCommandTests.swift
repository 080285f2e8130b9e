import Foundation
import Testing

/// `.leeway.yml`, exceptions and baselines through `leeway check`, end to end.
@Suite struct ConfigCommandTests {
    /// A temporary folder holding copies of the sample policies.
    func workspace(_ samples: [String] = ["acme-field-service", "northwind-returns"]) throws -> URL {
        let folder = try CLI.temporaryDirectory()
        let policies = folder.appendingPathComponent("policies")
        try FileManager.default.createDirectory(at: policies, withIntermediateDirectories: true)
        for name in samples {
            try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies/\(name).yaml"),
                                             to: policies.appendingPathComponent("\(name).yaml"))
        }
        return folder
    }

    func write(_ text: String, _ name: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func rigidSampleFailsAndConfigurationChangesTheExitCode() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["check", "policies/acme-field-service.yaml"], directory: folder).status == 1)
        // Turning the only error-level rule off leaves warnings: exit 0 at the default threshold.
        try write("rules:\n  wide-appointment-window: off\n", ".leeway.yml", in: folder)
        let off = try CLI.run(["check", "policies/acme-field-service.yaml"], directory: folder)
        #expect(off.status == 0)
        #expect(!off.stdout.contains("[wide-appointment-window]"))
        // `fail-on` in the file, and the command line overriding it.
        try write("fail-on: warning\nrules:\n  wide-appointment-window: off\n", ".leeway.yml", in: folder)
        #expect(try CLI.run(["check", "policies/acme-field-service.yaml"], directory: folder).status == 1)
        #expect(try CLI.run(["check", "--fail-on", "never", "policies/acme-field-service.yaml"], directory: folder).status == 0)
    }

    @Test func raisingASeverityFailsTheRun() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["check", "policies/northwind-returns.yaml"], directory: folder).status == 0)
        try write("rules:\n  forced-channel-switch: { severity: error }\n", ".leeway.yml", in: folder)
        let run = try CLI.run(["check", "policies/northwind-returns.yaml"], directory: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("policies/northwind-returns.yaml:67:19: error: process `exchange` sends the customer to `store`"))
    }

    @Test func thresholdsComeFromTheFileFoundUpward() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("rules:\n  approval-for-small-amounts: { min-own-limit: 50 }\n", ".leeway.yml", in: folder)
        let run = try CLI.run(["check", "--format", "json", "northwind-returns.yaml"],
                              directory: folder.appendingPathComponent("policies"))
        #expect(run.status == 0)
        #expect(!run.stdout.contains("approval-for-small-amounts"))
        #expect(run.stdout.contains("forced-channel-switch"))
    }

    @Test func explicitConfigAndLanguage() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("lang: es\n", "ci/leeway.yml", in: folder)
        let spanish = try CLI.run(["check", "--config", "ci/leeway.yml", "policies/northwind-returns.yaml"], directory: folder)
        #expect(spanish.stdout.contains("aviso: el proceso `exchange` manda al cliente a `store`"))
        let english = try CLI.run(["check", "--config", "ci/leeway.yml", "--lang", "en", "policies/northwind-returns.yaml"], directory: folder)
        #expect(english.stdout.contains("warning: process `exchange` sends the customer to `store`"))
    }

    @Test func invalidConfigurationIsExitTwoWithLocatedSuggestions() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("rules:\n  slow-aproval: off\n  handoff-chain: { max-handofs: 3 }\n", ".leeway.yml", in: folder)
        let run = try CLI.run(["check", "policies/"], directory: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".leeway.yml:2:3: error: unknown rule `slow-aproval` [invalid-config]"))
        #expect(run.stderr.contains("help: did you mean `slow-approval`?"))
        #expect(run.stderr.contains(".leeway.yml:3:20: error: unknown key `max-handofs`"))
        #expect(run.stderr.contains("help: did you mean `max-handoffs`?"))
        let missing = try CLI.run(["check", "--config", "nope.yml", "policies/"], directory: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yml"))
    }

    @Test func baselineReportsOnlyNewFindings() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let write = try CLI.run(["check", "--write-baseline", "leeway-baseline.json", "policies/"], directory: folder)
        #expect(write.status == 1)
        let data = try Data(contentsOf: folder.appendingPathComponent("leeway-baseline.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect((object?["findings"] as? [Any])?.count == 29)

        let clean = try CLI.run(["check", "--baseline", "leeway-baseline.json", "policies/"], directory: folder)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("0 errors, 0 warnings, 0 notes"))

        // Lines move (a comment at the top) and one new smell appears: only it is reported.
        let path = folder.appendingPathComponent("policies/northwind-returns.yaml")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = "# reviewed 2026-11\n" + text.replacingOccurrences(of: "      - redirect: store\n", with: "      - redirect: store\n      - script: { verbatim: true }\n")
        try Data(text.utf8).write(to: path)
        let next = try CLI.run(["check", "--baseline", "leeway-baseline.json", "policies/"], directory: folder)
        #expect(next.status == 0)
        #expect(next.stdout.contains("policies/northwind-returns.yaml:69:29: note: process `exchange` makes agents read a script word for word [verbatim-script]"))
        #expect(next.stdout.contains("0 errors, 0 warnings, 1 note"))

        let broken = try CLI.run(["check", "--baseline", "missing.json", "policies/"], directory: folder)
        #expect(broken.status == 2)
    }

    @Test func baselineMatchesHoweverThePolicyPathIsSpelled() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let w2 = folder.appendingPathComponent("w2")
        try FileManager.default.createDirectory(at: w2, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("policies/acme-field-service.yaml"),
                                         to: w2.appendingPathComponent("a.yaml"))
        let write = try CLI.run(["check", "--write-baseline", "base.json", "a.yaml"], directory: w2)
        #expect(write.status == 1)
        let runs = [
            try CLI.run(["check", "--baseline", "base.json", "./a.yaml"], directory: w2),
            try CLI.run(["check", "--baseline", "base.json", w2.path + "/a.yaml"], directory: w2),
            try CLI.run(["check", "--baseline", "w2/base.json", "w2/a.yaml"], directory: folder),
            try CLI.run(["check", "--baseline", w2.path + "/base.json", "./w2/../w2/a.yaml"], directory: folder),
        ]
        for run in runs {
            #expect(run.status == 0)
            #expect(run.stdout.contains("0 errors, 0 warnings, 0 notes"), "\(run.stdout)")
        }
    }

    @Test func exceptionNamingAnUnknownRuleIsInvalidPolicy() throws {
        let folder = try workspace(["northwind-returns"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("policies/northwind-returns.yaml")
        let text = try String(contentsOf: path, encoding: .utf8)
            + "\nexceptions:\n  - { rule: forced-channel-swich, reason: \"Exchanges need the item in hand\" }\n"
        try Data(text.utf8).write(to: path)
        let run = try CLI.run(["check", "policies/"], directory: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: the exception names unknown rule `forced-channel-swich` [invalid-policy]"))
        #expect(run.stderr.contains("did you mean `forced-channel-switch`?"))
    }

    @Test func samplesExitAsTheirReadmeSays() throws {
        #expect(try CLI.run(["check", "policies/acme-field-service.yaml"]).status == 1)
        #expect(try CLI.run(["check", "policies/northwind-returns.yaml"]).status == 0)
        #expect(try CLI.run(["check", "--fail-on", "warning", "policies/northwind-returns.yaml"]).status == 1)
        let brightline = try CLI.run(["check", "--fail-on", "note", "policies/brightline-telecom.yaml"])
        #expect(brightline.status == 0)
        #expect(brightline.stdout.contains("0 errors, 0 warnings, 0 notes"))
        // After the exception's end date, it no longer silences and says so.
        let later = try CLI.run(["check", "policies/brightline-telecom.yaml"], environment: ["LEEWAY_TODAY": "2028-01-01"])
        #expect(later.stdout.contains("[expired-exception]"))
        #expect(later.stdout.contains("[verbatim-script]"))
    }
}
