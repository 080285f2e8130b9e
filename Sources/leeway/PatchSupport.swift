import ArgumentParser
import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides

/// `--patch` and `--fix`, shared by `leeway eval` and `leeway check`.
struct PatchOptions: ParsableArguments {
    @Flag(name: .long, help: HelpText.argument("help.patch.patch"))
    var patch = false

    @Flag(name: .long, help: HelpText.argument("help.patch.fix"))
    var fix = false

    var isOn: Bool { patch || fix }
}

/// Writing patches: the diff as the report, or the file replaced in place.
enum PatchSupport {
    /// Where a patched file is named in `a/…` and `b/…` so that `git apply` finds it.
    enum PatchPath: Equatable {
        /// Relative to the working directory (`git apply` here).
        case relative(String)
        /// Relative to the top of the git repository holding the file (`git apply` there).
        case repository(String, root: String)
        /// Outside the working directory and any repository: no usable name.
        case outside
    }

    /// A path as `git apply` wants it: relative to the working directory when the file is
    /// under it; otherwise relative to the top of the git repository of the file's folder;
    /// otherwise `.outside`.
    static func patchPath(_ path: String) -> PatchPath {
        if path == "<stdin>" { return .relative(path) }
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = path.hasPrefix("/") ? path : (cwd as NSString).appendingPathComponent(path)
        let standard = (absolute as NSString).standardizingPath
        func under(_ folder: String, _ file: String) -> String? {
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : nil
        }
        if let relative = under(cwd, standard) { return .relative(relative) }
        let real = URL(fileURLWithPath: standard).resolvingSymlinksInPath().path
        let realCwd = URL(fileURLWithPath: cwd).resolvingSymlinksInPath().path
        if let relative = under(realCwd, real) { return .relative(relative) }
        let folder = (real as NSString).deletingLastPathComponent
        if let root = gitTopLevel(folder) {
            let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
            if let relative = under(realRoot, real) { return .repository(relative, root: root) }
        }
        return .outside
    }

    /// `git rev-parse --show-toplevel` in a folder, or nil (not a repository, no git).
    static func gitTopLevel(_ folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder, "rev-parse", "--show-toplevel"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let root = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return root.isEmpty ? nil : root
    }

    struct FileChange {
        var path: String
        var original: String
        var text: String
    }

