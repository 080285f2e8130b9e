import Foundation
import LeewayCore

/// The cases a review runs: read from files, folders and JSON Lines as `leeway eval` and
/// `leeway test` read them (`PathCollector`, `CaseLoader`).
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

    public init() {}

    public static let extensions = ["yaml", "yml", "jsonl", "ndjson"]

    public static func read(_ paths: [String]) -> CaseCorpus {
        var corpus = CaseCorpus()
        for path in paths {
            var isDirectory: ObjCBool = false
            let inFolder = path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            let collected = PathCollector.collect([path], extensions: extensions, code: Finding.invalidCase)
            corpus.errors += collected.problems
            for file in collected.files {
                corpus.add(file: file, fromFolder: inFolder)
            }
        }
        corpus.errors = corpus.errors.sortedByLocation()
        return corpus
    }

    mutating func add(file path: String, fromFolder: Bool) {
        if CaseLoader.isJSONLines(path) {
            take(CaseLoader.load(path: path))
            return
        }
        let display = path == "-" ? "<stdin>" : path
        let bytes: [UInt8]
        switch SourceReading.bytes(path: path, code: Finding.invalidCase) {
        case .failure(let finding):
            errors.append(finding)
            return
        case .success(let read):
            bytes = read
        }
        if fromFolder && !CaseCorpus.looksLikeCases(bytes) {
            passedOver += 1
            return
        }
        // Standard input is JSON Lines when it starts with `{` (as `leeway eval` reads it).
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if path == "-" && first == UInt8(ascii: "{") {
            take(CaseLoader.loadJSONLines(bytes: bytes, path: display))
            return
        }
        take(CaseLoader.load(bytes: bytes, path: display))
    }

    private mutating func take(_ result: CaseLoadResult) {
        if let file = result.file { sources[file.path] = file }
        errors += result.findings.filter { $0.severity == .error }
        cases += result.cases
    }

    /// Whether a file found in a folder is meant as cases: its first document is a
    /// mapping with a `case` key, or (when it cannot be parsed) a line starts with
    /// `case:`, so a broken case file is still reported rather than passed over.
    static func looksLikeCases(_ bytes: [UInt8]) -> Bool {
        if TextCheck.problem(in: bytes) == nil {
            let (documents, _) = YAMLReader.documents(bytes: bytes)
            if let root = documents.first(where: { $0.root?.mapping != nil })?.root {
                return root["case"] != nil
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("case:") }
    }
}
