import LeewayCore
import LeewayEngine
import LeewayRules

/// What a streamed check report knows only once every file is checked.
public struct CheckTotals: Sendable, Equatable {
    public var files = 0
    public var errors = 0
    public var warnings = 0
    public var notes = 0
    /// Files with at least one finding (Markdown's "N files without findings").
    public var filesWithFindings = 0
    public var silencedByExceptions = 0
    public var silencedByBaseline = 0
    /// Whether some input could not be used.
    public var hasInputErrors = false
    /// JUnit's totals: test cases, failures, errors.
    public var tests = 0
    public var failures = 0
    public var testErrors = 0

    public init() {}

    /// Counts one file's findings (as the report shows them) and its part's tallies.
    public mutating func add(_ file: Linter.FileCheck, _ part: CheckReportPart?) {
        for finding in file.findings {
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
            if finding.isInputError { hasInputErrors = true }
        }
        if !file.findings.isEmpty { filesWithFindings += 1 }
        if let part {
            tests += part.tests
            failures += part.failures
            testErrors += part.errors
        }
    }
}

/// One file's part of a streamed report, made on the worker that checked the file.
public struct CheckReportPart: Sendable {
    /// The bytes of the part; nil when it must be made in turn (`CheckReportStream.body`).
    public var bytes: [UInt8]?
    /// JUnit: the suite's test cases, failures and errors.
    public var tests = 0
    public var failures = 0
    public var errors = 0

    public init(bytes: [UInt8]?) { self.bytes = bytes }
}

/// A check report written while the check runs (SPEC §7, §8): the document's start, each
/// file's part as its turn comes (files in the report's order, `order`), then the end.
/// Every part is made on the core that checked the file; in turn, only the separators and
/// the few things that depend on the files before (a SARIF rule index never seen before)
/// are written. The bytes are exactly those of the report written whole.
///
/// A format whose start needs the totals (`startNeedsTotals`: SARIF's
/// `executionSuccessful`, JUnit's `<testsuites>` counts, Markdown's totals table) has its
/// body held aside — in memory, then in a temporary file — and written after the start
/// once the totals are known; the others write as they go.
public protocol CheckReportStream: Sendable {
    /// Whether `start` needs the totals, so that the body must wait for the end.
    var startNeedsTotals: Bool { get }
    /// Whether files are reported by repository-relative path (JUnit, Markdown) rather
    /// than by path as given.
    var ordersByRepositoryPath: Bool { get }
    /// On the worker: the file's part.
    func part(_ file: Linter.FileCheck) -> CheckReportPart
    /// In turn: the bytes of the file's part in the body.
    mutating func body(_ file: Linter.FileCheck, _ part: CheckReportPart) -> [UInt8]
    /// The start of the document (with the totals when `startNeedsTotals`).
    func start(_ totals: CheckTotals) -> [UInt8]
    /// The end of the document.
    func end(_ totals: CheckTotals) -> [UInt8]
}

extension CheckReportStream {
    public var startNeedsTotals: Bool { false }
    public var ordersByRepositoryPath: Bool { false }

    public mutating func body(_ file: Linter.FileCheck, _ part: CheckReportPart) -> [UInt8] { part.bytes ?? [] }

    public func start(_ totals: CheckTotals) -> [UInt8] { [] }

    /// The whole report for files checked already, in the report's order (tests compare
    /// it with the report written from a `CheckResult`).
    public func report(_ files: [Linter.FileCheck], fileCount: Int? = nil, silencedByExceptions: Int = 0,
                       silencedByBaseline: Int = 0) -> String {
        var stream = self
        var totals = CheckTotals()
        var body: [UInt8] = []
        for file in files {
            let part = stream.part(file)
            totals.add(file, part)
            body += stream.body(file, part)
        }
        totals.files = fileCount ?? files.count
        totals.silencedByExceptions = silencedByExceptions
        totals.silencedByBaseline = silencedByBaseline
        return String(decoding: stream.start(totals) + body + stream.end(totals), as: UTF8.self)
    }
}

