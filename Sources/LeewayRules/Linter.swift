import Foundation
import LeewayCore

/// What `leeway check` found in a set of policy files.
public struct CheckResult: Sendable {
    /// Every file read, by path, so reports can quote source lines.
    public var sources: [String: SourceFile]
    /// All findings (input errors and rule findings), sorted by location.
    public var findings: [Finding]
    /// How many files were checked.
    public var fileCount: Int
    /// The policy sets that loaded cleanly.
    public var policies: [PolicySet]
    /// Rule findings silenced by the policies' `exceptions:`.
    public var silencedByExceptions: Int
    /// Rule findings left out because the baseline records them.
    public var silencedByBaseline: Int
    /// YAML files found in folders that are plainly not policy sets (cases, CI workflows).
    public var passedOver = 0
    /// FIFOs, sockets and devices a folder search passed over (a note each).
    public var specialFiles: [String] = []
    /// Every policy file checked, by path, when `sources` and `policies` were not kept
    /// (a report of many files: `CheckSetup` streams the check and keeps only findings).
    public var checkedFiles: [String] = []
    /// The files of `checkedFiles` that loaded as policy sets (the rules ran on them).
    public var loadedFiles: [String] = []

    public init(sources: [String: SourceFile] = [:], findings: [Finding] = [], fileCount: Int = 0, policies: [PolicySet] = [],
                silencedByExceptions: Int = 0, silencedByBaseline: Int = 0) {
        self.sources = sources
        self.findings = findings
        self.fileCount = fileCount
        self.policies = policies
        self.silencedByExceptions = silencedByExceptions
        self.silencedByBaseline = silencedByBaseline
    }

    /// True when some input could not be used (exit code 2).
    public var hasInputErrors: Bool { findings.contains { $0.isInputError } }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// Checks policy files: loads each and runs the rules on it (on all cores), applies the
/// policy's exceptions, the configuration's severities and the baseline. The library
/// never prints: it returns a `CheckResult` for a reporter.
public struct Linter: Sendable {
    public var configuration: Configuration
    /// The day exceptions are judged on (`CalendarDate.today()`, which honours `LEEWAY_TODAY`).
    public var today: CalendarDate
    /// Findings to leave out (`--baseline FILE`).
    public var baseline: Baseline?
    /// Whether `CheckResult.policies` keep their composed YAML tree (`PolicySet.root`).
    /// Off by default: once the rules have run, the trees are dropped so that checking
    /// a thousand files stays small in memory.
    public var keepsYAMLTrees: Bool
    /// Whether files named one by one are passed over, as files found in folders are,
    /// when they are plainly not policy sets (`--pass-over-non-policies`: pre-commit
    /// names every staged YAML file).
    public var passesOverNamedFiles = false

    public init(configuration: Configuration = .standard, today: CalendarDate = .today(), baseline: Baseline? = nil,
                keepsYAMLTrees: Bool = false) {
        self.configuration = configuration
        self.today = today
        self.baseline = baseline
        self.keepsYAMLTrees = keepsYAMLTrees
    }

    /// The rules that run under the configuration, with their contexts (built once).
    private var activeRules: [(rule: any Rule, context: RuleContext)] {
        RuleRegistry.rules.compactMap { type in
            let description = type.description
            guard configuration.isEnabled(description.id), !RuleRegistry.exceptionRuleIds.contains(description.id) else { return nil }
            return (type.init(), configuration.context(for: description))
        }
    }

