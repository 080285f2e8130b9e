import Foundation
import Testing
import LeewayCore
import LeewayEngine
@testable import LeewayReporters
import LeewayRules

/// A streamed check report (`CheckReportStream`: start, each file's part made on the
/// worker that checked it, the parts in turn, end) is byte for byte the report written
/// whole from a `CheckResult`, in every format, on several files at once.
@Suite struct CheckStreamTests {
    /// Several policy files, one of them broken, and one named twice over in folders.
    static let inputs = GoldenReportTests.samples + ["policies/northstar-energy.yaml"] + GoldenReportTests.broken
    static let today = CalendarDate(year: 2026, month: 11, day: 23)

    static func stream(_ format: GoldenReportTests.Format, language: Language, inputs: [String]) -> any CheckReportStream {
        let options = ReportOptions(language: language)
        let context = Fixtures.context(inputs: inputs)
        switch format {
        case .text: return CheckTextStream(options: options)
        case .json: return CheckJSONStream(options: options)
        case .sarif: return SARIFStream(reporter: SARIFReporter(options: options, context: context))
        case .junit: return CheckJUnitStream(reporter: CheckJUnitReporter(options: options, context: context))
        case .github: return GitHubActionsStream(reporter: GitHubActionsReporter(options: options, context: context))
        case .markdown: return MarkdownStream(reporter: MarkdownReporter(options: options, context: context))
        }
    }

    /// The whole report, as `leeway check` wrote it before it streamed (text leaves the
    /// input errors to standard error, as the command does).
    static func whole(_ format: GoldenReportTests.Format, language: Language, inputs: [String]) -> String {
        let result = Fixtures.check(inputs)
        if format == .text { return CheckTextReporter(options: ReportOptions(language: language), listsInputErrors: false).report(result) }
        return format.render(result, language: language, inputs: inputs)
    }

    /// The report streamed through the linter as the command streams it.
    static func streamed(_ format: GoldenReportTests.Format, language: Language, inputs: [String]) -> String {
        var stream = Self.stream(format, language: language, inputs: inputs)
        let worker = stream
        let paths = Fixtures.context(inputs: inputs).paths
        let order: @Sendable (String) -> String = { paths.repositoryRelative($0) }
        var totals = CheckTotals()
        var body: [UInt8] = []
        var parts = 0
        let result = Linter(today: today).check(paths: inputs.map { Fixtures.root.appendingPathComponent($0).path },
                                                order: stream.ordersByRepositoryPath ? order : nil,
                                                prepare: { worker.part($0) }) { file, part in
            totals.add(file, part)
            body += stream.body(file, part)
            parts += 1
        }
        #expect(parts == inputs.count, "every file comes once, in turn")
        totals.files = result.fileCount
        totals.silencedByExceptions = result.silencedByExceptions
        totals.silencedByBaseline = result.silencedByBaseline
        return String(decoding: stream.start(totals) + body + stream.end(totals), as: UTF8.self)
    }

    @Test(arguments: GoldenReportTests.Format.allCases, [Language.en, .es])
    func streamedReportIsTheWholeReport(_ format: GoldenReportTests.Format, _ language: Language) {
        let whole = Self.whole(format, language: language, inputs: Self.inputs)
        let streamed = Self.streamed(format, language: language, inputs: Self.inputs)
        #expect(!whole.isEmpty)
        #expect(streamed == whole)
    }

    /// Files given in another order still come out in the report's order.
    @Test(arguments: GoldenReportTests.Format.allCases)
    func inputOrderDoesNotMatter(_ format: GoldenReportTests.Format) {
        let reversed = Array(Self.inputs.reversed())
        #expect(Self.streamed(format, language: .en, inputs: reversed) == Self.whole(format, language: .en, inputs: Self.inputs))
    }