// MARK: Text

/// `--format text`, streamed: each file's findings (input errors go to standard error),
/// then the summary line.
public struct CheckTextStream: CheckReportStream {
    public var reporter: CheckTextReporter

    public init(options: ReportOptions) {
        reporter = CheckTextReporter(options: options, listsInputErrors: false)
    }

    public func part(_ file: Linter.FileCheck) -> CheckReportPart {
        let shown = file.findings.filter { !$0.isInputError }
        return CheckReportPart(bytes: shown.isEmpty ? [] : reporter.findingBytes(shown, source: file.source))
    }

    public func end(_ totals: CheckTotals) -> [UInt8] {
        Array(reporter.summary(files: totals.files, errors: totals.errors, warnings: totals.warnings, notes: totals.notes).utf8)
    }
}

// MARK: JSON

/// `--format json`, streamed: `findings` file by file, then `summary` (already last).
public struct CheckJSONStream: CheckReportStream {
    public var options: ReportOptions
    /// Where the findings go in: the root object (holding `findings`), the array.
    static let findingsDepth = [true, false]
    private var findings = JSONWriter(pretty: true, capacity: 0, holding: findingsDepth)

    public init(options: ReportOptions) {
        self.options = options
    }

    public func start(_ totals: CheckTotals) -> [UInt8] {
        var json = JSONWriter(pretty: true, capacity: 64)
        json.beginObject()
        json.key(ascii: "findings")
        json.beginArray()
        return json.bytes
    }

    public func part(_ file: Linter.FileCheck) -> CheckReportPart {
        var json = JSONWriter(pretty: true, capacity: 512 * file.findings.count, holding: Self.findingsDepth)
        for finding in file.findings { FindingJSON.write(finding, options: options, to: &json) }
        return CheckReportPart(bytes: json.bytes)
    }

    public mutating func body(_ file: Linter.FileCheck, _ part: CheckReportPart) -> [UInt8] {
        findings.append(fragment: part.bytes ?? [])
        return findings.takeBytes()
    }

    public func end(_ totals: CheckTotals) -> [UInt8] {
        var json = JSONWriter(pretty: true, capacity: 256, holding: Self.findingsDepth)
        json.continueAfter(findings)
        json.endArray()
        json.key(ascii: "summary")
        json.beginObject()
        json.key(ascii: "errors"); json.number(totals.errors)
        json.key(ascii: "files"); json.number(totals.files)
        json.key(ascii: "notes"); json.number(totals.notes)
        json.key(ascii: "warnings"); json.number(totals.warnings)
        json.endObject()
        json.endObject()
        json.newline()
        return json.bytes
    }
}

// MARK: SARIF

/// `--format sarif`, streamed: the results file by file into the body; the start
/// (`invocations[0].executionSuccessful` comes before `results` in the sorted keys) and
/// the rules (which list any id no catalogue knows, in the order results first use it)
/// are written at the end.
public struct SARIFStream: CheckReportStream {
    public var reporter: SARIFReporter
    /// The catalogue's rules and their indexes, for the parts made on the workers.
    let catalogue: [RuleInfo]
    let index: [String: Int]
    /// Ids no catalogue knows, in the order results first used them.
    private var extra: [String] = []
    private var extraIndex: [String: Int] = [:]
    /// Where the results go in: root, `runs`, the run, `results`.
    static let resultsDepth = [true, true, true, false]
    private var results = JSONWriter(pretty: true, foundationLayout: true, capacity: 0, holding: resultsDepth)

    public init(reporter: SARIFReporter) {
        self.reporter = reporter
        catalogue = RuleCatalogue.all(reporter.options)
        var index: [String: Int] = [:]
        for (position, rule) in catalogue.enumerated() { index[rule.id] = position }
        self.index = index
    }

