import LeewayCore
import LeewayRules

/// `leeway check --format junit`: a test suite per policy file and a test case per file
/// and rule (classname `policies.acme-field-service`, name the rule id). A rule's findings at or above `--fail-on` make its case fail (one
/// `<failure>` listing them all, as Jenkins and GitLab show only the first, xunitparser
/// and junit2html only the last); findings
/// below it pass and appear as the case's output. An input problem (`invalid-policy`)
/// is an `<error>`, and the rules that could not run on that file are skipped.
public struct CheckJUnitReporter: Sendable {
    public var options: ReportOptions
    public var context: ReportContext

    public init(options: ReportOptions = ReportOptions(), context: ReportContext) {
        self.options = options
        self.context = context
    }

    public func report(_ result: CheckResult) -> String {
        junit(result).xml()
    }

    public func junit(_ result: CheckResult) -> JUnitReport {
        let findings = result.findings.sortedByLocation()
        var byFile: [String: [Finding]] = [:]
        for finding in findings { byFile[finding.location.file, default: []].append(finding) }
        let loaded = Set(result.policies.map(\.file.path)).union(result.loadedFiles)
        var policyFiles = Set(result.sources.keys).union(loaded).union(result.checkedFiles)
        for finding in findings where finding.rule == Finding.invalidPolicy { policyFiles.insert(finding.location.file) }
        let files = policyFiles.union(byFile.keys).sorted { context.paths.repositoryRelative($0) < context.paths.repositoryRelative($1) }

        var suites: [JUnitSuite] = []
        for file in files {
            let path = context.paths.repositoryRelative(file)
            let fileFindings = byFile[file] ?? []
            var ids: [String] = []
            if policyFiles.contains(file) { ids = [Finding.invalidPolicy] + RuleRegistry.ids }
            for finding in fileFindings where !ids.contains(finding.rule) { ids.append(finding.rule) }
            let classname = CheckJUnitReporter.classname(path)
            let cases = ids.map { id in
                testCase(id, path: path, classname: classname, findings: fileFindings.filter { $0.rule == id },
                         skipped: policyFiles.contains(file) && !loaded.contains(file) && !RuleCatalogue.inputProblemIds.contains(id))
            }
            suites.append(JUnitSuite(name: path, file: path, cases: cases))
        }
        return JUnitReport(name: "leeway \(context.command)", suites: suites, time: context.elapsed)
    }

    /// The suite of one file of a streamed check: the same suite `junit(_:)` writes for it.
    public func suite(_ file: Linter.FileCheck) -> JUnitSuite {
        let path = context.paths.repositoryRelative(file.path)
        let isPolicyFile = file.source != nil || file.loadedPolicy || file.findings.contains { $0.rule == Finding.invalidPolicy }
        var ids: [String] = isPolicyFile ? [Finding.invalidPolicy] + RuleRegistry.ids : []
        for finding in file.findings where !ids.contains(finding.rule) { ids.append(finding.rule) }
        // Worked out once per file, not once per test case.
        let classname = CheckJUnitReporter.classname(path)
        let cases = ids.map { id in
            testCase(id, path: path, classname: classname, findings: file.findings.filter { $0.rule == id },
                     skipped: isPolicyFile && !file.loadedPolicy && !RuleCatalogue.inputProblemIds.contains(id))
        }
        return JUnitSuite(name: path, file: path, cases: cases)
    }

    func testCase(_ id: String, path: String, classname: String, findings: [Finding], skipped: Bool) -> JUnitCase {
        var testCase = JUnitCase(name: id, classname: classname)
        if findings.isEmpty {
            if skipped { testCase.skipped = options.text("format.junit.not-run") }
            return testCase
        }
        var failing: [Finding] = [], passing: [Finding] = []
        for finding in findings {
            if finding.isInputError || context.failOn.map({ finding.severity >= $0 }) == true {
                failing.append(finding)
            } else {
                passing.append(finding)
            }
        }
        if !failing.isEmpty {
            let problem = JUnitProblem(message: summary(failing, path: path), type: failing.map(\.severity).max()!.rawValue,
                                       text: failing.map { detail($0, path: path) }.joined(separator: "\n"))
            if failing.contains(where: \.isInputError) {
                testCase.error = problem
            } else {
                testCase.failure = problem
            }
        }
        if !passing.isEmpty { testCase.output = passing.map { detail($0, path: path) }.joined(separator: "\n") }
        return testCase
    }

    /// `policies/acme-field-service.yaml` → `policies.acme-field-service`: Jenkins reads
    /// the classname as `package.Class`, so the folder becomes the package and the file
    /// the class. The path itself is in the `file` attribute.
    public static func classname(_ path: String) -> String {
        var name = Substring(path)
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        return name.split(separator: "/", omittingEmptySubsequences: true).joined(separator: ".")
    }

    /// `policies/acme.yaml:40:30: message`, and how many more there are.
    func summary(_ findings: [Finding], path: String) -> String {
        let first = findings[0]
        var line = location(first, path: path) + ": " + options.render(first.message)
        if findings.count > 1 {
            line += " " + options.render(Message("format.junit.and-more", ["count": String(findings.count - 1)]))
        }
        return line
    }

    /// `path:line:column: severity: message`, then the override (or help) indented.
    func detail(_ finding: Finding, path: String) -> String {
        // Into one buffer: a report of 10,000 files has 200,000 of these.
        var text: [UInt8] = []
        FindingText.headline(finding, file: path, options: options, into: &text)
        FindingText.help(finding, options: options, indent: "  ", into: &text)
        return String(decoding: text, as: UTF8.self)
    }

    func location(_ finding: Finding, path: String) -> String {
        guard let position = finding.location.position else { return path }
        return "\(path):\(position.line):\(position.column)"
    }
}