    /// No finding at all: SARIF's empty `results` in `JSONSerialization`'s layout, JUnit's
    /// suite of passing cases, Markdown's "no findings".
    @Test(arguments: GoldenReportTests.Format.allCases)
    func cleanFileStreamsAsWhole(_ format: GoldenReportTests.Format) throws {
        let policy = try Fixtures.temporaryFile("clean.yaml", "")
        defer { try? FileManager.default.removeItem(at: policy.deletingLastPathComponent()) }
        let context = Fixtures.context(inputs: [policy.path])
        let options = ReportOptions()
        let file = Linter.FileCheck(path: policy.path, findings: [], source: SourceFile(path: policy.path, text: "policy: x\n"),
                                    loadedPolicy: true)
        var result = CheckResult(findings: [], fileCount: 1)
        result.checkedFiles = [policy.path]
        result.sources[policy.path] = file.source
        let whole: String
        switch format {
        case .text: whole = CheckTextReporter(options: options, listsInputErrors: false).report(result)
        case .json: whole = CheckJSONReporter(options: options).report(result)
        case .sarif: whole = JSONOutput.string(SARIFReporter(options: options, context: context).log(findings: []))
        case .junit:
            // The whole report knows that a file loaded from its policy sets, which this
            // test has none of: the multi-file test covers loaded files.
            whole = CheckJUnitReporter(options: options, context: context).report(result)
        case .github: whole = GitHubActionsReporter(options: options, context: context).report(result)
        case .markdown: whole = MarkdownReporter(options: options, context: context).report(result)
        }
        let stream = Self.stream(format, language: .en, inputs: [policy.path])
        var shown = file
        if format == .junit { shown.loadedPolicy = false }
        #expect(stream.report([shown]) == whole)
        // No file at all.
        #expect(Self.stream(format, language: .en, inputs: []).report([], fileCount: 0) == {
            switch format {
            case .text: return CheckTextReporter(options: options).report(CheckResult())
            case .json: return CheckJSONReporter(options: options).report(CheckResult())
            case .sarif: return JSONOutput.string(SARIFReporter(options: options, context: context).log(findings: []))
            case .junit: return CheckJUnitReporter(options: options, context: context).report(CheckResult())
            case .github: return ""
            case .markdown: return MarkdownReporter(options: options, context: context).report(CheckResult())
            }
        }())
    }

    /// The SARIF writer gives `JSONSerialization`'s bytes (the log as a Foundation object,
    /// as it was written before) on awkward findings: control characters, DEL, quotes,
    /// non-ASCII text, a file outside the repository, no position, an end, a rule id no
    /// catalogue knows (which gets a rule of its own, in order of first use).
    @Test(arguments: [Language.en, .es])
    func sarifWriterMatchesJSONSerialization(_ language: Language) {
        let context = Fixtures.context(inputs: ["policies"])
        let reporter = SARIFReporter(options: ReportOptions(language: language), context: context)
        var odd = Finding(rule: "future-rule", severity: .note, location: SourceLocation(file: "/elsewhere/p q.yaml", position: SourcePosition(line: 3, column: 0)),
                          message: Message("input.cannot-read", ["path": "a\u{01}\u{7F}\"\\é😀/\n\t", "reason": "x"]))
        odd.end = SourcePosition(line: 4, column: 2)
        let whole = Finding(rule: Finding.invalidPolicy, severity: .error, location: SourceLocation(file: "policies/a.yaml", position: nil),
                            message: Message("input.no-policy-files", ["path": "policies/a.yaml", "count": "2"]),
                            help: Message("input.no-policy-files.help"))
        let other = Finding(rule: "older-rule", severity: .warning, location: SourceLocation(file: "policies/b.yaml", position: SourcePosition(line: 1, column: 1)),
                            message: Message("input.case-not-policy", ["path": "policies/b.yaml"]))
        let findings = [odd, whole, other, odd].sortedByLocation()
        var result = CheckResult(findings: findings)
        result.fileCount = 2
        let expected = JSONOutput.string(reporter.log(findings: findings, executionSuccessful: !result.hasInputErrors))
        #expect(reporter.report(result) == expected)
        // Streamed file by file, the unknown ids made in turn.
        let files = Dictionary(grouping: findings, by: \.location.file).sorted { $0.key < $1.key }
            .map { Linter.FileCheck(path: $0.key, findings: $0.value, source: nil) }
        #expect(SARIFStream(reporter: reporter).report(files) == expected)
    }

    /// `JSONWriter` resumed inside open containers writes, with `append(fragment:)` and
    /// `continueAfter(_:)`, exactly the document written in one go.
    @Test(arguments: [false, true])
    func jsonFragmentsMakeTheWholeDocument(_ foundation: Bool) {
        func values(_ json: inout JSONWriter, _ range: Range<Int>) {
            for number in range {
                json.beginObject()
                json.key("n"); json.number(number)
                json.key("list"); json.beginArray(); json.endArray()
                json.endObject()
            }
        }
        for split in [0, 1, 3] {
            var whole = JSONWriter(pretty: true, foundationLayout: foundation)
            whole.beginObject(); whole.key("items"); whole.beginArray()
            values(&whole, 0..<split); values(&whole, split..<3)
            whole.endArray(); whole.key("end"); whole.bool(true); whole.endObject(); whole.newline()

            var start = JSONWriter(pretty: true, foundationLayout: foundation)
            start.beginObject(); start.key("items"); start.beginArray()
            var body = JSONWriter(pretty: true, foundationLayout: foundation, holding: [true, false])
            for range in [0..<split, split..<3] {
                var part = JSONWriter(pretty: true, foundationLayout: foundation, holding: [true, false])
                values(&part, range)
                body.append(fragment: part.bytes)
            }
            var end = JSONWriter(pretty: true, foundationLayout: foundation, holding: [true, false])
            end.continueAfter(body)
            end.endArray(); end.key("end"); end.bool(true); end.endObject(); end.newline()
            #expect(String(decoding: start.bytes + body.bytes + end.bytes, as: UTF8.self) == whole.string)
        }
    }

    /// `XMLWriter`'s streamed document (start, children as fragments, end) is `document()`.
    @Test func xmlFragmentsMakeTheWholeDocument() {
        let children = [XMLWriter.Element("a", [("x", "1 & \"2\"")], text: "t<\n"), XMLWriter.Element("b", children: [XMLWriter.Element("c")])]
        let root = XMLWriter.Element("root", [("n", "3")], children: children)
        let streamed = root.documentStart(childrenFollow: true) + children.map { $0.fragment(depth: 1) }.joined()
            + root.documentEnd(childrenFollow: true)
        #expect(streamed == root.document())
        let empty = XMLWriter.Element("root", [("n", "0")])
        #expect(empty.documentStart(childrenFollow: false) + empty.documentEnd(childrenFollow: false) == empty.document())
    }
}

