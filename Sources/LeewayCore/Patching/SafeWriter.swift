import Foundation

/// Writes user files safely: the whole new text to a temporary file in the same folder,
/// then a rename over the original, so that nobody ever sees a partial file. Refuses
/// when the file changed since it was read.
public enum SafeWriter {
    public enum Failure: Error, Equatable, Sendable {
        /// The file on disk is no longer the text that was read and patched.
        case changedSinceRead(String)
        case cannotWrite(String, String)
    }

    public static func replace(path: String, expecting original: String, with text: String) throws {
        let url = URL(fileURLWithPath: path)
        guard let current = try? Data(contentsOf: url), current == Data(original.utf8) else {
            throw Failure.changedSinceRead(path)
        }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).leeway-\(UUID().uuidString)")
        do {
            try Data(text.utf8).write(to: temporary)
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            if let permissions = attributes?[.posixPermissions] {
                try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
            guard rename(temporary.path, path) == 0 else {
                throw Failure.cannotWrite(path, String(cString: strerror(errno)))
            }
        } catch let failure as Failure {
            try? FileManager.default.removeItem(at: temporary)
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure.cannotWrite(path, error.localizedDescription)
        }
    }
}
