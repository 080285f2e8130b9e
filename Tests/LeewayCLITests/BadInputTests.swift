import Foundation
import Testing

/// Bad input gets a clear located error and exit 2 — never a crash, a hang or a
/// partial result — and the other inputs are still processed.
@Suite struct BadInputTests {
    /// Each committed broken fixture: exit 2, and its first error at this location.
    @Test(arguments: [
        ("unknown-key.yaml", "9:24", "unknown key `up-too`"),
        ("unknown-role.yaml", "11:17", "unknown role `supervisr`"),
        ("wrong-types.yaml", "5:29", "`yes` is not a boolean"),
        ("bad-condition.yaml", "13:24", "`damaged` is not a valid value of fact `issue`"),
        ("duplicate-key.yaml", "5:3", "duplicate key `agent`"),
        ("tabs.yaml", "4:1", "invalid YAML"),
        ("python-tag.yaml", "3:8", "unsupported YAML tag `!!python/object/apply:os.system`"),
        ("alias-bomb.yaml", "8:8", "aliases expand this document"),
        ("not-a-mapping.yaml", "1:1", "must be a mapping"),
        ("empty.yaml", "1:1", "the file is empty"),
        ("never-with-grants.yaml", "9:7", "`never: true` but also has a path"),
    ])
    func brokenFixture(_ file: String, _ position: String, _ message: String) throws {
        let run = try CLI.run(["check", "Tests/LeewayCLITests/Fixtures/broken/\(file)"])
        #expect(run.status == 2)
        let first = run.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("Tests/LeewayCLITests/Fixtures/broken/\(file):\(position): error: "), "\(first)")
        #expect(first.contains(message), "\(first)")
        #expect(first.hasSuffix("[invalid-policy]"))
    }

    @Test func wrongTypesReportsEveryProblemInTheFile() throws {
        let run = try CLI.run(["check", "--format", "json", "Tests/LeewayCLITests/Fixtures/broken/wrong-types.yaml"])
        #expect(run.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        #expect(findings.map { "\($0["line"]!):\($0["column"]!)" } == ["5:29", "6:58", "11:36"])
    }

    @Test func aFolderWithOneBrokenFileStillReportsTheOthers() throws {
        let folder = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("policies/acme-field-service.yaml").path,
                                         toPath: folder.appendingPathComponent("good.yaml").path)
        try "leeway: 1\nroles: [\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "--format", "json", folder.path])
        #expect(run.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((object?["summary"] as? [String: Any])?["files"] as? Int == 2)
    }

    @Test func binaryFile() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("binary.yaml")
        try Data([0x6C, 0x65, 0x0A, 0x00, 0xFF, 0x13]).write(to: file)
        let run = try CLI.run(["check", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("binary.yaml:2:1: error: this is a binary file"))
    }

    @Test func invalidUTF8() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("latin1.yaml")
        try Data("leeway: 1\npolicy: caf".utf8 + [0xE9, 0x0A]).write(to: file)
        let run = try CLI.run(["check", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("latin1.yaml:2:12: error: invalid UTF-8"))
    }

    @Test func deepNestingFinishesFastWithALocatedError() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("deep.yaml")
        try ("a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let start = Date()
        let run = try CLI.run(["check", file.path])
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(run.status == 2)
        #expect(run.stderr.contains("deep.yaml:1:"))
        #expect(run.stderr.contains("nests deeper than 1000 levels"))
    }

    @Test func thirtyMegabyteFileIsRefusedQuickly() throws {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent("big.yaml")
        let line = Data("  - { role: agent, up-to: 10 USD }\n".utf8)
        var data = Data("leeway: 1\npolicy: big\nroles: { agent: { customer-facing: true } }\nactions:\n  refund:\n    measure: money\n    grants:\n".utf8)
        data.reserveCapacity(31_000_000)
        while data.count < 30 * 1024 * 1024 { data.append(line) }
        try data.write(to: file)
        let start = Date()
        let run = try CLI.run(["check", file.path])
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(run.status == 2)
        #expect(run.stderr.contains("big.yaml: error: the file is 30.0 MB"))
    }

    @Test func unreadableFile() throws {
        // As root every file is readable, so use one that cannot be read whatever the user.
        let path: String
        if getuid() == 0 {
            path = "/proc/self/mem"
        } else {
            let folder = try CLI.temporaryDirectory()
            let file = folder.appendingPathComponent("secret.yaml")
            try "leeway: 1\n".write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
            path = file.path
        }
        let run = try CLI.run(["check", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(path): error: cannot read"))
    }

    @Test func missingPath() throws {
        let run = try CLI.run(["check", "policies/nope.yaml", "policies/"])
        #expect(run.status == 2)
        // A path that does not exist has no line of its own: it is located on the command line.
        #expect(run.stderr.contains("<command line>:1:7: error: no such file or folder `policies/nope.yaml` [invalid-policy]\n 1 | check policies/nope.yaml policies/\n   |       ^\n"), "\(run.stderr)")
        #expect(run.stdout.contains("checked 4 files"))
    }

    @Test func standardInput() throws {
        let run = try CLI.run(["check", "-"], stdin: "leeway: 1\npolicy: x\nroles: { agent: { customer-facing: maybe } }\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("<stdin>:3:36: error: "))
    }

    @Test func symlinkLoopsAndHiddenFoldersAreSurvived() throws {
        let folder = try CLI.temporaryDirectory()
        let sub = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
        try "not: [valid".write(to: folder.appendingPathComponent(".hidden/x.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("policies/brightline-telecom.yaml").path,
                                         toPath: sub.appendingPathComponent("p.yaml").path)
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: folder.path)
        let run = try CLI.run(["check", "--format", "json", "--fail-on", "never", folder.path])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((object?["summary"] as? [String: Any])?["files"] as? Int == 1)
    }
}