    public var startNeedsTotals: Bool { true }

    public func part(_ file: Linter.FileCheck) -> CheckReportPart {
        guard file.findings.allSatisfy({ index[$0.rule] != nil }) else { return CheckReportPart(bytes: nil) }
        return CheckReportPart(bytes: results(file.findings) { index[$0]! })
    }

    func results(_ findings: [Finding], ruleIndex: (String) -> Int) -> [UInt8] {
        var json = JSONWriter(pretty: true, foundationLayout: true, capacity: 1024 * findings.count, holding: Self.resultsDepth)
        var file: String?
        var artifact: (uri: String, base: String?) = ("", nil)
        for finding in findings {
            if finding.location.file != file {
                file = finding.location.file
                artifact = reporter.artifact(finding.location.file)
            }
            reporter.writeResult(finding, ruleIndex: ruleIndex(finding.rule), artifact: artifact, to: &json)
        }
        return json.bytes
    }

    public mutating func body(_ file: Linter.FileCheck, _ part: CheckReportPart) -> [UInt8] {
        var bytes = part.bytes
        if bytes == nil {
            for finding in file.findings where index[finding.rule] == nil && extraIndex[finding.rule] == nil {
                extraIndex[finding.rule] = catalogue.count + extra.count
                extra.append(finding.rule)
            }
            bytes = results(file.findings) { index[$0] ?? extraIndex[$0]! }
        }
        results.append(fragment: bytes!)
        return results.takeBytes()
    }

    public func start(_ totals: CheckTotals) -> [UInt8] {
        var json = JSONWriter(pretty: true, foundationLayout: true, capacity: 1024)
        json.beginObject()
        json.key(ascii: "$schema"); json.string(SARIFReporter.schemaURI)
        json.key(ascii: "runs")
        json.beginArray()
        json.beginObject()
        // Only when asked (`--sarif-category`): upload-sarif's own `category:` decides otherwise.
        if let category = reporter.context.category {
            json.key(ascii: "automationDetails")
            json.beginObject()
            json.key(ascii: "id"); json.string(category)
            json.endObject()
        }
        json.key(ascii: "columnKind"); json.string(ascii: "unicodeCodePoints")
        json.key(ascii: "invocations")
        json.beginArray()
        json.beginObject()
        json.key(ascii: "executionSuccessful"); json.bool(!totals.hasInputErrors)
        json.endObject()
        json.endArray()
        json.key(ascii: "results")
        json.beginArray()
        return json.bytes
    }

    public func end(_ totals: CheckTotals) -> [UInt8] {
        var json = JSONWriter(pretty: true, foundationLayout: true, capacity: 64 * 1024, holding: Self.resultsDepth)
        json.continueAfter(results)
        json.endArray()
        json.key(ascii: "tool")
        json.beginObject()
        json.key(ascii: "driver")
        json.beginObject()
        json.key(ascii: "fullName"); json.string(ascii: "Leeway")
        json.key(ascii: "informationUri"); json.string(ReportContext.informationURI)
        json.key(ascii: "name"); json.string(ascii: "leeway")
        json.key(ascii: "rules")
        json.beginArray()
        let options = reporter.options
        for rule in catalogue + extra.map({ RuleCatalogue.info(for: $0, options) }) { reporter.writeRule(rule, to: &json) }
        json.endArray()
        json.key(ascii: "semanticVersion"); json.string(reporter.context.toolVersion)
        json.key(ascii: "version"); json.string(reporter.context.toolVersion)
        json.endObject()
        json.endObject()
        json.endObject()
        json.endArray()
        json.key(ascii: "version"); json.string(ascii: "2.1.0")
        json.endObject()
        json.newline()
        return json.bytes
    }
}

// MARK: JUnit

/// `--format junit`, streamed: a `<testsuite>` per file into the body; `<testsuites>`,
/// whose attributes count every suite, is written at the end before them.
public struct CheckJUnitStream: CheckReportStream {
    public var reporter: CheckJUnitReporter

