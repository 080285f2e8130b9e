import Foundation

/// Writes user files safely (`--fix`): the whole new text to a temporary file in the same
/// folder, then a rename over the original (`AtomicFile`), so that nobody ever sees a
/// partial file. Refuses when the file changed since it was read, and when the user may
/// not write it (a read-only file stays read-only and unchanged). A symbolic link is
/// written through: the link stays a link and its target is fixed.
public enum SafeWriter {
    public enum Failure: Error, Equatable, Sendable {
        /// The file on disk is no longer the text that was read and patched.
        case changedSinceRead(String)
        case cannotWrite(String, String)
        /// The file has no write permission for the user (`chmod 0444`).
        case readOnly(String)
    }

    /// Whether `--fix` may replace the file (through its links): the user may write it,
    /// and it is not read-only by intent. Root may write anything, so a file whose every
    /// write bit is off (`chmod 0444`) counts as read-only too: replacing it by rename
    /// would ignore what its owner said.
    public static func isWritable(_ path: String) -> Bool {
        let target = AtomicFile.resolvingLinks(path)
        var status = stat()
        guard stat(target, &status) == 0 else { return true }
        return access(target, W_OK) == 0 && status.st_mode & 0o222 != 0
    }

    public static func replace(path: String, expecting original: String, with text: String) throws(Failure) {
        let target = AtomicFile.resolvingLinks(path)
        guard case .success(let current) = SourceReading.bytes(path: target, code: Finding.invalidPolicy, limit: nil),
              current == Array(original.utf8) else {
            throw Failure.changedSinceRead(path)
        }
        guard isWritable(path) else { throw Failure.readOnly(path) }
        do {
            let stream = try AtomicFile.Stream(path: target)
            stream.write(Array(text.utf8))
            try stream.commit()
        } catch {
            throw Failure.cannotWrite(path, error.reason)
        }
    }
}