    /// Checks files and folders (`-` reads standard input).
    public func check(paths: [String]) -> CheckResult {
        let collected = PathCollector.collect(paths)
        let files = collected.files
        let rules = activeRules
        let slots = ResultSlots<(PolicyLoadResult, PolicyCheck?)>(count: files.count)
        let passedOver = ResultSlots<Bool>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            var loaded = PolicyLoader.load(path: files[index])
            // A file a folder search found that does not load, and is plainly a case or
            // another tool's YAML, is passed over with a note rather than reported.
            if loaded.isPlainlyNotAPolicy, passesOverNamedFiles || collected.foundInFolders.contains(files[index]) {
                passedOver[index] = true
                return
            }
            Linter.sayCaseFile(&loaded, path: files[index])
            let checked = loaded.policy.map { check(policy: $0, rules: rules) }
            if !keepsYAMLTrees, loaded.policy != nil {
                loaded.policy?.root = Linter.emptyTree
            }
            // Reports quote the source line of every finding: split the file into lines
            // here, on all cores, rather than later in the (serial) report.
            if let checked, !checked.findings.isEmpty { _ = loaded.file?.lines }
            slots[index] = (loaded, checked)
        }
        let skipped = passedOver.values.filter { $0 == true }.count
        var result = CheckResult(findings: collected.problems, fileCount: files.count - skipped)
        result.passedOver = skipped
        result.specialFiles = collected.specialFiles
        // A hook naming only cases has nothing to check, which is fine; a folder with no
        // policy set is a mistake in the path.
        if result.fileCount == 0 && skipped > 0 && !passesOverNamedFiles {
            let path = paths.first ?? "."
            result.findings.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: SourceLocation(file: path, position: nil),
                                           message: Message("input.no-policy-files", ["path": path, "count": String(skipped)]),
                                           help: Message("input.no-policy-files.help")))
        }
        for slot in slots.values {
            guard let (loaded, checked) = slot else { continue }
            if let file = loaded.file { result.sources[file.path] = file }
            result.findings += loaded.findings
            if let policy = loaded.policy {
                result.policies.append(policy)
            }
            if let checked {
                result.findings += checked.findings
                result.silencedByExceptions += checked.silenced
            }
        }
        if let baseline {
            let (kept, matched) = baseline.filter(result.findings)
            result.findings = kept
            result.silencedByBaseline = matched
        }
        result.findings = result.findings.sortedByLocation()
        return result
    }

    /// One file's part of a streamed check (`check(paths:each:)`).
    public struct FileCheck: Sendable {
        public var path: String
        /// The file's findings (input errors and rule findings), sorted by location.
        public var findings: [Finding]
        /// The file's text, for quoting lines; nil when it was not read.
        public var source: SourceFile?
        public var silencedByExceptions = 0
        public var silencedByBaseline = 0
        /// Whether the file loaded as a policy set, so that the rules ran on it.
        public var loadedPolicy = false
        /// What `prepare` made of the file on the worker that checked it (a report's part).
        public var prepared: [UInt8] = []

        public init(path: String, findings: [Finding], source: SourceFile?, loadedPolicy: Bool = false) {
            self.path = path
            self.findings = findings
            self.source = source
            self.loadedPolicy = loadedPolicy
        }
    }

    /// Checks files and folders as `check(paths:)` does, but hands each file's findings to
    /// `each` as soon as its turn comes (in the order of the sorted report) and keeps none
    /// of them: memory stays that of a few files in flight, whatever their number. The
    /// returned result has the counts (`fileCount`, `passedOver`, `specialFiles`,
    /// silenced findings) but no findings, sources or policies.
    ///
    /// `prepare`, when given, runs on the worker that checked a file (on every core) and
    /// its bytes come to `each` as `prepared`: a report renders its part there, not in turn.
    public func check(paths: [String], prepare: (@Sendable (FileCheck) -> [UInt8])? = nil, each: (FileCheck) -> Void) -> CheckResult {
        check(paths: paths, prepare: { file -> [UInt8] in prepare?(file) ?? [] }) { file, part in
            var file = file
            file.prepared = part
            each(file)
        }
    }

    /// The streamed check with a part of any kind made on the workers (`prepare`) and
    /// handed to `each` with its file, in turn. `order`, when given, is the key files are
    /// reported by (a report ordered by repository-relative path); by default, the path.
    ///
    /// Workers take files in that order from a shared counter and never wait for each
    /// other; `each` runs on the calling thread as soon as the next file in order is done,
    /// while the workers go on. At most `window` files are checked ahead of `each`, so
    /// memory stays bounded.
    public func check<Part: Sendable>(paths: [String], order: (@Sendable (String) -> String)? = nil,
                                      prepare: @escaping @Sendable (FileCheck) -> Part,
                                      each: (FileCheck, Part) -> Void) -> CheckResult {
        let collected = PathCollector.collect(paths)
        // The report's order: by file, as `sortedByLocation` orders findings.
        var units: [(path: String, file: String?, problems: [Finding])] = collected.files.map { ($0 == "-" ? "<stdin>" : $0, $0, []) }
        for problem in collected.problems { units.append((problem.location.file, nil, [problem])) }
        if let order {
            let keyed = units.map { (key: order($0.path), unit: $0) }
            units = keyed.sorted { $0.key != $1.key ? $0.key < $1.key : $0.unit.path < $1.unit.path }.map(\.unit)
        } else {
            units.sort { $0.path < $1.path }
        }
        let ordered = units
        let rules = activeRules
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let window = max(64, 32 * workers)
        let pipeline = CheckPipeline<(FileCheck, Part)?>(count: units.count, window: window)
        let foundInFolders = collected.foundInFolders
        let passesOverNamedFiles = passesOverNamedFiles
        let baseline = baseline
        let linter = self
        let work: @Sendable (Int) -> (FileCheck, Part)? = { index in
            let unit = ordered[index]
            guard let path = unit.file else {
                let file = FileCheck(path: unit.path, findings: unit.problems, source: nil)
                return (file, prepare(file))
            }
            var loaded = PolicyLoader.load(path: path)
            if loaded.isPlainlyNotAPolicy, passesOverNamedFiles || foundInFolders.contains(path) { return nil }
            Linter.sayCaseFile(&loaded, path: path)
            var file = FileCheck(path: unit.path, findings: loaded.findings, source: loaded.file)
            if let policy = loaded.policy {
                let checked = linter.check(policy: policy, rules: rules)
                file.findings += checked.findings
                file.silencedByExceptions = checked.silenced
                file.loadedPolicy = true
            }
            if let baseline {
                let (kept, matched) = baseline.filter(file.findings)
                file.findings = kept
                file.silencedByBaseline = matched
            }
            file.findings = file.findings.sortedByLocation()
            if !file.findings.isEmpty { _ = file.source?.lines }
            return (file, prepare(file))
        }
        let group = DispatchGroup()
        for _ in 0..<min(workers, max(1, units.count)) {
            DispatchQueue.global().async(group: group) { pipeline.work(work) }
        }
        var result = CheckResult(fileCount: 0)
        var skipped = 0
        for index in units.indices {
            guard let (file, part) = pipeline.take(index) else {
                skipped += 1
                continue
            }
            if units[index].file != nil { result.fileCount += 1 }
            result.silencedByExceptions += file.silencedByExceptions
            result.silencedByBaseline += file.silencedByBaseline
            each(file, part)
        }
        group.wait()
        result.passedOver = skipped
        result.specialFiles = collected.specialFiles
        // A hook naming only cases has nothing to check, which is fine; a folder with no
        // policy set is a mistake in the path.
        if result.fileCount == 0 && skipped > 0 && !passesOverNamedFiles {
            let path = paths.first ?? "."
            let file = FileCheck(path: path, findings: [Finding(rule: Finding.invalidPolicy, severity: .error, location: SourceLocation(file: path, position: nil),
                                                                message: Message("input.no-policy-files", ["path": path, "count": String(skipped)]),
                                                                help: Message("input.no-policy-files.help"))], source: nil)
            each(file, prepare(file))
        }
        return result
    }

    /// A case file named on the command line: one error saying so, not a list of keys a
    /// policy set does not have.
    static func sayCaseFile(_ loaded: inout PolicyLoadResult, path: String) {
        guard let position = loaded.caseKey else { return }
        let display = path == "-" ? "<stdin>" : path
        loaded.findings = [Finding(rule: Finding.invalidPolicy, severity: .error,
                                   location: SourceLocation(file: display, position: position),
                                   message: Message("input.case-not-policy", ["path": display]),
                                   help: Message("input.case-not-policy.help", ["path": display]))]
    }

    /// The findings for one loaded policy set: rule findings after exceptions and
    /// configured severities, findings about the exceptions, and `invalid-policy`
    /// errors for exceptions naming unknown rules. Sorted by location.
    public func check(policy: PolicySet) -> [Finding] {
        check(policy: policy, rules: activeRules).findings
    }

    static let emptyTree = YAMLNode(content: .scalar(""), style: .plain, start: .start, end: .start)

    struct PolicyCheck: Sendable {
        var findings: [Finding]
        var silenced: Int
    }

    private func check(policy: PolicySet, rules: [(rule: any Rule, context: RuleContext)]) -> PolicyCheck {
        var findings: [Finding] = []
        for (rule, context) in rules {
            findings += rule.check(policy, context)
        }
        let outcome = ExceptionFilter(today: today, configuration: configuration).apply(policy, to: findings)
        var out = outcome.findings
        if !configuration.rules.isEmpty {
            for index in out.indices where !out[index].isInputError {
                if let severity = configuration.rules[out[index].rule]?.severity {
                    out[index].severity = severity
                }
            }
        }
        return PolicyCheck(findings: out.sortedByLocation(), silenced: outcome.silenced)
    }
}

