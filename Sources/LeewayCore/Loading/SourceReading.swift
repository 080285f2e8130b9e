import Foundation

/// Reads files for the loaders: size limit, binary and UTF-8 checks, with located errors.
public enum SourceReading {
    /// Policy files larger than this are refused before parsing (a policy set is a few
    /// kilobytes; a larger file is a mistake or an attack). Case files (YAML and JSON
    /// Lines) have no limit: `leeway eval --format jsonl` streams them.
    public static let maxFileSize = 8 * 1024 * 1024

    public enum Failure: Error {
        case finding(Finding)
    }

    /// The bytes of a file (or standard input for `-`), or an input error about it.
    public static func bytes(path: String, code: String, limit: Int? = maxFileSize) -> Result<[UInt8], Finding> {
        let display = path == "-" ? "<stdin>" : path
        func failure(_ key: String, _ arguments: [String: String] = [:], help: String? = nil) -> Result<[UInt8], Finding> {
            .failure(Finding(rule: code, severity: .error, location: SourceLocation(file: display, position: nil),
                             message: Message(key, arguments), help: help.map { Message($0) }))
        }
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            if let limit, data.count > limit {
                return failure("input.too-large", ["size": byteCount(data.count), "limit": byteCount(limit)], help: "input.too-large.help")
            }
            return .success([UInt8](data))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return failure("input.missing", ["path": path], help: "input.missing.help")
        }
        if isDirectory.boolValue {
            return failure("input.is-directory", ["path": path])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return failure("input.unreadable", ["path": path], help: "input.unreadable.help")
        }
        defer { try? handle.close() }
        if let limit {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > limit {
                return failure("input.too-large", ["size": byteCount(size), "limit": byteCount(limit)], help: "input.too-large.help")
            }
        }
        do {
            let data = try handle.readToEnd() ?? Data()
            if let limit, data.count > limit {
                return failure("input.too-large", ["size": byteCount(data.count), "limit": byteCount(limit)], help: "input.too-large.help")
            }
            return .success([UInt8](data))
        } catch {
            return failure("input.unreadable", ["path": path], help: "input.unreadable.help")
        }
    }

    static func byteCount(_ count: Int) -> String {
        if count >= 1024 * 1024 {
            let tenths = count * 10 / (1024 * 1024)
            return "\(tenths / 10).\(tenths % 10) MB"
        }
        if count >= 1024 { return "\(count / 1024) KB" }
        return "\(count) bytes"
    }

    /// Checks the bytes are text and reads the YAML documents. Returns the source file
    /// (for quoting lines in reports), the documents, and the problems.
    public static func documents(bytes: [UInt8], path: String, code: String) -> (SourceFile, [YAMLDocument], [Finding]) {
        if let problem = TextCheck.problem(in: bytes) {
            let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
            return (file, [], [Finding(rule: code, severity: .error, location: SourceLocation(file: path, position: problem.position),
                                       message: problem.message, help: problem.help)])
        }
        let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        let (documents, error) = YAMLReader.documents(bytes: bytes)
        var findings: [Finding] = []
        if let error {
            findings.append(Finding(rule: code, severity: .error, location: SourceLocation(file: path, position: error.position),
                                    message: error.message, help: error.help))
        }
        return (file, documents, findings)
    }
}
