import Foundation
import LeewayCore

/// A record of accepted findings (`--write-baseline FILE`), so that `--baseline FILE`
/// reports only new ones. Findings are identified by `Finding.fingerprint` (rule, file,
/// key path, message values; not the line), so unrelated edits that move lines keep
/// them matched. A finding recorded twice is matched twice.
///
/// The file in a fingerprint is the policy file's path relative to the baseline file's
/// own folder (made absolute, symlinks resolved, then relative; no `./`), so a baseline
/// matches however the policy is named on the command line (`a.yaml`, `./a.yaml`, an
/// absolute path) and from whichever folder `leeway check` runs.
///
/// ```json
/// { "version": 2, "findings": [ { "fingerprint": "…", "rule": "slow-approval",
///   "file": "policies/acme.yaml", "path": "actions.issue-credit.above-limit.approval.within",
///   "message": "…" } ] }
/// ```
///
/// Version 1 files (fingerprints of the path as it was typed) are still read; their
/// entries match only when the policy is named as it was then.
public struct Baseline: Sendable {
    public static let version = 2

    /// How many times each fingerprint was recorded (file relative to `directory`).
    public var counts: [String: Int]
    /// Version-1 fingerprints (the file as typed when recorded), still matched as such.
    public var legacyCounts: [String: Int]
    /// The folder the files in fingerprints are relative to: the baseline file's folder.
    public var directory: String

    public init(counts: [String: Int] = [:], legacyCounts: [String: Int] = [:],
                directory: String = FileManager.default.currentDirectoryPath) {
        self.counts = counts
        self.legacyCounts = legacyCounts
        self.directory = directory
    }

    /// A baseline of these findings (input errors are never recorded), relative to `directory`.
    public init(findings: [Finding], directory: String = FileManager.default.currentDirectoryPath) {
        var counts: [String: Int] = [:]
        let paths = RelativePaths(directory: directory)
        for finding in findings where !finding.isInputError {
            counts[paths.fingerprint(finding), default: 0] += 1
        }
        self.init(counts: counts, directory: directory)
    }

    public var isEmpty: Bool { counts.isEmpty && legacyCounts.isEmpty }

    /// The findings not in the baseline, and how many were in it. Input errors always stay.
    public func filter(_ findings: [Finding]) -> (findings: [Finding], matched: Int) {
        var remaining = counts
        var legacy = legacyCounts
        var kept: [Finding] = []
        var matched = 0
        let paths = RelativePaths(directory: directory)
        for finding in findings {
            if finding.isInputError {
                kept.append(finding)
                continue
            }
            let fingerprint = paths.fingerprint(finding)
            if let left = remaining[fingerprint], left > 0 {
                remaining[fingerprint] = left - 1
                matched += 1
            } else if !legacy.isEmpty, let left = legacy[finding.fingerprint], left > 0 {
                legacy[finding.fingerprint] = left - 1
                matched += 1
            } else {
                kept.append(finding)
            }
        }
        return (kept, matched)
    }

    /// `file` relative to `directory`, both made absolute (against the working
    /// directory), standardised and with symlinks resolved: `../policies/a.yaml`,
    /// `a.yaml`. Standard input (`<stdin>`) stays as it is.
    public static func relativePath(_ file: String, to directory: String) -> String {
        if file == "-" || file.hasPrefix("<") || file.isEmpty { return file }
        let target = components(canonical(file))
        let base = components(canonical(directory))
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// An absolute, standardised path with symlinks resolved.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    /// Fingerprints with the file relative to one folder, each file worked out once.
    final class RelativePaths {
        let directory: String
        private var cache: [String: String] = [:]

        init(directory: String) {
            self.directory = Baseline.canonical(directory)
        }

        func path(_ file: String) -> String {
            if let known = cache[file] { return known }
            let relative = Baseline.relativePath(file, to: directory)
            cache[file] = relative
            return relative
        }

        func fingerprint(_ finding: Finding) -> String {
            finding.fingerprint(file: path(finding.location.file))
        }
    }

    /// The folder of a baseline file.
    static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    // MARK: - File format

    /// The baseline file's bytes for these findings (sorted, stable, English messages),
    /// files relative to `directory` (the folder the baseline file is written to).
    public static func data(for findings: [Finding], directory: String = FileManager.default.currentDirectoryPath) -> Data {
        let paths = RelativePaths(directory: directory)
        let entries: [[String: Any]] = findings.filter { !$0.isInputError }.map { finding in
            var entry: [String: Any] = [
                "fingerprint": paths.fingerprint(finding),
                "rule": finding.rule,
                "file": paths.path(finding.location.file),
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
            let stream = try AtomicFile.Stream(path: path)
            stream.write([UInt8](data(for: findings, directory: folder(of: path))))
            try stream.commit()
        } catch {
            throw Finding(rule: Finding.invalidConfig, severity: .error, location: SourceLocation(file: path, position: nil),
                          message: Message("baseline.cannot-write", ["path": path, "reason": error.reason]))
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
        guard let version = object["version"] as? Int, version == Baseline.version || version == 1 else {
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
        let directory = folder(of: path)
        return .success(version == 1 ? Baseline(legacyCounts: counts, directory: directory) : Baseline(counts: counts, directory: directory))
    }
}
