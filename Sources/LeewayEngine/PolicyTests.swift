import Foundation
import LeewayCore

/// `leeway test`: finds policy sets and cases under the given paths, runs every case
/// that has `expect:` against the policy its `policy:` names, and compares outcomes.
public struct PolicyTestRun: Sendable {
    public struct CaseResult: Sendable {
        public var source: Case
        public var evaluated: EvaluatedCase
        public var mismatches: [Mismatch]
        public var expectations: Int
        /// `expect-owed` that did not hold (language 1.1).
        public var owedMismatch: OwedMismatch? = nil
        public var passed: Bool { mismatches.isEmpty && owedMismatch == nil }
        /// The policy file the case ran against (it names it on failure).
        public var policyFile: String = ""
        /// How long evaluating the case took, in seconds.
        public var seconds: Double = 0
    }

    /// `expect-owed: [ids]` against the remedies actually owed, both in file order.
    public struct OwedMismatch: Sendable {
        public var location: SourceLocation
        public var expected: [String]
        public var actual: [String]

        /// The failure as one line, in the reader's language.
        public func message(_ language: Language) -> String {
            func list(_ names: [String]) -> String { names.isEmpty ? "[]" : "[" + names.joined(separator: ", ") + "]" }
            return Catalog.render(Message("test.owed-mismatch", ["location": location.description, "expected": list(expected),
                                                                   "actual": list(actual)]), in: language)
        }
    }

    /// An expectation that did not hold: what was expected, where, and what came out.
    public struct Mismatch: Sendable {
        public var expectation: Expectation
        public var actual: Outcome
        public var decision: Decision
    }

    public var results: [CaseResult] = []
    /// Inputs that could not be used: broken files, invalid policies or cases, cases
    /// naming a policy that was not found.
    public var errors: [Finding] = []
    /// Files that are neither a usable policy set nor a case file, and that no case
    /// needs (deliberately broken samples): noted, not failed.
    public var skipped: [Finding] = []
    public var sources: [String: SourceFile] = [:]
    /// Where each case starts in its file, by file: the line and the case id, so that an
    /// error inside a case can be named by the case (JUnit).
    public var caseStarts: [String: [CaseStart]] = [:]

    public struct CaseStart: Sendable {
        public var line: Int
        public var id: String
    }

    /// The case of `file` that the line falls in, if any.
    public func caseID(file: String, line: Int?) -> String? {
        guard let line, let starts = caseStarts[file] else { return nil }
        return starts.last { $0.line <= line }?.id
    }

    public var failed: Int { results.filter { !$0.passed }.count }
    public var passed: Int { results.filter(\.passed).count }
    public var expectations: Int { results.reduce(0) { $0 + $1.expectations } }

    public init() {}
}

public enum PolicyTestRunner {
    public static let defaultPaths = ["policies", "examples"]

