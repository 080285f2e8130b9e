import Foundation
import Testing
@testable import LeewayCore

@Suite struct PatchingTests {
    static let original = """
    # Acme — comments stay
    commitments:
      appointment-window: 8h   # the regulator's, until 2027
      first-response: { phone: 5m, "chat": 1m }
    actions:
      issue-credit:
        grants:
          - { role: agent, up-to: 25 USD }

    """

    @Test func editsReplaceExactlyTheirRangeAndNothingElse() throws {
        let edits = [
            TextEdit(start: SourcePosition(line: 3, column: 23), end: SourcePosition(line: 3, column: 25), replacement: "2h"),
            TextEdit(start: SourcePosition(line: 8, column: 31), end: SourcePosition(line: 8, column: 37), replacement: "60 USD"),
        ]
        let patched = try TextEdit.apply(edits, to: Self.original)
        #expect(patched == Self.original
            .replacingOccurrences(of: "appointment-window: 8h", with: "appointment-window: 2h")
            .replacingOccurrences(of: "up-to: 25 USD", with: "up-to: 60 USD"))
    }

    @Test func columnsCountScalarsNotBytes() throws {
        // Columns are scalars (as libyaml counts): after é, ñ and an emoji on the same line,
        // in a CRLF file, at the end of a line and at the end of the text.
        let text = "título: Café 🚚 niño\r\nx: 1\r\n"
        let edits = [
            TextEdit(start: SourcePosition(line: 1, column: 9), end: SourcePosition(line: 1, column: 13), replacement: "Té"),
            TextEdit(start: SourcePosition(line: 1, column: 16), end: SourcePosition(line: 1, column: 20), replacement: "niña\nmás"),
            TextEdit(start: SourcePosition(line: 2, column: 4), end: SourcePosition(line: 2, column: 5), replacement: "2"),
            TextEdit(start: SourcePosition(line: 3, column: 1), end: SourcePosition(line: 3, column: 1), replacement: "y: 3"),
        ]
        #expect(try TextEdit.apply(edits, to: text) == "título: Té 🚚 niña\r\nmás\r\nx: 2\r\ny: 3")
        #expect(throws: TextEditError.self) {
            try TextEdit.apply([TextEdit(start: SourcePosition(line: 2, column: 9), end: SourcePosition(line: 2, column: 9), replacement: "")], to: text)
        }
    }

    @Test func editsOnLocatedValuesFromTheLoader() throws {
        let nodes = YAMLReader.documents(bytes: Array(Self.original.utf8)).documents
        let window = try #require(nodes.first?.root?["commitments"]?["appointment-window"])
        let located = Located("8h", at: SourceLocation(file: "p.yaml", position: window.start), end: window.end)
        let edit = try #require(TextEdit.replace(located, with: "2h"))
        let patched = try TextEdit.apply([edit], to: Self.original)
        #expect(patched.contains("appointment-window: 2h   # the regulator's, until 2027"))
    }

    @Test func insertsLinesAndHandlesNonASCII() throws {
        let text = "título: café ✓\nb: 1\n"
        let patched = try TextEdit.apply([
            TextEdit(start: SourcePosition(line: 1, column: 9), end: SourcePosition(line: 1, column: 13), replacement: "té"),
            TextEdit.insertLines(["c: 2"], before: 3),
        ], to: text)
        #expect(patched == "título: té ✓\nb: 1\nc: 2\n")
    }

    @Test func linesAddedToACRLFFileEndInCRLF() throws {
        let text = "a: 1\r\nb: 2\r\n"
        let patched = try TextEdit.apply([
            TextEdit.insertLines(["c: 3", "d: 4"], before: 2),
            TextEdit(start: SourcePosition(line: 2, column: 4), end: SourcePosition(line: 2, column: 5), replacement: "[\n  2]"),
        ], to: text)
        #expect(patched == "a: 1\r\nc: 3\r\nd: 4\r\nb: [\r\n  2]\r\n")
        // An LF file stays LF.
        #expect(try TextEdit.apply([TextEdit.insertLines(["c: 3"], before: 2)], to: "a: 1\nb: 2\n") == "a: 1\nc: 3\nb: 2\n")
    }

    @Test func overlappingOrOutOfRangeEditsAreRefused() {
        #expect(throws: TextEditError.self) {
            try TextEdit.apply([TextEdit(start: SourcePosition(line: 9, column: 1), end: SourcePosition(line: 9, column: 2), replacement: "")], to: "a\n")
        }
        #expect(throws: TextEditError.self) {
            try TextEdit.apply([
                TextEdit(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 3), replacement: "x"),
                TextEdit(start: SourcePosition(line: 1, column: 2), end: SourcePosition(line: 1, column: 4), replacement: "y"),
            ], to: "abcd\n")
        }
    }

    @Test func unifiedDiffIsAcceptedByGitApply() throws {
        let patched = Self.original.replacingOccurrences(of: "8h", with: "2h") + "metrics:\n  - { name: churn }\n"
        let diff = UnifiedDiff.make(old: Self.original, new: patched, path: "policies/acme.yaml")
        #expect(diff.hasPrefix("--- a/policies/acme.yaml\n+++ b/policies/acme.yaml\n@@ -1,"))
        #expect(diff.contains("-  appointment-window: 8h   # the regulator's, until 2027\n+  appointment-window: 2h   # the regulator's, until 2027\n"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("policies"), withIntermediateDirectories: true)
        try Self.original.write(to: folder.appendingPathComponent("policies/acme.yaml"), atomically: true, encoding: .utf8)
        try diff.write(to: folder.appendingPathComponent("change.patch"), atomically: true, encoding: .utf8)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "apply", "change.patch"]
        git.currentDirectoryURL = folder
        try git.run()
        git.waitUntilExit()
        #expect(git.terminationStatus == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("policies/acme.yaml"), encoding: .utf8) == patched)
    }

    @Test func diffOfEqualTextsIsEmptyAndFarApartChangesMakeTwoHunks() {
        #expect(UnifiedDiff.make(old: "a\n", new: "a\n", path: "x") == "")
        let old = (1...30).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 2\n", with: "line two\n").replacingOccurrences(of: "line 28\n", with: "line twenty-eight\n")
        let diff = UnifiedDiff.make(old: old, new: new, path: "x")
        #expect(diff.components(separatedBy: "\n@@ ").count == 3)
        #expect(diff.contains("@@ -1,5 +1,5 @@"))
        #expect(diff.contains("@@ -25,6 +25,6 @@"))
    }

    @Test func safeWriterReplacesAtomicallyAndRefusesAChangedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("p.yaml").path
        try "a: 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        try SafeWriter.replace(path: file, expecting: "a: 1\n", with: "a: 2\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "a: 2\n")
        #expect(throws: SafeWriter.Failure.changedSinceRead(file)) {
            try SafeWriter.replace(path: file, expecting: "a: 1\n", with: "a: 3\n")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "a: 2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["p.yaml"])
    }
}