/// The streamed check's hand-over: workers claim items in order from a counter (at most
/// `window` ahead of the consumer) and put each result in its slot; the consumer takes
/// the slots in order, waiting only for the next one.
final class CheckPipeline<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private var done: [Bool]
    private var next = 0
    private var consumed = 0
    private let window: Int
    private let condition = NSCondition()

    init(count: Int, window: Int) {
        slots = Array(repeating: nil, count: count)
        done = Array(repeating: false, count: count)
        self.window = window
    }

    /// A worker's loop: claims the next item while the window allows, until none is left.
    func work(_ body: (Int) -> Value) {
        while true {
            condition.lock()
            while next < slots.count && next - consumed >= window { condition.wait() }
            guard next < slots.count else {
                condition.unlock()
                return
            }
            let index = next
            next += 1
            condition.unlock()
            let value = body(index)
            condition.lock()
            slots[index] = value
            done[index] = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The item's result, once its worker has put it there; its slot is emptied.
    func take(_ index: Int) -> Value {
        condition.lock()
        while !done[index] { condition.wait() }
        let value = slots[index]!
        slots[index] = nil
        consumed = index + 1
        condition.broadcast()
        condition.unlock()
        return value
    }
}

/// Fixed slots written once each from concurrent workers, read after they finish.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return storage[index] }
        set { lock.lock(); storage[index] = newValue; lock.unlock() }
    }

    var values: [Value?] { lock.lock(); defer { lock.unlock() }; return storage }
}
