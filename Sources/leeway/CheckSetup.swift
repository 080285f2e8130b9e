import Foundation
import LeewayCore
import LeewayRules

/// What `leeway check` does before reporting: reads `.leeway.yml` (or `--config`),
/// lets the command line override it, runs the linter with the baseline, and records a
/// new baseline when asked. Problems with the configuration or the baseline come back as
/// a `CheckResult` holding `invalid-config` findings, so every report format shows them
/// and the exit code is 2.
enum CheckSetup {
    static func lint<Formats>(paths: [String], output: inout OutputOptions<Formats>, baseline baselinePath: String?,
                     writeBaseline: String?, passOverNamedFiles: Bool = false, keepsSources: Bool = true) throws -> CheckResult {
        let (configuration, configProblems) = loadConfiguration(output.config)
        if output.failOn == nil, let text = configuration?.failOn { output.failOn = FailOn(rawValue: text) }
        if let configProblems { return configProblems }

        var baseline: Baseline?
        if let baselinePath {
            switch Baseline.load(path: baselinePath) {
            case .success(let value): baseline = value
            case .failure(let finding): return CheckResult(findings: [finding])
            }
        }
        var linter = Linter(configuration: configuration ?? .standard, baseline: writeBaseline == nil ? baseline : nil)
        linter.passesOverNamedFiles = passOverNamedFiles
        var result: CheckResult
        if keepsSources {
            result = linter.check(paths: paths)
        } else {
            // A machine-readable report needs the findings only: the check streams file by
            // file and keeps no file's text or model (10,000 files stay in bounded memory),
            // except the text of a file with an input error, quoted on standard error.
            var findings: [Finding] = []
            var sources: [String: SourceFile] = [:]
            var checked: [String] = []
            var loaded: [String] = []
            result = linter.check(paths: paths) { file in
                findings += file.findings
                if file.source != nil { checked.append(file.path) }
                if file.loadedPolicy { loaded.append(file.path) }
                if let source = file.source, file.findings.contains(where: \.isInputError) { sources[file.path] = source }
            }
            result.findings = findings
            result.sources = sources
            result.checkedFiles = checked
            result.loadedFiles = loaded
        }
        if let writeBaseline {
            do {
                try Baseline.write(result.findings, to: writeBaseline)
            } catch let finding as Finding {
                throw UsageError(finding.message.render(output.language))
            }
            if let baseline {
                let (kept, matched) = baseline.filter(result.findings)
                result.findings = kept
                result.silencedByBaseline = matched
            }
        }
        return result
    }

    /// The configuration for a run: `--config FILE`, else `.leeway.yml` found upward,
    /// else the defaults. A result holding the problems when the file cannot be used.
    static func loadConfiguration(_ explicit: String?) -> (Configuration?, CheckResult?) {
        guard let path = explicit ?? Configuration.find() else { return (.standard, nil) }
        let display = explicit ?? relativePath(path)
        let loaded = Configuration.load(path: path)
        if let configuration = loaded.configuration { return (configuration, nil) }
        var result = CheckResult(findings: loaded.findings.map { finding in
            var finding = finding
            if finding.location.file == path { finding.location.file = display }
            return finding
        }, fileCount: 0)
        if let file = loaded.file { result.sources[display] = SourceFile(path: display, text: file.text) }
        return (nil, result)
    }

    /// A found configuration's path relative to the working directory when it is under it.
    static func relativePath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// The language of a run, worked out the same way by every command:
/// `--lang` > `LEEWAY_LANG` > `lang:` in `.leeway.yml` (or `--config FILE`) >
/// `LC_ALL`/`LC_MESSAGES`/`LANG` > English. The configuration is read only when the
/// flag and `LEEWAY_LANG` leave the choice to it, and once per run.
enum RunLanguage {
    static func resolve(flag: Language?, config: String?) -> Language {
        let language = Language.resolve(explicit: flag, configured: configured(config))
        state.withLock { $0.current = language }
        return language
    }

    /// The language last worked out in this run, for messages far from the options
    /// (a report that cannot be written); the environment and `.leeway.yml` otherwise.
    static var current: Language {
        state.withLock { $0.current } ?? resolve(flag: nil, config: nil)
    }

    /// The language worked out in this run so far, if any.
    static var settled: Language? {
        state.withLock { $0.current }
    }

    /// `lang:` in `--config FILE`, else in the `.leeway.yml` found upward; nil when there
    /// is none or the file cannot be read (the commands that use it say why).
    static func configured(_ explicit: String?) -> Language? {
        let key = explicit ?? ""
        if let known = state.withLock({ $0.configured[key] }) { return known }
        var language: Language?
        if let path = explicit ?? Configuration.find() {
            language = Configuration.load(path: path).language
        }
        state.withLock { $0.configured[key] = .some(language) }
        return language
    }

    private struct State {
        var configured: [String: Language?] = [:]
        var current: Language?
    }

    private static let state = LockedState(State())
}

/// A value shared across threads behind a lock.
final class LockedState<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
