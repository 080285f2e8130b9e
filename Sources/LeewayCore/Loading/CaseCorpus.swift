import Foundation

/// The cases of `leeway eval`, `leeway test` and `leeway diff`: read from files, folders
/// and JSON Lines (`CaseCorpus.files` finds them, `CaseLoader` reads them).
///
/// A file named on the command line must be a case file. A folder is searched for case
/// files (`*.yaml`, `*.yml`, `*.jsonl`, `*.ndjson`): YAML files whose first document is
/// not a case (policy sets, CI workflows, notes) are passed over, so `--cases examples/`
/// works on a mixed folder.
public struct CaseCorpus: Sendable {
    public var cases: [Case] = []
    /// Problems reading the cases (exit 2 in the command).
    public var errors: [Finding] = []
    /// Source files by name, for quoting lines in error reports.
    public var sources: [String: SourceFile] = [:]
    /// Files found in folders that hold no case and were passed over.
    public var passedOver = 0
    /// FIFOs, sockets and devices a folder search passed over (a note each).
    public var specialFiles: [String] = []

    public init() {}

    public static let extensions = ["yaml", "yml", "jsonl", "ndjson"]

    /// The case files named by `paths`, in order: files as they are (`-` for standard
    /// input), folders searched recursively for `*.yaml`, `*.yml`, `*.jsonl` and `*.ndjson`
    /// (hidden files and folders skipped), where YAML files that are not cases are passed
    /// over. Only the start of a YAML file is read to decide, so large files stay cheap.
    public static func files(_ paths: [String]) -> (files: [String], passedOver: Int, problems: [Finding], specialFiles: [String]) {
        var special: [String] = []
        var files: [String] = []
        var passedOver = 0
        var problems: [Finding] = []
        var seen = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            let inFolder = path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            let collected = PathCollector.collect([path], extensions: extensions, code: Finding.invalidCase)
            problems += collected.problems
            special += collected.specialFiles
            for file in collected.files where path == "-" || seen.insert(file).inserted {
                if inFolder && !CaseLoader.isJSONLines(file) && !looksLikeCases(start(of: file)) {
                    passedOver += 1
                    continue
                }
                files.append(file)
            }
        }
        return (files, passedOver, problems, special)
    }

    /// The first 64 KB of a file (enough for its first document), or nothing.
    static func start(of path: String, count: Int = 64 * 1024) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    public static func read(_ paths: [String]) -> CaseCorpus {
        var cases: [Case] = []
        var corpus = read(paths) { cases.append($0) }
        corpus.cases = cases
        return corpus
    }

    /// Reads the cases as `read` does, handing each to `each` as it is read and keeping
    /// none (`cases` stays empty); JSON Lines go line by line, so a large corpus is never
    /// held whole (`leeway diff`).
    public static func read(_ paths: [String], each: (Case) -> Void) -> CaseCorpus {
        var corpus = CaseCorpus()
        let found = files(paths)
        corpus.errors = found.problems
        corpus.passedOver = found.passedOver
        corpus.specialFiles = found.specialFiles
        for file in found.files {
            corpus.add(file: file, each: each)
        }
        corpus.errors = corpus.errors.sortedByLocation()
        return corpus
    }

    mutating func add(file path: String, each: (Case) -> Void) {
        let display = path == "-" ? "<stdin>" : path
        let bytes: [UInt8]
        switch SourceReading.bytes(path: path, code: Finding.invalidCase, limit: nil) {
        case .failure(let finding):
            errors.append(finding)
            return
        case .success(let read):
            bytes = read
        }
        // Standard input is JSON Lines when it starts with `{` (as `leeway eval` reads it).
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if CaseLoader.isJSONLines(path) || (path == "-" && first == UInt8(ascii: "{")) {
            jsonLines(bytes, path: display, each: each)
            return
        }
        let result = CaseLoader.load(bytes: bytes, path: display)
        if let file = result.file { sources[file.path] = file }
        errors += result.findings.filter { $0.severity == .error }
        result.cases.forEach(each)
    }

    /// A JSON Lines file case by case, as `CaseLoader.loadJSONLines` reads it.
    private mutating func jsonLines(_ bytes: [UInt8], path: String, each: (Case) -> Void) {
        let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        sources[file.path] = file
        CaseLoader.forEachLine(in: bytes) { line, lineNumber in
            let (parsed, problems) = CaseLoader.decodeLine(line, path: path, lineNumber: lineNumber, file: file)
            errors += problems.filter { $0.severity == .error }
            if let parsed { each(parsed) }
        }
    }

    /// Whether a file found in a folder is meant as cases: its first document is a
    /// mapping with a `case` key, or (when it cannot be parsed) a line starts with
    /// `case:`, so a broken case file is still reported rather than passed over.
    public static func looksLikeCases(_ bytes: [UInt8]) -> Bool {
        if TextCheck.problem(in: bytes) == nil {
            let reader = YAMLReader(bytes: bytes)
            while let document = try? reader.next() {
                if let root = document.root, root.mapping != nil { return root["case"] != nil }
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("case:") }
    }
}
