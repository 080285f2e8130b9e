import Foundation
import LeewayCore

/// The standard streams and every byte the executable writes, in one place: writes go
/// through `write(2)` (never Foundation's `FileHandle`, whose non-throwing `write` traps
/// on a closed or full descriptor), a failed write is remembered, and the run's exit code
/// says so (`Streams.exitCode(_:)`): a run never reports success for output it did not
/// write.
enum Streams {
    /// What went wrong writing one stream, for the message at the end of the run.
    struct Failure {
        var reason: String
    }

    private struct State {
        var stdinClosed = false
        var stdoutClosed = false
        var stderrClosed = false
        var stdout: Failure?
        var stderr: Failure?
    }

    private static let state = LockedState(State())

    /// Run first: a standard stream that is closed (`<&-`, `>&-`, `2>&-`) is noted and its
    /// descriptor taken by `/dev/null`, so that no file opened later becomes "standard
    /// output" by accident; a write to a closed pipe is an error (`EPIPE`), not a silent
    /// `SIGPIPE` death; SIGTERM and SIGINT remove the temporary files of this run.
    static func prepare() {
        var closed = [false, false, false]
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            closed[Int(descriptor)] = true
        }
        for descriptor in Int32(0)...2 where closed[Int(descriptor)] {
            let null = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
        }
        state.withLock {
            $0.stdinClosed = closed[0]
            $0.stdoutClosed = closed[1]
            $0.stderrClosed = closed[2]
        }
        SourceReading.standardInputClosed = closed[0]
        signal(SIGPIPE, SIG_IGN)
        TemporaryFiles.removeOnSignals()
    }

    static var stdinClosed: Bool { state.withLock { $0.stdinClosed } }

    /// Whether a path names this process's standard output (`/dev/stdout`, `/dev/fd/1`,
    /// `/proc/self/fd/1`): a report sent there goes through `stdout(_:)`, so that a closed
    /// or failing standard output is reported, not written to `/dev/null` in its place.
    static func isStandardOutput(_ path: String) -> Bool { AtomicFile.ownDescriptor(path) == STDOUT_FILENO }

    /// Standard output: the report. After a failure nothing more is written there.
    static func stdout(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let closed = state.withLock { state -> Bool in
            if state.stdoutClosed && state.stdout == nil {
                state.stdout = Failure(reason: Catalog.text("io.closed", in: RunLanguage.settled ?? .en))
            }
            return state.stdout != nil
        }
        guard !closed else { return }
        if let code = bytes.withUnsafeBytes({ Descriptor.writeAll(STDOUT_FILENO, $0) }) {
            state.withLock { $0.stdout = Failure(reason: String(cString: strerror(code))) }
        }
    }

    /// Standard error: diagnostics. A closed or full standard error loses them; the run
    /// then cannot claim success (see `exitCode`).
    static func stderr(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let failed = state.withLock { state -> Bool in
            if state.stderrClosed && state.stderr == nil { state.stderr = Failure(reason: "closed") }
            return state.stderr != nil
        }
        guard !failed else { return }
        if let code = bytes.withUnsafeBytes({ Descriptor.writeAll(STDERR_FILENO, $0) }) {
            state.withLock { $0.stderr = Failure(reason: String(cString: strerror(code))) }
        }
    }

    /// The exit code a run ends with, given the one its command chose: 2 when the report
    /// could not be written to standard output (said on standard error) or when standard
    /// error lost a message that a successful run would have relied on.
    static func exitCode(_ code: Int32) -> Int32 {
        let (out, err) = state.withLock { ($0.stdout, $0.stderr) }
        var code = code
        if let out {
            let language = RunLanguage.settled ?? HelpText.language
            Terminal.error("leeway: " + Catalog.text("severity.error", in: language) + ": "
                + Catalog.render(Message("io.stdout-failed", ["reason": out.reason]), in: language))
            Terminal.error("  " + Catalog.text("io.stdout-failed.help", in: language))
            code = 2
        }
        if err != nil { code = max(code, 2) }
        return code
    }

    /// Ends the process with `exitCode(code)`.
    static func exit(_ code: Int32) -> Never {
        Foundation.exit(exitCode(code))
    }
}