    public init(reporter: CheckJUnitReporter) {
        self.reporter = reporter
    }

    public var startNeedsTotals: Bool { true }
    public var ordersByRepositoryPath: Bool { true }

    public func part(_ file: Linter.FileCheck) -> CheckReportPart {
        let suite = reporter.suite(file)
        var part = CheckReportPart(bytes: suite.element().fragmentBytes(depth: 1))
        part.tests = suite.tests
        part.failures = suite.failures
        part.errors = suite.errors
        return part
    }

    func root(_ totals: CheckTotals) -> XMLWriter.Element {
        JUnitReport.rootElement(name: "leeway \(reporter.context.command)", tests: totals.tests, failures: totals.failures,
                                errors: totals.testErrors, time: reporter.context.elapsed.map { _ in ProcessClock.elapsed } ?? 0)
    }

    public func start(_ totals: CheckTotals) -> [UInt8] {
        Array(root(totals).documentStart(childrenFollow: totals.tests > 0).utf8)
    }

    public func end(_ totals: CheckTotals) -> [UInt8] {
        Array(root(totals).documentEnd(childrenFollow: totals.tests > 0).utf8)
    }
}

// MARK: GitHub

/// `--format github`, streamed: a workflow command per finding, file by file.
public struct GitHubActionsStream: CheckReportStream {
    public var reporter: GitHubActionsReporter
    let titles: [String: String]

    public init(reporter: GitHubActionsReporter) {
        self.reporter = reporter
        titles = reporter.titles()
    }

    public func part(_ file: Linter.FileCheck) -> CheckReportPart {
        var bytes: [UInt8] = []
        var path: String?
        var relative: String?
        for finding in file.findings {
            if finding.location.file != path {
                path = finding.location.file
                relative = reporter.runnerFile(finding.location.file)
            }
            reporter.command(finding, titles: titles, file: .some(relative), into: &bytes)
            bytes.append(0x0A)
        }
        return CheckReportPart(bytes: bytes)
    }

    public func end(_ totals: CheckTotals) -> [UInt8] { [] }
}

// MARK: Markdown

/// `--format markdown`, streamed: a section per file with findings into the body; the
/// title and the totals table, which come first, are written at the end before them.
public struct MarkdownStream: CheckReportStream {
    public var reporter: MarkdownReporter

    public init(reporter: MarkdownReporter) {
        self.reporter = reporter
    }

    public var startNeedsTotals: Bool { true }
    public var ordersByRepositoryPath: Bool { true }

    public func part(_ file: Linter.FileCheck) -> CheckReportPart {
        guard !file.findings.isEmpty else { return CheckReportPart(bytes: []) }
        // Blocks are separated by a blank line: each part starts with it.
        return CheckReportPart(bytes: reporter.sectionBytes(reporter.context.paths.repositoryRelative(file.path), file.findings,
                                                            prefix: "\n"))
    }

    public func start(_ totals: CheckTotals) -> [UInt8] {
        Array(reporter.head(files: totals.files, errors: totals.errors, warnings: totals.warnings, notes: totals.notes).utf8)
    }

    public func end(_ totals: CheckTotals) -> [UInt8] {
        var blocks: [String] = []
        if totals.filesWithFindings == 0 {
            blocks.append(MarkdownText.inline(reporter.options.text("format.markdown.no-findings")) + "\n")
        } else if totals.files - totals.filesWithFindings > 0 {
            blocks.append(reporter.cleanFiles(totals.files - totals.filesWithFindings))
        }
        let silenced = reporter.silenced(exceptions: totals.silencedByExceptions, baseline: totals.silencedByBaseline)
        if !silenced.isEmpty { blocks.append(silenced) }
        return Array(blocks.map { "\n" + $0 }.joined().utf8)
    }
}
