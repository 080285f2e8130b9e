import Foundation

/// Writing to a file descriptor, for every writer that must never lose a byte silently
/// (atomic files, the report's temporary spool, standard output and error).
public enum Descriptor {
    /// Writes every byte, retrying short writes and `EINTR`; the `errno` of the first
    /// failure (`EIO` for a write that makes no progress), or nil.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }
}
