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

    /// Set by the executable when it started with standard input closed (`<&-`): reading
    /// `-` is then an input error, never an empty file or a trap.
    nonisolated(unsafe) public static var standardInputClosed = false

    /// Why a descriptor could not be read to its end: `errno` as text.
    public struct ReadError: Error, Sendable {
        public var reason: String
        public init(errno code: Int32) { reason = String(cString: strerror(code)) }
    }

    /// Every byte of an open descriptor, read with `read(2)` until its end (a pipe, a FIFO,
    /// a terminal or a file alike), or the reason it could not be read (a folder given as
    /// standard input, an I/O error). Never traps, whatever the descriptor is.
    public static func readAll(descriptor: Int32, limit: Int? = nil) -> Result<[UInt8], ReadError> {
        var bytes: [UInt8] = []
        // A regular file's size is known: read it straight into a buffer of that size
        // (a policy file is a few KB; a zeroed 256 KB chunk per file cost more than the read).
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0,
           Int(status.st_size) <= (limit ?? Int.max) {
            let size = Int(status.st_size)
            var failure: Int32?
            let whole = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
                count = 0
                while count < buffer.count {
                    let read = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                    if read < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if read == 0 { return }
                    count += read
                }
            }
            if let failure { return .failure(ReadError(errno: failure)) }
            // The file grew while it was read: the rest comes in chunks.
            guard whole.count > size else { return .success(whole) }
            bytes = whole
        }
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError(errno: errno))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
            // Past the limit the caller refuses the input: reading on would only use memory.
            if let limit, bytes.count > limit { return .success(bytes) }
        }
    }

    /// The bytes of a file (or standard input for `-`), or an input error about it.
    /// A special file named on purpose (`/dev/stdin`, a FIFO, `<(…)`) is read like
    /// standard input; folders are refused.
    public static func bytes(path: String, code: String, limit: Int? = maxFileSize) -> Result<[UInt8], Finding> {
        let display = path == "-" ? "<stdin>" : path
        func failure(_ key: String, _ arguments: [String: String] = [:], help: String? = nil) -> Result<[UInt8], Finding> {
            .failure(Finding(rule: code, severity: .error, location: SourceLocation(file: display, position: nil),
                             message: Message(key, arguments), help: help.map { Message($0) }))
        }
        func read(_ descriptor: Int32) -> Result<[UInt8], Finding> {
            var status = stat()
            if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                return failure("input.is-directory", ["path": display], help: path == "-" ? "input.stdin.help" : nil)
            }
            if let limit, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) > limit {
                return failure("input.too-large", ["size": byteCount(Int(status.st_size)), "limit": byteCount(limit)], help: "input.too-large.help")
            }
            switch readAll(descriptor: descriptor, limit: limit) {
            case .failure(let error):
                return failure("input.cannot-read", ["path": display, "reason": error.reason],
                               help: path == "-" ? "input.stdin.help" : "input.unreadable.help")
            case .success(let bytes):
                if let limit, bytes.count > limit {
                    return failure("input.too-large", ["size": byteCount(bytes.count), "limit": byteCount(limit)], help: "input.too-large.help")
                }
                return .success(bytes)
            }
        }
        if path == "-" {
            if standardInputClosed { return failure("input.stdin-closed", help: "input.stdin.help") }
            return read(STDIN_FILENO)
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR || lstat(path, &status) == 0 {
                return failure("input.missing", ["path": path], help: "input.missing.help")
            }
            return failure("input.cannot-read", ["path": path, "reason": String(cString: strerror(errno))], help: "input.unreadable.help")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            return failure("input.is-directory", ["path": path])
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return failure("input.unreadable", ["path": path], help: "input.unreadable.help")
        }
        defer { close(descriptor) }
        return read(descriptor)
    }

    public static func byteCount(_ count: Int) -> String {
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
