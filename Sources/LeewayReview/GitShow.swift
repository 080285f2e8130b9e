import Foundation
import LeewayCore

/// `git show REV:PATH`, run in a folder's repository. The library never prints: what
/// went wrong comes back as a finding in the catalogue's words (an unknown revision, a
/// path missing at that revision); only an unexpected failure carries git's own text.
public enum GitShow {
    /// The file at a revision, or an `invalid-policy` finding located at `REV:PATH`:
    /// outside a repository, git missing, or a bad revision or path.
    public static func read(revision: String, path: String, in directory: String) -> Result<[UInt8], Finding> {
        let location = SourceLocation(file: "\(revision):\(path)", position: nil)
        func failure(_ key: String, _ arguments: [String: String], help: String) -> Result<[UInt8], Finding> {
            .failure(Finding(rule: Finding.invalidPolicy, severity: .error, location: location,
                             message: Message(key, arguments), help: Message(help, arguments)))
        }
        guard let inside = run(["rev-parse", "--is-inside-work-tree"], in: directory) else {
            return failure("diff.git-missing", ["revision": revision, "path": path], help: "diff.git-missing.help")
        }
        guard inside.status == 0, String(decoding: inside.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "true" else {
            return failure("diff.not-a-repository", ["revision": revision, "path": path, "directory": directory],
                           help: "diff.not-a-repository.help")
        }
        // git's own messages are English; classify the usual mistakes instead. `^{tree}`
        // accepts what `git show REV:PATH` accepts: commits, and tags of commits or trees.
        if let tree = run(["rev-parse", "--verify", "--quiet", "\(revision)^{tree}"], in: directory), tree.status != 0 {
            return failure("diff.git-unknown-revision", ["revision": revision, "path": path], help: "diff.git-unknown-revision.help")
        }
        // The name only (`cat-file -e` would also call a blob lost from a damaged
        // repository missing, which it is not: that falls through to git's own words).
        if let exists = run(["rev-parse", "--verify", "--quiet", "\(revision):\(path)"], in: directory), exists.status != 0 {
            return failure("diff.git-no-such-path", ["revision": revision, "path": path],
                           help: path.hasPrefix("./") ? "diff.git-no-such-path.relative-help" : "diff.git-no-such-path.help")
        }
        // A folder at that revision is a tree, which `git show` would list.
        if let type = run(["cat-file", "-t", "\(revision):\(path)"], in: directory), type.status == 0,
           String(decoding: type.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) != "blob" {
            return failure("diff.git-not-a-file", ["revision": revision, "path": path], help: "diff.git-not-a-file.help")
        }
        guard let shown = run(["show", "\(revision):\(path)"], in: directory) else {
            return failure("diff.git-missing", ["revision": revision, "path": path], help: "diff.git-missing.help")
        }
        guard shown.status == 0 else {
            // Anything else (a damaged repository, permissions): git's first line, kept as a
            // detail in git's words, in the catalogue's style (no `fatal: `, no final period).
            var reason = String(decoding: shown.stderr, as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            for prefix in ["fatal: ", "error: "] where reason.hasPrefix(prefix) { reason.removeFirst(prefix.count) }
            while reason.hasSuffix(".") { reason.removeLast() }
            return failure("diff.git-show-failed", ["revision": revision, "path": path, "reason": reason], help: "diff.git-show-failed.help")
        }
        if shown.stdout.count > SourceReading.maxFileSize {
            return failure("diff.git-too-large", ["revision": revision, "path": path], help: "input.too-large.help")
        }
        return .success(shown.stdout)
    }

    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Runs git with `arguments` in `directory`; nil when git cannot be started.
    static func run(_ arguments: [String], in directory: String) -> Output? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async { errBox.data = errHandle.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        // `env` exits 127 when it cannot find git.
        if process.terminationStatus == 127 && outData.isEmpty { return nil }
        return Output(status: process.terminationStatus, stdout: [UInt8](outData), stderr: [UInt8](errBox.data))
    }
}
