import Foundation
import Testing

/// `leeway schema policy|case`: the committed schemas are fresh, accept every sample,
/// and reject misspelled keys (validated with Python's `jsonschema`, a standard
/// draft 2020-12 validator that .ci/run installs when missing).
@Suite struct SchemaTests {
    static let kinds = ["policy", "case"]
    static let validator = CLI.root.appendingPathComponent("Tests/LeewayReportersTests/Fixtures/validate_json.py")

    static func schemaFile(_ kind: String) -> URL {
        CLI.root.appendingPathComponent("schema/\(kind).schema.json")
    }

    static func validate(_ kind: String, _ files: [URL]) throws -> (status: Int32, output: String) {
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", validator.path, schemaFile(kind).path] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func yamlFiles(in folder: String) throws -> [URL] {
        let url = CLI.root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { url.appendingPathComponent($0) }
    }

    @Test(arguments: kinds)
    func committedSchemaIsFresh(_ kind: String) throws {
        let run = try CLI.run(["schema", kind])
        #expect(run.status == 0, "\(run.stderr)")
        let committed = try String(contentsOf: Self.schemaFile(kind), encoding: .utf8)
        #expect(run.stdout == committed,
                "schema/\(kind).schema.json is stale: run `swift run leeway schema \(kind) --lang en --output schema/\(kind).schema.json`")
    }

    @Test func everySamplePolicyValidates() throws {
        var files = try Self.yamlFiles(in: "policies")
        #expect(files.count >= 3)
        // Policy versions kept for `leeway diff` examples are policies too.
        if FileManager.default.fileExists(atPath: CLI.root.appendingPathComponent("examples/diff").path) {
            files += try Self.yamlFiles(in: "examples/diff")
        }
        let result = try Self.validate("policy", files)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func everySampleCaseValidates() throws {
        let files = try Self.yamlFiles(in: "examples/cases")
        #expect(!files.isEmpty)
        let result = try Self.validate("case", files)
        #expect(result.status == 0, "\(result.output)")
    }

    static let languageEleven = "Tests/LeewayCLITests/Fixtures/language-1.1"

    /// Remedies, amount rules in every form and place, working days, `wants: []` and
    /// `expect-owed` (language 1.1) validate, and the same files load and pass.
    @Test func languageElevenFilesValidateAndLoad() throws {
        let policy = CLI.root.appendingPathComponent("\(Self.languageEleven)/amounts-and-remedies.yaml")
        let cases = CLI.root.appendingPathComponent("\(Self.languageEleven)/owed-nothing-wanted.yaml")
        let policyResult = try Self.validate("policy", [policy])
        #expect(policyResult.status == 0, "\(policyResult.output)")
        let caseResult = try Self.validate("case", [cases])
        #expect(caseResult.status == 0, "\(caseResult.output)")
        let check = try CLI.run(["check", policy.path])
        #expect(check.status == 0, "\(check.stdout)")
        let test = try CLI.run(["test", CLI.root.appendingPathComponent(Self.languageEleven).path])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
    }

    @Test func languageElevenMistakesAreRejected() throws {
        let folder = try CLI.temporaryDirectory()
        let policy = try String(contentsOf: CLI.root.appendingPathComponent("\(Self.languageEleven)/amounts-and-remedies.yaml"), encoding: .utf8)
        let owed = try String(contentsOf: CLI.root.appendingPathComponent("\(Self.languageEleven)/owed-nothing-wanted.yaml"), encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("policy", policy.replacingOccurrences(of: "automatic: true", with: "automatc: true"), "automatc"),
            ("policy", policy.replacingOccurrences(of: "backs: appointment-window", with: "backs: appointment"), "appointment"),
            ("policy", policy.replacingOccurrences(of: "percent: 12.5", with: "percent: 2000"), "up-to"),
            ("policy", policy.replacingOccurrences(of: "within: 5bd", with: "within: 2bd4h"), "2bd4h"),
            ("policy", policy.replacingOccurrences(of: "up-to: 10% of order-value", with: "up-to: 10 percent of order-value"), "10 percent"),
            ("policy", policy.replacingOccurrences(of: "{ amount: 600 GBP }", with: "{ amont: 600 GBP }"), "up-to"),
            ("policy", policy.replacingOccurrences(of: "after: 12h, max: 300 GBP", with: "afterr: 12h, max: 300 GBP"), "amount"),
            ("case", owed.replacingOccurrences(of: "expect-owed:", with: "expect-owd:"), "expect-owd"),
        ]
        for (index, (kind, text, named)) in cases.enumerated() {
            let file = folder.appendingPathComponent("bad-11-\(index).yaml")
            try Data(text.utf8).write(to: file)
            let result = try Self.validate(kind, [file])
            #expect(result.status == 1, "edit \(index + 1) should be rejected:\n\(result.output)")
            #expect(result.output.contains(named), "\(result.output)")
        }
    }

    @Test func misspelledKeysAreRejected() throws {
        let folder = try CLI.temporaryDirectory()
        let policy = try String(contentsOf: CLI.root.appendingPathComponent("policies/acme-field-service.yaml"), encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("policy", policy.replacingOccurrences(of: "\nowner:", with: "\nonwer:"), "onwer"),
            ("policy", policy.replacingOccurrences(of: "approval: { by: supervisor, within: 4h }", with: "approval: { by: supervisor, whithin: 4h }"), "whithin"),
            ("policy", policy.replacingOccurrences(of: "reachable-within: 15m", with: "reachable-whithin: 15m"), "reachable-whithin"),
            ("policy", policy.replacingOccurrences(of: "measure: money", with: "measure: dollars"), "dollars"),
            ("case", "leeway: 1\ncase: C-1\nhandled-by: agent\nwants:\n  - { action: issue-credit, ammount: 40 USD }\n", "ammount"),
            ("case", "leeway: 1\ncase: C-1\nhandeld-by: agent\nwants: [{ action: issue-credit }]\n", "handeld-by"),
        ]
        for (index, (kind, text, misspelled)) in cases.enumerated() {
            #expect(text.contains(misspelled), "the fixture edit applied")
            let file = folder.appendingPathComponent("bad-\(index).yaml")
            try Data(text.utf8).write(to: file)
            let result = try Self.validate(kind, [file])
            #expect(result.status == 1, "`\(misspelled)` should be rejected:\n\(result.output)")
            #expect(result.output.contains(misspelled), "\(result.output)")
        }
    }

    @Test func everyKeyHasADescriptionAndObjectsAreClosed() throws {
        for kind in Self.kinds {
            let data = try Data(contentsOf: Self.schemaFile(kind))
            let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            var undescribed: [String] = [], open: [String] = []
            func walk(_ node: Any, _ path: String) {
                if let object = node as? [String: Any] {
                    if let properties = object["properties"] as? [String: Any] {
                        for (key, value) in properties where (value as? [String: Any])?["description"] == nil {
                            undescribed.append("\(path)/\(key)")
                        }
                        if object["additionalProperties"] == nil { open.append(path) }
                    }
                    // `if` only tests a value (`never: true`); it declares no keys.
                    for (key, value) in object where key != "if" { walk(value, "\(path)/\(key)") }
                } else if let array = node as? [Any] {
                    for (index, value) in array.enumerated() { walk(value, "\(path)/\(index)") }
                }
            }
            walk(schema, kind)
            #expect(undescribed == [], "keys without a description")
            #expect(open == [], "objects that accept unknown keys")
        }
    }

    @Test func descriptionsFollowTheLanguage() throws {
        let spanish = try CLI.run(["schema", "policy", "--lang", "es"])
        #expect(spanish.status == 0)
        #expect(spanish.stdout.contains("una política de Leeway"))
        let english = try CLI.run(["schema", "case"])
        #expect(english.stdout.contains("a customer case"))
    }

    @Test func unknownSchemaIsAUsageError() throws {
        let run = try CLI.run(["schema", "rules"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
    }
}
