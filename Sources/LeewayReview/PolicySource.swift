import Foundation
import LeewayCore

/// Where one side of a review comes from: a policy file, or a version of one in git
/// (`REV:PATH`, read with `git show REV:PATH` in the working directory's repository, so
/// CI can compare a pull request with its base without a checkout).
public enum PolicySource: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case git(revision: String, path: String)

    /// Reads an argument: an existing file is a file (even with a colon in its name);
    /// otherwise `REV:PATH` with both parts non-empty is a git version; anything else is
    /// a file (which may then be missing).
    public init(argument: String) {
        if argument == "-" || FileManager.default.fileExists(atPath: argument) {
            self = .file(argument)
            return
        }
        if let colon = argument.firstIndex(of: ":") {
            let revision = String(argument[..<colon])
            let path = String(argument[argument.index(after: colon)...])
            if !revision.isEmpty, !path.isEmpty, !revision.hasPrefix("/"), !revision.hasPrefix(".") {
                self = .git(revision: revision, path: path)
                return
            }
        }
        self = .file(argument)
    }

    /// The name findings and reports use: the path, or `REV:PATH`.
    public var description: String {
        switch self {
        case .file(let path): return path == "-" ? "<stdin>" : path
        case let .git(revision, path): return "\(revision):\(path)"
        }
    }

    /// The policy file's path without the revision (for display next to a revision).
    public var path: String {
        switch self {
        case .file(let path): return path
        case .git(_, let path): return path
        }
    }

    /// The bytes of the policy, or an `invalid-policy` finding located at the argument.
    public func read(in directory: String = FileManager.default.currentDirectoryPath) -> Result<[UInt8], Finding> {
        switch self {
        case .file(let path):
            return SourceReading.bytes(path: path, code: Finding.invalidPolicy)
        case let .git(revision, path):
            return GitShow.read(revision: revision, path: path, in: directory)
        }
    }

    /// Reads and loads the policy set: the policy when it is usable, the source file for
    /// quoting lines, and the problems.
    public func load(in directory: String = FileManager.default.currentDirectoryPath) -> (policy: PolicySet?, file: SourceFile?, findings: [Finding]) {
        switch read(in: directory) {
        case .failure(let finding):
            return (nil, nil, [finding])
        case .success(let bytes):
            let loaded = PolicyLoader.load(bytes: bytes, path: description)
            return (loaded.policy, loaded.file, loaded.findings)
        }
    }
}