    /// Runs the cases under `paths`. `policyFiles` (`--policy FILE`) are policy sets to use
    /// for the ids they declare, whichever other files hold the same id.
    public static func run(paths: [String], policyFiles: [String] = []) -> PolicyTestRun {
        var run = PolicyTestRun()
        // Files and folders as `leeway eval` and `leeway diff` take them (`*.jsonl` too).
        let collected = PathCollector.collect(paths, extensions: CaseCorpus.extensions, code: Finding.invalidCase)
        run.errors += collected.problems
        for special in collected.specialFiles {
            run.skipped.append(Finding(rule: Finding.invalidCase, severity: .note, location: SourceLocation(file: special, position: nil),
                                       message: Message("input.special-file", ["path": special])))
        }
        var policies: [String: CompiledPolicy] = [:]
        // Every file holding each policy id, in path order, and each policy by file.
        var filesByID: [String: [String]] = [:]
        var byFile: [String: CompiledPolicy] = [:]
        var chosen: [String: String] = [:]
        func key(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
        var caseFiles: [(String, [UInt8])] = []
        var passedOver = 0

        var brokenPolicies: [String: [Finding]] = [:]
        // `per: customer` budgets follow each customer through the run, per policy file.
        var ledgers: [ObjectIdentifier: CustomerLedger] = [:]
        func evaluate(_ source: Case, _ policy: CompiledPolicy, _ file: String) {
            let start = DispatchTime.now().uptimeNanoseconds
            let ledger = ledgers[ObjectIdentifier(policy)] ?? CustomerLedger()
            ledgers[ObjectIdentifier(policy)] = ledger
            switch Engine.evaluate(source, with: policy, ledger: ledger) {
            case .failure(let problems):
                run.errors += problems.findings
            case .success(let evaluated):
                var result = check(evaluated)
                result.policyFile = file
                result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
                run.results.append(result)
            }
        }
        for path in collected.files {
            if CaseLoader.isJSONLines(path) {
                caseFiles.append((path, []))
                continue
            }
            let bytes: [UInt8]
            switch SourceReading.bytes(path: path, code: Finding.invalidCase, limit: nil) {
            case .failure(let finding):
                run.errors.append(finding)
                continue
            case .success(let read):
                bytes = read
            }
            let display = path == "-" ? "<stdin>" : path
            let named = !collected.foundInFolders.contains(path)
            let (file, documents, problems) = SourceReading.documents(bytes: bytes, path: display, code: Finding.invalidCase)
            run.sources[display] = file
            let first = documents.first { $0.root?.mapping != nil }?.root
            if first?["case"] != nil {
                caseFiles.append((display, bytes))
            } else if first?["roles"] != nil || first?["actions"] != nil {
                // Only policy sets are held to the size limit; case files have none.
                if bytes.count > SourceReading.maxFileSize, case .failure(let finding) = SourceReading.bytes(path: path, code: Finding.invalidPolicy) {
                    run.errors.append(finding)
                    continue
                }
                let loaded = PolicyLoader.load(bytes: bytes, path: display)
                if let policy = loaded.policy {
                    let compiled = CompiledPolicy(policy)
                    if policies[policy.id.value] == nil { policies[policy.id.value] = compiled }
                    if byFile[key(display)] == nil {
                        filesByID[policy.id.value, default: []].append(display)
                        byFile[key(display)] = compiled
                    }
                } else {
                    // A broken policy set matters only to the cases that name it.
                    let errors = loaded.findings.filter { $0.severity == .error }
                    if let id = first?["policy"]?.scalar {
                        brokenPolicies[id, default: []] += errors
                    }
                    // A file named on the command line is meant to be used: its errors are input errors.
                    if named { run.errors += errors } else { run.skipped.append(skippedNote(display, errors.count)) }
                }
            } else if !problems.isEmpty {
                // Not readable as YAML: neither a policy set nor a case we can run.
                if named { run.errors += problems } else { run.skipped.append(skippedNote(display, problems.count)) }
            } else if named {
                // Named on purpose, yet neither a policy set nor a case: an input error.
                run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: display, position: nil),
                                          message: Message("test.not-tested", ["path": display]), help: Message("test.not-tested.help")))
            } else {
                // Anything else (a configuration file, a CI workflow, notes) is not ours to test.
                passedOver += 1
            }
        }
        if passedOver > 0 {
            run.skipped.append(Finding(rule: Finding.invalidCase, severity: .note, location: SourceLocation(file: paths.joined(separator: " "), position: nil),
                                       message: Message("test.passed-over", ["count": String(passedOver)])))
        }
        // `--policy FILE`: the policy set to use for its id.
        for path in policyFiles {
            let loaded = PolicyLoader.load(path: path)
            if let file = loaded.file { run.sources[file.path] = file }
            guard let policy = loaded.policy else {
                run.errors += loaded.findings.filter { $0.severity == .error }
                continue
            }
            let compiled = byFile[key(path)] ?? CompiledPolicy(policy)
            byFile[key(path)] = compiled
            policies[policy.id.value] = compiled
            chosen[policy.id.value] = path
        }
        // The policy set a case runs against: its `policy-file:` (relative to the case
        // file), else `--policy`, else the one file holding its `policy:` id. Two files
        // with the id and nothing saying which is an input error naming both.
        func policy(for source: Case) -> (CompiledPolicy, String)? {
            if let named = source.policyFile {
                let base = URL(fileURLWithPath: source.location.file).deletingLastPathComponent()
                let path = named.value.hasPrefix("/") ? named.value : base.appendingPathComponent(named.value).path
                let display = relative(path)
                if byFile[key(path)] == nil {
                    let loaded = PolicyLoader.load(path: path)
                    if let file = loaded.file { run.sources[display] = SourceFile(path: display, text: file.text) }
                    guard let loadedPolicy = loaded.policy else {
                        let errors = loaded.findings.filter { $0.severity == .error }
                        if errors.contains(where: { $0.message.key == "input.missing" }) {
                            run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: named.location,
                                                      message: Message("test.policy-file-missing", ["path": named.value]),
                                                      help: Message("test.policy-file-missing.help")))
                        } else {
                            run.errors += errors
                        }
                        return nil
                    }
                    byFile[key(path)] = CompiledPolicy(loadedPolicy)
                }
                let compiled = byFile[key(path)]!
                if let reference = source.policy, reference.value != compiled.policy.id.value {
                    run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: named.location,
                                              message: Message("test.policy-file-other-id", ["path": named.value, "id": compiled.policy.id.value,
                                                                                             "policy": reference.value]),
                                              help: Message("test.policy-file-other-id.help")))
                    return nil
                }
                return (compiled, display)
            }
            guard let reference = source.policy else { return nil }
            if let path = chosen[reference.value], let compiled = byFile[key(path)] { return (compiled, path) }
            let files = filesByID[reference.value] ?? []
            if files.count > 1 {
                run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: reference.location,
                                          message: Message("test.ambiguous-policy", ["policy": reference.value,
                                                                                     "files": files.map { "`\($0)`" }.joined(separator: ", ")]),
                                          help: Message("test.ambiguous-policy.help", ["file": files[0],
                                                                                        "relative": relativePath(files[0], from: source.location.file)])))
                return nil
            }
            guard let file = files.first, let compiled = byFile[key(file)] else { return nil }
            return (compiled, file)
        }

        for (path, bytes) in caseFiles {
            let loaded = CaseLoader.isJSONLines(path) ? CaseLoader.load(path: path) : CaseLoader.load(bytes: bytes, path: path)
            if CaseLoader.isJSONLines(path), let file = loaded.file { run.sources[file.path] = file }
            run.errors += loaded.findings.filter { $0.severity == .error }
            // A case with one mistake is still bound, so that its other mistakes show too.
            for reference in Set(loaded.rejected.compactMap { $0.policy?.value }) {
                if let policy = policies[reference]?.policy {
                    var only = loaded
                    only.rejected = loaded.rejected.filter { $0.policy?.value == reference }
                    run.errors += policy.bindingFindings(for: only)
                }
            }
            let starts = (loaded.cases + loaded.rejected).compactMap { source in
                source.location.line.map { PolicyTestRun.CaseStart(line: $0, id: source.id.value) }
            }.sorted { $0.line < $1.line }
            if !starts.isEmpty { run.caseStarts[path, default: []] += starts }
            for source in loaded.cases where !source.expect.isEmpty || source.expectOwed != nil {
                if source.policyFile != nil || (source.policy.map { (filesByID[$0.value]?.count ?? 0) > 1 || chosen[$0.value] != nil } ?? false) {
                    let before = run.errors.count
                    guard let (compiled, file) = policy(for: source) else {
                        if run.errors.count == before {
                            run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: source.id.location,
                                                      message: Message("test.no-policy", ["case": source.id.value]), help: Message("test.no-policy.help")))
                        }
                        continue
                    }
                    evaluate(source, compiled, file)
                    continue
                }
                guard let reference = source.policy else {
                    run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: source.id.location,
                                              message: Message("test.no-policy", ["case": source.id.value]), help: Message("test.no-policy.help")))
                    continue
                }
                if policies[reference.value] == nil, let errors = brokenPolicies[reference.value] {
                    run.errors += errors
                    continue
                }
                guard let policy = policies[reference.value] else {
                    let help = Suggest.closest(to: reference.value, in: Array(policies.keys)).map { Message("load.did-you-mean", ["suggestion": $0]) }
                        ?? Message("test.unknown-policy.help")
                    run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: reference.location,
                                              message: Message("test.unknown-policy", ["case": source.id.value, "policy": reference.value]), help: help))
                    continue
                }
                evaluate(source, policy, filesByID[reference.value]?.first ?? "")
            }
        }
        run.errors = run.errors.sortedByLocation()
        return run
    }

    /// A path as shown: relative to the working directory when it lies under it.
    static func relative(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// `file` as written in a case file at `caseFile`: relative to the case file's folder.
    static func relativePath(_ file: String, from caseFile: String) -> String {
        let target = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: caseFile).standardizedFileURL.deletingLastPathComponent().pathComponents
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }

    static func skippedNote(_ path: String, _ count: Int) -> Finding {
        Finding(rule: Finding.invalidCase, severity: .note, location: SourceLocation(file: path, position: nil),
                message: Message("test.skipped-file", ["path": path, "count": String(count)]), help: Message("test.skipped-file.help"))
    }

    /// Compares a case's expectations with its decisions.
    public static func check(_ evaluated: EvaluatedCase) -> PolicyTestRun.CaseResult {
        var mismatches: [PolicyTestRun.Mismatch] = []
        for expectation in evaluated.source.expect {
            guard let decision = evaluated.decisions.first(where: {
                evaluated.policy.actions[Int($0.action)].name == expectation.action.value
            }) else { continue }
            if decision.outcome != expectation.outcome.value {
                mismatches.append(PolicyTestRun.Mismatch(expectation: expectation, actual: decision.outcome, decision: decision))
            }
        }
        var result = PolicyTestRun.CaseResult(source: evaluated.source, evaluated: evaluated, mismatches: mismatches,
                                              expectations: evaluated.source.expect.count + (evaluated.source.expectOwed == nil ? 0 : 1))
        if let expected = evaluated.source.expectOwed {
            let names = expected.value.map(\.value)
            let actual = evaluated.owed.map { evaluated.policy.policy.remedies[Int($0.remedy)].name }
            if Set(names) != Set(actual) || names.count != actual.count {
                result.owedMismatch = PolicyTestRun.OwedMismatch(location: expected.location, expected: names, actual: actual)
            }
        }
        return result
    }
}

