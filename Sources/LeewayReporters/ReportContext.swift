import Foundation
import LeewayCore

/// What the CI reports (SARIF, JUnit, GitHub, Markdown) need to know about the run
/// beyond its results: the tool's version, the command and its inputs, where the
/// repository root is (paths in CI reports are relative to it), and the fail threshold.
///
/// The executable builds it with ``ReportContext/current(toolVersion:command:inputs:failOn:category:)``;
/// tests build it with fixed values so reports are reproducible.
public struct ReportContext: Sendable {
    /// The version of `leeway` that wrote the report.
    public var toolVersion: String
    /// The subcommand (`check`, `test`).
    public var command: String
    /// The paths the command was given, as typed.
    public var inputs: [String]
    /// How file names in reports relate to the repository root.
    public var paths: ArtifactPaths
    /// The lowest severity that fails the run (`--fail-on`), or nil for `never`. JUnit
    /// reports findings below it as output of a passing test case, not as failures.
    public var failOn: Severity?
    /// SARIF `automationDetails.id` (`--sarif-category`), or nil to leave it out so that
    /// the uploader's own category (upload-sarif's `category:`) applies.
    public var category: String?
    /// The run's wall-clock time in seconds so far, for JUnit's `time`; nil in tests, so
    /// reports are reproducible.
    public var elapsed: Double?

    public init(toolVersion: String, command: String = "check", inputs: [String] = [],
                paths: ArtifactPaths, failOn: Severity? = .error, category: String? = nil) {
        self.toolVersion = toolVersion
        self.command = command
        self.inputs = inputs
        self.paths = paths
        self.failOn = failOn
        self.category = category.map(ReportContext.categoryID)
    }

    /// The context of this process: the repository root is the git top-level above the
    /// working directory, or the working directory itself outside a repository.
    public static func current(toolVersion: String, command: String, inputs: [String], failOn: Severity?,
                               category: String? = nil) -> ReportContext {
        var context = ReportContext(toolVersion: toolVersion, command: command, inputs: inputs,
                                    paths: ArtifactPaths.current(), failOn: failOn, category: category)
        context.elapsed = ProcessClock.elapsed
        return context
    }

    /// Where Leeway's documentation lives (SARIF `informationUri`, rule help links).
    public static let informationURI = "https://github.com/leeway-cx/leeway"

    /// The documentation page of a rule (SARIF `helpUri`, Markdown links).
    public static func ruleHelpURI(_ id: String) -> String {
        "\(informationURI)/blob/main/docs/rules.md#\(id)"
    }

    /// `--sarif-category NAME` as an `automationDetails.id`: code scanning takes the
    /// part up to the last `/` as the category, so a name without a trailing slash gets
    /// one (`policies` → `policies/`), and runs with the same category replace each other.
    static func categoryID(_ name: String) -> String {
        name.hasSuffix("/") ? name : name + "/"
    }
}

/// Turns file names as the user typed them (relative to the working directory, or
/// absolute) into paths relative to the repository root, as CI systems expect.
public struct ArtifactPaths: Sendable {
    /// The absolute working directory.
    public var workingDirectory: String
    /// The absolute repository root: the git top-level, else the working directory.
    public var root: String

    public init(workingDirectory: String, root: String? = nil) {
        self.workingDirectory = ArtifactPaths.normalized(workingDirectory)
        self.root = ArtifactPaths.normalized(root ?? workingDirectory)
    }

    /// The paths of this process: the working directory and the nearest folder above it
    /// that holds `.git` (a folder, or a file in a worktree or submodule).
    public static func current() -> ArtifactPaths {
        let cwd = FileManager.default.currentDirectoryPath
        return ArtifactPaths(workingDirectory: cwd, root: repositoryRoot(above: cwd))
    }

    /// The git top-level containing `directory`, or nil outside a repository.
    public static func repositoryRoot(above directory: String) -> String? {
        var url = URL(fileURLWithPath: normalized(directory), isDirectory: true)
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path || url.path == "/" { return nil }
            url = parent
        }
    }

    /// The path relative to the repository root (`policies/acme.yaml`), or the absolute
    /// path when the file lies outside it. `<stdin>` stays as it is.
    public func repositoryRelative(_ file: String) -> String {
        guard !file.isEmpty, file != "<stdin>", file != "-" else { return file }
        let absolute = file.hasPrefix("/") ? ArtifactPaths.normalized(file)
            : ArtifactPaths.normalized(workingDirectory + "/" + file)
        if absolute == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        if absolute.hasPrefix(prefix) { return String(absolute.dropFirst(prefix.count)) }
        return absolute
    }

    /// Whether the file lies inside the repository root.
    public func isInsideRoot(_ file: String) -> Bool {
        let relative = repositoryRelative(file)
        return !relative.hasPrefix("/") && relative != "<stdin>" && relative != "-"
    }

    /// An absolute path with `.`, `..` and repeated slashes resolved (no symlinks).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// Seconds since the process started (since this type was first used, which the
/// executable does first thing).
public enum ProcessClock {
    private static let start = DispatchTime.now().uptimeNanoseconds

    /// Starts the clock, if it has not started.
    public static func begin() { _ = start }

    public static var elapsed: Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
    }
}