    /// Prints the diff of every change (`--patch`), and/or writes each file (`--fix`).
    /// The changed text must load cleanly; a file that changed since it was read is left
    /// alone (exit 2).
    static func deliver<Formats>(_ changes: [FileChange], options: PatchOptions, output: OutputOptions<Formats>, language: Language) throws {
        func message(_ key: String, _ arguments: [String: String] = [:]) -> String {
            Catalog.render(Message(key, arguments), in: language)
        }
        var changed: [FileChange] = []
        for change in changes where change.original != change.text {
            let loaded = PolicyLoader.load(text: change.text, path: change.path)
            guard loaded.policy != nil, !loaded.findings.contains(where: { $0.severity == .error }) else {
                Terminal.error("leeway: " + message("severity.error") + ": " + message("override.patch.invalid", ["path": change.path]))
                throw ExitCode(2)
            }
            changed.append(change)
        }
        if options.patch {
            var names: [String] = []
            var roots: [String] = []
            for change in changed {
                switch patchPath(change.path) {
                case .relative(let name):
                    names.append(name)
                case .repository(let name, let root):
                    names.append(name)
                    if !roots.contains(root) { roots.append(root) }
                case .outside:
                    Terminal.error("leeway: " + message("severity.error") + ": " + message("override.patch.outside", ["path": change.path]))
                    Terminal.error("  " + message("override.patch.outside.help"))
                    throw ExitCode(2)
                }
            }
            for root in roots { Terminal.error(message("override.patch.git-root", ["root": root])) }
            let diff = zip(changed, names).map { UnifiedDiff.make(old: $0.original, new: $0.text, path: $1) }.joined()
            if let path = output.output {
                try ReportFile.write(diff, to: path)
            } else {
                Terminal.write(diff)
            }
        }
        if options.fix {
            // Every file is checked before any is written: a read-only one refuses the whole fix.
            for change in changed {
                if change.path == "<stdin>" {
                    Terminal.error("leeway: " + message("severity.error") + ": " + message("override.patch.stdin"))
                    throw ExitCode(2)
                }
                if !SafeWriter.isWritable(change.path) {
                    Terminal.error("leeway: " + message("severity.error") + ": " + message("override.patch.read-only", ["path": change.path]))
                    Terminal.error("  " + message("override.patch.read-only.help", ["path": change.path]))
                    throw ExitCode(2)
                }
            }
            for change in changed {
                do {
                    try SafeWriter.replace(path: change.path, expecting: change.original, with: change.text)
                } catch SafeWriter.Failure.changedSinceRead(let path) {
                    Terminal.error("leeway: " + message("severity.error") + ": " + message("override.patch.changed", ["path": path]))
                    Terminal.error("  " + message("override.patch.changed.help"))
                    throw ExitCode(2)
                } catch SafeWriter.Failure.cannotWrite(let path, let reason) {
                    Terminal.error("leeway: " + message("severity.error") + ": " + message("override.patch.cannot-write", ["path": path, "reason": reason]))
                    throw ExitCode(2)
                } catch SafeWriter.Failure.readOnly(let path) {
                    Terminal.error("leeway: " + message("severity.error") + ": " + message("override.patch.read-only", ["path": path]))
                    Terminal.error("  " + message("override.patch.read-only.help", ["path": path]))
                    throw ExitCode(2)
                }
            }
        }
        if changed.isEmpty {
            for change in changes { Terminal.error(message("override.patch.nothing", ["path": change.path])) }
        }
    }

    /// The cases of `--cases PATH` (repeatable): files and folders read as `leeway diff`
    /// reads them (`CaseCorpus`: YAML files that are not cases are passed over in folders).
    static func loadCorpus(_ paths: [String]) -> CaseCorpus {
        guard !paths.isEmpty else { return CaseCorpus() }
        return CaseCorpus.read(paths)
    }
}

import LeewayRules

extension PatchSupport {
    /// `leeway check --patch/--fix`: the mechanical fixes for the reported findings,
    /// file by file, as one diff (or written in place). Returns the findings left.
    static func fixFindings<Formats>(_ result: CheckResult, config: String?, options: PatchOptions, output: OutputOptions<Formats>) throws -> [Finding] {
        let language = output.language
        let (configuration, _) = CheckSetup.loadConfiguration(config)
        let planner = FixPlanner(linter: Linter(configuration: configuration ?? .standard))
        var changes: [FileChange] = []
        var left: [Finding] = result.findings.filter(\.isInputError)
        var fixedCount: [String: Int] = [:]
        for path in result.sources.keys.sorted() {
            let findings = result.findings.filter { $0.location.file == path && !$0.isInputError }
            guard !findings.isEmpty, let source = result.sources[path], let policy = PolicyLoader.load(text: source.text, path: path).policy else {
                left += result.findings.filter { $0.location.file == path && !$0.isInputError }
                continue
            }
            let fixed = planner.fix(policy, findings: findings)
            changes.append(FileChange(path: path, original: source.text, text: fixed.text))
            left += fixed.left
            fixedCount[path] = fixed.fixed.count
        }
        try deliver(changes, options: options, output: output, language: language)
        for change in changes where change.original != change.text {
            Terminal.error(Catalog.render(Message("fix.applied", ["count": String(fixedCount[change.path] ?? 0), "path": change.path]), in: language))
        }
        let unfixed = left.filter { !$0.isInputError }.count
        if unfixed > 0 {
            Terminal.error(Catalog.render(Message("fix.left", ["count": String(unfixed)]), in: language))
        }
        return left
    }
}
