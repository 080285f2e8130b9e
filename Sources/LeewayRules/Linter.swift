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

    public init(sources: [String: SourceFile] = [:], findings: [Finding] = [], fileCount: Int = 0, policies: [PolicySet] = []) {
        self.sources = sources
        self.findings = findings
        self.fileCount = fileCount
        self.policies = policies
    }

    /// True when some input could not be used (exit code 2).
    public var hasInputErrors: Bool { findings.contains { $0.isInputError } }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// Checks policy files: loads each (on all cores), validates structure, and runs the
/// rules. The library never prints: it returns a `CheckResult` for a reporter.
public struct Linter: Sendable {
    public init() {}

    /// Checks files and folders (`-` reads standard input).
    public func check(paths: [String]) -> CheckResult {
        let collected = PathCollector.collect(paths)
        let files = collected.files
        let slots = ResultSlots<PolicyLoadResult>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            slots[index] = PolicyLoader.load(path: files[index])
        }
        var result = CheckResult(findings: collected.problems, fileCount: files.count)
        for loaded in slots.values {
            guard let loaded else { continue }
            if let file = loaded.file { result.sources[file.path] = file }
            result.findings += loaded.findings
            if let policy = loaded.policy {
                result.policies.append(policy)
                result.findings += check(policy: policy)
            }
        }
        result.findings = result.findings.sortedByLocation()
        return result
    }

    /// The rule findings for one loaded policy set.
    public func check(policy: PolicySet) -> [Finding] {
        []
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
