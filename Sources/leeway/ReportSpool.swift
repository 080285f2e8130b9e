import Foundation
import LeewayCore

/// The body of a streamed report whose start is written last (SARIF, JUnit, Markdown: the
/// start holds totals known only at the end). It stays in memory up to `limit` bytes,
/// then goes on in a temporary file that is unlinked as soon as it is opened, so nothing
/// is left behind whatever ends the run; `copy(to:)` writes it out after the start.
/// The file is made beside the report's destination (`--output`, `--report`), else in
/// `TMPDIR` (standard output).
final class ReportSpool {
    private var buffer: [UInt8] = []
    private var descriptor: Int32 = -1
    private let folder: String
    private let limit: Int
    /// Why the body could not be held (no space for the temporary file, say).
    private(set) var failure: String?

    /// 16 MB; `LEEWAY_SPOOL_BYTES` sets another (the tests make it tiny, so that the
    /// temporary file is used).
    static var defaultLimit: Int {
        ProcessInfo.processInfo.environment["LEEWAY_SPOOL_BYTES"].flatMap { Int($0) }.map { max(0, $0) } ?? 16 << 20
    }

    init(besides destination: String?, limit: Int = ReportSpool.defaultLimit) {
        var status = stat()
        // A device, a pipe or one of the process's own descriptors (`/dev/stdout`, a FIFO)
        // is written in place: its folder is no place for a temporary file.
        if let destination, !destination.isEmpty, AtomicFile.ownDescriptor(destination) == nil,
           stat(destination, &status) != 0 || (status.st_mode & S_IFMT) == S_IFREG {
            let parent = (destination as NSString).deletingLastPathComponent
            folder = parent.isEmpty ? "." : parent
        } else {
            folder = ReportSpool.temporaryFolder
        }
        self.limit = limit
        buffer.reserveCapacity(min(limit, 1 << 20))
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    func write(_ bytes: [UInt8]) {
        guard failure == nil, !bytes.isEmpty else { return }
        if descriptor < 0 {
            buffer += bytes
            if buffer.count >= limit { spill() }
            return
        }
        writeAll(bytes)
    }

    /// Writes the held body to `sink`, in pieces of at most 1 MB.
    func copy(to sink: OutputSink) {
        guard descriptor >= 0 else {
            sink.write(buffer)
            buffer = []
            return
        }
        if !buffer.isEmpty { writeAll(buffer); buffer = [] }
        guard failure == nil, lseek(descriptor, 0, SEEK_SET) == 0 else {
            if failure == nil { failure = String(cString: strerror(errno)) }
            return
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            if count == 0 { return }
            sink.write(count == chunk.count ? chunk : Array(chunk[0..<count]))
        }
    }

    static var temporaryFolder: String {
        ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    private func spill() {
        var made: Int32 = -1
        var template: [CChar] = []
        // Beside the destination, else in `TMPDIR` (a folder the user cannot write to).
        let fallback = ReportSpool.temporaryFolder
        for place in folder == fallback ? [folder] : [folder, fallback] {
            template = Array((place + "/.leeway-spool-XXXXXX").utf8CString)
            made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if made >= 0 { break }
        }
        guard made >= 0 else {
            failure = String(cString: strerror(errno))
            return
        }
        // Unlinked at once: the space is freed when the descriptor closes, however the run ends.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = made
        let held = buffer
        buffer = []
        writeAll(held)
    }

    private func writeAll(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        if let code = bytes.withUnsafeBytes({ Descriptor.writeAll(descriptor, $0) }) { failure = String(cString: strerror(code)) }
    }
}