/// The byte-level paths of `MarkdownText` and the GitHub escapes (taken for ASCII text,
/// the common case) give what the character-level ones (`MarkdownText.character…`) give.
@Suite struct EscapeFastPathTests {
    static let samples = ["", "`", "``a``", "`x`", "a|b", "a\nb", "plain text", "**bold** _x_ [l](u) <h> #1 !$ {}~&", "tab\there",
                          "back\\slash", "a``b`c", "`|`", "|", "\n", "x`"]

    @Test(arguments: samples + ["é`ñ`", "a\r\nb", "\r"])
    func markdownMatchesTheCharacterLevelEscapes(_ text: String) {
        #expect(MarkdownText.code(text) == MarkdownText.characterCode(text))
        #expect(MarkdownText.escape(text) == MarkdownText.characterEscape(text))
    }

    @Test func githubEscapesEveryReservedCharacter() {
        #expect(GitHubActionsReporter.escapeData("50% a\r\nb: c, d é") == "50%25 a%0D%0Ab: c, d é")
        #expect(GitHubActionsReporter.escapeProperty("50% a\r\nb: c, d é") == "50%25 a%0D%0Ab%3A c%2C d é")
    }
}

extension EscapeFastPathTests {
    @Test(arguments: samples + ["é`ñ`\nx", "a\r\nb`c`", "\r", "line one\n`code|x` and `odd", "``", "a\n\nb",
                                "a`b`c`d`e", "|`a|b`|", "x\n`y`\n`", "\n", "`|`\n`", "give `agent` `up-to: 50 USD` | *now*"])
    func markdownCellsMatchTheCharacterLevelSplit(_ text: String) {
        #expect(MarkdownText.cell(text) == MarkdownText.characterCell(text))
        #expect(MarkdownText.inline(text) == MarkdownText.characterInline(text))
        var cell: [UInt8] = []
        MarkdownText.appendCell(text, to: &cell)
        #expect(String(decoding: cell, as: UTF8.self) == MarkdownText.characterCell(text))
    }
}
