import Foundation

/// Every file Leeway writes for the user — reports (`--output`, `--report`), baselines,
/// fixed policies (`--fix`), streamed JSON Lines — goes through here: the bytes go to a
/// temporary file beside the destination (`.NAME.leeway-PID.tmp`), which is renamed over
/// it only when every byte was written. A reader never sees a partial file, a failed
/// write (`ENOSPC`, `EIO`) leaves the old file as it was, and a kill leaves no debris:
/// SIGTERM/SIGINT/SIGHUP remove this run's temporary files (`TemporaryFiles`), and one
/// left by a SIGKILL is removed by the next write to the same destination.
///
/// A symbolic link is written through: the link stays, its target gets the new text. A
/// device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written in place, never
/// renamed over.
public enum AtomicFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The path as the user gave it.
        public var path: String
        /// `strerror(errno)`, or what else went wrong.
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes the whole text to `path` atomically.
    public static func write(_ text: String, to path: String) throws(Failure) {
        let stream = try Stream(path: path)
        stream.write(Array(text.utf8))
        try stream.commit()
    }

    /// A file being written: `write` as often as needed, then `commit` (rename into
    /// place) or `abandon` (remove the temporary file). The first failed write is kept and
    /// reported by `commit`, which then leaves the destination untouched.
    public final class Stream: @unchecked Sendable {
        public let path: String
        /// The file actually replaced (the link's target for a symbolic link).
        public let destination: String
        /// Nil when the destination is a device or a pipe, written in place.
        public let temporary: String?
        public let descriptor: Int32
        public private(set) var failure: String?
        private var finished = false

        public init(path: String, permissions: mode_t? = nil) throws(Failure) {
            self.path = path
            // `/dev/stdout`, `/dev/fd/3`…: the process's own descriptor, written where it
            // stands (appended after `>>`), even when it is a regular file — renaming over
            // the name would replace the shell's file, or `/dev/stdout` itself.
            if let own = AtomicFile.ownDescriptor(path) {
                let descriptor = dup(own)
                guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
                self.descriptor = descriptor
                self.destination = path
                self.temporary = nil
                return
            }
            var status = stat()
            if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    throw Failure(path: path, reason: String(cString: strerror(EISDIR)))
                }
                let descriptor = open(path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
                self.descriptor = descriptor
                self.destination = path
                self.temporary = nil
                return
            }
            let destination = AtomicFile.resolvingLinks(path)
            self.destination = destination
            AtomicFile.removeStale(besides: destination)
            let temporary = AtomicFile.temporaryPath(for: destination)
            // Registered before it exists, so a signal between open and register cannot leave it.
            TemporaryFiles.register(temporary)
            let mode = permissions ?? (stat(destination, &status) == 0 ? status.st_mode & 0o7777 : 0o644)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                TemporaryFiles.unregister(temporary)
                throw Failure(path: path, reason: reason)
            }
            // The umask may have narrowed the mode: a replaced file keeps its own.
            fchmod(descriptor, mode)
            self.descriptor = descriptor
            self.temporary = temporary
        }

        deinit { if !finished { abandon() } }

        /// Appends bytes; after a failure, nothing more is written.
        public func write(_ bytes: [UInt8]) {
            guard failure == nil, !bytes.isEmpty else { return }
            if let code = bytes.withUnsafeBytes({ Descriptor.writeAll(descriptor, $0) }) { failure = String(cString: strerror(code)) }
        }

        /// Puts the file in place; throws (and leaves the destination as it was) when any
        /// write failed.
        public func commit() throws(Failure) {
            guard !finished else { return }
            finished = true
            // `close` reports delayed write errors (NFS, quotas): they count too.
            if close(descriptor) != 0, failure == nil, errno != EINTR { failure = String(cString: strerror(errno)) }
            guard let temporary else {
                if let failure { throw Failure(path: path, reason: failure) }
                return
            }
            defer { TemporaryFiles.unregister(temporary) }
            if let failure {
                unlink(temporary)
                throw Failure(path: path, reason: failure)
            }
            if rename(temporary, destination) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw Failure(path: path, reason: reason)
            }
        }

        /// Removes the temporary file; the destination stays as it was.
        public func abandon() {
            guard !finished else { return }
            finished = true
            close(descriptor)
            if let temporary {
                unlink(temporary)
                TemporaryFiles.unregister(temporary)
            }
        }
    }

    /// The descriptor a path names when it is one of the process's own: `/dev/stdout`,
    /// `/dev/stderr`, `/dev/stdin`, `/dev/fd/N`, `/proc/self/fd/N`; nil for any other path.
    public static func ownDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdin": return 0
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                let number = path.dropFirst(prefix.count)
                guard !number.isEmpty, number.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int32(number) else { return nil }
                return value
            }
            return nil
        }
    }

    /// `path` with its symbolic links followed to the file they name (which may not exist
    /// yet); `path` itself when it is no link.
    public static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = target.hasPrefix("/") ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        return current
    }

    static let marker = ".leeway-"

    /// `.NAME.leeway-PID.tmp` in the folder of `path`.
    public static func temporaryPath(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = "." + (path as NSString).lastPathComponent + marker + "\(getpid()).tmp"
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// Removes temporary files that a killed run (SIGKILL, a power cut) left beside
    /// `path`: those named for `path` whose process is gone. Returns what it removed.
    @discardableResult
    public static func removeStale(besides path: String) -> [String] {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return [] }
        var removed: [String] = []
        // `.NAME.leeway-PID.tmp`, and `NAME.leeway-PID.tmp` from older Leeway versions.
        for entry in entries where entry.hasSuffix(".tmp") {
            for prefix in ["." + name + marker, name + marker] where entry.hasPrefix(prefix) {
                let pidText = entry.dropFirst(prefix.count).dropLast(4)
                guard let pid = Int32(pidText), pid > 0, pid != getpid() else { continue }
                if kill(pid, 0) == -1 && errno == ESRCH {
                    let stale = folder.isEmpty ? entry : (folder as NSString).appendingPathComponent(entry)
                    if unlink(stale) == 0 { removed.append(stale) }
                }
            }
        }
        return removed
    }
}

/// Temporary files this run is writing: removed when the run is interrupted (SIGTERM,
/// SIGINT, SIGHUP), so a kill leaves no debris beside the output. The paths live in a
/// fixed table of C strings that the signal handler reads without a lock (it only calls
/// `unlink`, `signal` and `raise`, which are async-signal-safe).
public enum TemporaryFiles {
    private static let capacity = 64
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    private static let lock = NSLock()

    public static func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for slot in 0..<capacity where table[slot] == nil {
            table[slot] = strdup(path)
            return
        }
    }

    public static func unregister(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for slot in 0..<capacity {
            if let entry = table[slot], String(cString: entry) == path {
                table[slot] = nil
                free(entry)
            }
        }
    }

    /// Installs the handler (the executable calls this once): unlink every registered
    /// file, then die of the same signal, so the shell still sees 143 or 130.
    public static func removeOnSignals() {
        _ = table
        // A parent may have started us with these signals blocked (a test runner's thread
        // does): then a kill would stay pending while the run goes on. Unblock them.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&unblock, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            signal(signalNumber) { received in
                TemporaryFiles.removeAllNow()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    private static func removeAllNow() {
        for slot in 0..<capacity {
            if let entry = table[slot] { unlink(entry) }
        }
    }
}