/// `leeway test` as text, in the manner of `swift test`: one line per case, the failing
/// expectation with its location, want against got, and why.
public struct PolicyTestText: Sendable {
    public var language: Language
    public var color: Bool

    public init(language: Language = .en, color: Bool = false) {
        self.language = language
        self.color = color
    }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Catalog.render(Message(key, arguments), in: language)
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public func report(_ run: PolicyTestRun) -> String {
        var out = "◇ " + text("test.started", ["count": String(run.results.count)]) + "\n"
        for result in run.results {
            let location = result.source.location.description
            if result.passed {
                out += paint("✔", "32") + " " + text("test.passed", ["case": result.source.id.value, "location": location]) + "\n"
                continue
            }
            out += paint("✘", "31") + " " + text("test.failed", ["case": result.source.id.value, "location": location]) + "\n"
            if !result.policyFile.isEmpty {
                out += "    " + text("test.ran-against", ["file": result.policyFile, "policy": result.evaluated.policy.id]) + "\n"
            }
            let explanation = Explanation(policy: result.evaluated.policy, language: language, keeping: false)
            for mismatch in result.mismatches {
                out += "    " + text("test.mismatch", [
                    "location": mismatch.expectation.outcome.location.description,
                    "action": mismatch.expectation.action.value,
                    "expected": paint(mismatch.expectation.outcome.value.rawValue, "32"),
                    "actual": paint(mismatch.actual.rawValue, "31"),
                ]) + "\n"
                let reasons = explanation.why(mismatch.decision, trace: result.evaluated.trace, input: result.evaluated.input)
                if !reasons.isEmpty {
                    out += "      " + text("label.why") + ": " + reasons.joined(separator: "; ") + "\n"
                }
            }
            if let owed = result.owedMismatch {
                out += "    " + owed.message(language) + "\n"
            }
        }
        if run.results.isEmpty && run.errors.isEmpty {
            out += text("test.none") + "\n"
        } else if run.failed == 0 {
            out += paint("✔", "32") + " " + text("test.summary-passed", ["passed": String(run.passed), "expectations": String(run.expectations)]) + "\n"
        } else {
            out += paint("✘", "31") + " " + text("test.summary-failed", ["failed": String(run.failed), "total": String(run.results.count),
                                                                      "passed": String(run.passed)]) + "\n"
        }
        if !run.errors.isEmpty {
            out += text("test.skipped-errors", ["count": String(Set(run.errors.map(\.location.file)).count)]) + "\n"
        }
        return out
    }
}
