import Testing
@testable import LeewayCore

@Suite struct YAMLReaderTests {
    func read(_ text: String) -> (documents: [YAMLDocument], error: YAMLProblem?) {
        YAMLReader.documents(bytes: Array(text.utf8))
    }

    @Test func nodesRememberWhereTheyStartAndEnd() throws {
        let (documents, error) = read("a: 1\nb:\n  c: [x, y]\n")
        #expect(error == nil)
        let root = try #require(documents.first?.root)
        let c = try #require(root["b"]?["c"])
        #expect(c.start == SourcePosition(line: 3, column: 6))
        #expect(c.sequence?[1].start == SourcePosition(line: 3, column: 10))
        #expect(c.style == .flow)
        #expect(root["a"]?.scalar == "1")
    }

    @Test func duplicateKeyIsReportedAtTheSecondOneAndTheFirstKept() throws {
        let (documents, _) = read("a: 1\nb: 2\na: 3\n")
        let document = try #require(documents.first)
        #expect(document.root?["a"]?.scalar == "1")
        #expect(document.problems.count == 1)
        #expect(document.problems[0].kind == .duplicateKey)
        #expect(document.problems[0].position == SourcePosition(line: 3, column: 1))
        #expect(document.problems[0].message.arguments["line"] == "1")
    }

    /// Past a dozen keys a mapping's keys are looked up in a table, not in turn: the
    /// same duplicates are found, at the same places, nested mappings apart.
    @Test(arguments: [3, 12, 13, 40])
    func duplicateKeysInLargeMappings(_ count: Int) throws {
        let keys = (0..<count).map { "k\($0)" }
        var lines = keys.map { "\($0): { \($0): 1, x: 2 }" }
        lines.append("k0: again")
        lines.append("k\(count - 1): again")
        lines.append("last: 9")
        let (documents, error) = read(lines.joined(separator: "\n") + "\n")
        #expect(error == nil)
        let document = try #require(documents.first)
        let pairs = try #require(document.root?.mapping)
        #expect(pairs.map(\.name) == keys + ["last"])
        #expect(document.root?["k0"]?["k0"]?.scalar == "1")
        #expect(document.problems.map(\.position) == [SourcePosition(line: count + 1, column: 1), SourcePosition(line: count + 2, column: 1)])
        #expect(document.problems.map { $0.message.arguments["line"] } == ["1", String(count)])
    }

    /// Merged keys come after the mapping's own and never replace one. A plain `<<` may
    /// be written twice; a quoted one after it is a duplicate of it, and an ordinary key
    /// when it comes first.
    @Test func mergeKeysAndQuotedMergeKeys() throws {
        let (documents, error) = read("b: &b { x: 1, y: 2 }\nm:\n  y: 3\n  <<: *b\n  '<<': q\n  \"<<\": r\n  <<: { z: 4 }\n"
                                      + "n:\n  '<<': q\n  <<: { x: 5 }\n")
        #expect(error == nil)
        let document = try #require(documents.first)
        let m = try #require(document.root?["m"]?.mapping)
        #expect(m.map(\.name) == ["y", "x", "z"])
        #expect(m.map { $0.value.scalar } == ["3", "1", "4"])
        let n = try #require(document.root?["n"]?.mapping)
        #expect(n.map(\.name) == ["<<", "x"])
        #expect(document.problems.map(\.kind) == [.duplicateKey, .duplicateKey])
        #expect(document.problems.map(\.position) == [SourcePosition(line: 5, column: 3), SourcePosition(line: 6, column: 3)])
        #expect(document.problems.map { $0.message.arguments["line"] } == ["4", "4"])
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let (documents, error) = read("base: &b { title: T, customer-facing: true }\nagent:\n  <<: *b\n  title: Agent\n")
        #expect(error == nil)
        let agent = try #require(documents.first?.root?["agent"])
        #expect(agent["title"]?.scalar == "Agent")
        #expect(agent["customer-facing"]?.scalar == "true")
    }

    @Test func streamsSeveralDocuments() {
        let (documents, error) = read("a: 1\n---\nb: 2\n---\nc: 3\n")
        #expect(error == nil)
        #expect(documents.count == 3)
        #expect(documents[2].start.line == 4)
    }

    @Test func aliasBombStopsQuickly() {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
            previous = name
        }
        let (_, error) = read(lines.joined(separator: "\n"))
        #expect(error?.kind == .aliasExpansion)
        #expect(error?.position?.line == 6)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (_, error) = read(text)
        #expect(error?.kind == .tooDeep)
        #expect(error?.position?.line == 1)
    }

    @Test func foreignTagsAreRefused() throws {
        let (documents, _) = read("x: !!python/object:os.system ls\ny: !!str 5\n")
        let problems = try #require(documents.first?.problems)
        #expect(problems.count == 1)
        #expect(problems[0].kind == .unsupportedTag)
        #expect(problems[0].position == SourcePosition(line: 1, column: 4))
    }

    @Test func tabIndentationGetsAHint() {
        let (_, error) = read("roles:\n\tagent: {}\n")
        #expect(error?.kind == .syntax)
        #expect(error?.position == SourcePosition(line: 2, column: 1))
        #expect(error?.help?.key == "yaml.tab.help")
    }

    @Test func undefinedAliasIsLocated() {
        let (_, error) = read("a: *nope\n")
        #expect(error?.kind == .undefinedAlias)
        #expect(error?.position == SourcePosition(line: 1, column: 4))
    }

    @Test func binaryAndInvalidUTF8AreLocated() {
        let binary = TextCheck.problem(in: Array("ab\ncd\u{0}".utf8))
        #expect(binary?.message.key == "yaml.binary")
        #expect(binary?.position == SourcePosition(line: 2, column: 3))
        let latin1 = TextCheck.problem(in: Array("policy: caf".utf8) + [0xE9, 0x0A])
        #expect(latin1?.message.key == "yaml.invalid-utf8")
        #expect(latin1?.position == SourcePosition(line: 1, column: 12))
        #expect(TextCheck.problem(in: Array("héllo: wörld ✓\n".utf8)) == nil)
    }
}
