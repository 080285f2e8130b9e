import Foundation

/// Expands the paths given on the command line into files: files as they are, folders
/// recursively (`*.yaml` / `*.yml`, or the extensions asked for), hidden files and
/// folders skipped, symbolic-link loops survived, sorted for stable output.
public enum PathCollector {
    public struct Result: Sendable {
        public var files: [String]
        /// The files that were found by searching a folder (not named themselves).
        public var foundInFolders: Set<String> = []
        /// Paths that do not exist or folders without matching files.
        public var problems: [Finding]
        /// FIFOs, sockets and devices a folder search passed over (reading one could block
        /// forever); each gets a note. A special file named on the command line is read.
        public var specialFiles: [String] = []
    }

    public static func collect(_ paths: [String], extensions: [String] = ["yaml", "yml"], code: String = Finding.invalidPolicy) -> Result {
        var files: [String] = []
        var problems: [Finding] = []
        var seen = Set<String>()
        var foundInFolders = Set<String>()
        var special: [String] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Finding(rule: code, severity: .error, location: SourceLocation(file: path, position: nil),
                                        message: Message("input.missing", ["path": path]), help: Message("input.missing.help")))
                continue
            }
            guard isDirectory.boolValue else {
                if seen.insert(path).inserted { files.append(path) }
                continue
            }
            var found: [String] = []
            var visited = Set<String>()
            walk(path, extensions: extensions, found: &found, visited: &visited, special: &special)
            if found.isEmpty {
                problems.append(Finding(rule: code, severity: .error, location: SourceLocation(file: path, position: nil),
                                        message: Message("input.no-yaml-files", ["path": path]), help: Message("input.no-yaml-files.help")))
            }
            for file in found.sorted() where seen.insert(file).inserted {
                files.append(file)
                foundInFolders.insert(file)
            }
        }
        return Result(files: files, foundInFolders: foundInFolders, problems: problems, specialFiles: special)
    }

    private static func walk(_ folder: String, extensions: [String], found: inout [String], visited: inout Set<String>, special: inout [String]) {
        let manager = FileManager.default
        // The real path identifies a folder however it was reached, so a link loop ends here.
        let real = (try? manager.destinationOfSymbolicLink(atPath: folder)).map { _ in URL(fileURLWithPath: folder).resolvingSymlinksInPath().path }
            ?? URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else { return }
        guard let entries = try? manager.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let child = folder.hasSuffix("/") ? folder + entry : folder + "/" + entry
            // `stat` follows links: a link to a FIFO is a FIFO. Opening one blocks until a
            // writer comes, so only folders and regular files are read in a folder walk.
            var status = stat()
            guard stat(child, &status) == 0 else { continue }
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR {
                walk(child, extensions: extensions, found: &found, visited: &visited, special: &special)
            } else if let ext = entry.split(separator: ".").last, entry.contains("."), extensions.contains(String(ext)) {
                if kind == S_IFREG { found.append(child) } else { special.append(child) }
            }
        }
    }
}
