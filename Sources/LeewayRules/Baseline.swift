import Foundation
import LeewayCore

/// A record of accepted findings (`--write-baseline FILE`), so that `--baseline FILE`
/// reports only new ones. Findings are identified by `Finding.fingerprint` (rule, file,
/// key path, message values; not the line), so unrelated edits that move lines keep
/// them matched. A finding recorded twice is matched twice.
///
/// ```json
/// { "version": 1, "findings": [ { "fingerprint": "…", "rule": "slow-approval",
///   "file": "policies/acme.yaml", "path": "actions.issue-credit.above-limit.approval.within",
///   "message": "…" } ] }
/// ```
public struct Baseline: Sendable {
    public static let version = 1

    /// How many times each fingerprint was recorded.
    public var counts: [String: Int]

    public init(counts: [String: Int] = [:]) {
        self.counts = counts
    }

    /// A baseline of these findings (input errors are never recorded).
    public init(findings: [Finding]) {
        var counts: [String: Int] = [:]
        for finding in findings where !finding.isInputError {
            counts[finding.fingerprint, default: 0] += 1
        }
        self.counts = counts
    }

    public var isEmpty: Bool { counts.isEmpty }

    /// The findings not in the baseline, and how many were in it. Input errors always stay.
    public func filter(_ findings: [Finding]) -> (findings: [Finding], matched: Int) {
        var remaining = counts
        var kept: [Finding] = []
        var matched = 0
        for finding in findings {
            if !finding.isInputError, let left = remaining[finding.fingerprint], left > 0 {
                remaining[finding.fingerprint] = left - 1
                matched += 1
            } else {
                kept.append(finding)
            }
        }
        return (kept, matched)
    }

    // MARK: - File format

    /// The baseline file's bytes for these findings (sorted, stable, English messages).
    public static func data(for findings: [Finding]) -> Data {
        let entries: [[String: Any]] = findings.filter { !$0.isInputError }.map { finding in
            var entry: [String: Any] = [
                "fingerprint": finding.fingerprint,
                "rule": finding.rule,
                "file": finding.location.file,
                "message": finding.message.render(.en),
            ]
            if let path = finding.path { entry["path"] = path.description }
            return entry
        }.sorted { a, b in
            let x = (a["file"] as? String ?? "", a["path"] as? String ?? "", a["rule"] as? String ?? "", a["fingerprint"] as? String ?? "")
            let y = (b["file"] as? String ?? "", b["path"] as? String ?? "", b["rule"] as? String ?? "", b["fingerprint"] as? String ?? "")
            return x < y
        }
        let object: [String: Any] = ["version": version, "tool": "leeway", "findings": entries]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data + Data("\n".utf8)
    }

    /// Writes the baseline for these findings to `path` atomically (a temporary file
    /// renamed over it). Throws a located `invalid-config` finding when it cannot.
    public static func write(_ findings: [Finding], to path: String) throws {
        do {
            try data(for: findings).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Finding(rule: Finding.invalidConfig, severity: .error, location: SourceLocation(file: path, position: nil),
                          message: Message("baseline.cannot-write", ["path": path, "reason": error.localizedDescription]))
        }
    }

    /// Reads a baseline file, or returns the problem with it.
    public static func load(path: String) -> Result<Baseline, Finding> {
        func problem(_ key: String, _ arguments: [String: String] = [:]) -> Result<Baseline, Finding> {
            .failure(Finding(rule: Finding.invalidConfig, severity: .error, location: SourceLocation(file: path, position: nil),
                             message: Message(key, arguments.merging(["path": path]) { a, _ in a }),
                             help: Message("baseline.help", ["path": path])))
        }
        let bytes: [UInt8]
        switch SourceReading.bytes(path: path, code: Finding.invalidConfig) {
        case .failure(let finding): return .failure(finding)
        case .success(let value): bytes = value
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            return problem("baseline.not-json")
        }
        guard let version = object["version"] as? Int, version == Baseline.version else {
            return problem("baseline.bad-version", ["version": String(Baseline.version)])
        }
        guard let entries = object["findings"] as? [[String: Any]] else {
            return problem("baseline.not-json")
        }
        var counts: [String: Int] = [:]
        for entry in entries {
            guard let fingerprint = entry["fingerprint"] as? String else { return problem("baseline.not-json") }
            counts[fingerprint, default: 0] += 1
        }
        return .success(Baseline(counts: counts))
    }
}
