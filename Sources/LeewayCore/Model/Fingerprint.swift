extension Finding {
    /// A fingerprint that identifies the same problem across runs and unrelated edits:
    /// the rule, the file, the key path (not the line), and the message with its values.
    /// Used by baselines (`--baseline`), SARIF `partialFingerprints`, and `leeway diff`.
    public var fingerprint: String { fingerprint(file: location.file) }

    /// The fingerprint with the file named as the caller needs it to be stable: relative
    /// to a repository root (SARIF), to a baseline's folder, or left out (`""`) to match
    /// two versions of one policy.
    public func fingerprint(file: String) -> String {
        var text = "\(rule)\u{1F}\(file)\u{1F}"
        if let path {
            text += path.description
        } else if let position = location.position {
            // No key path (a YAML-level problem): the position is the best identity there is.
            text += "@\(position.line):\(position.column)"
        }
        text += "\u{1F}\(message.key)"
        for key in message.arguments.keys.sorted() {
            text += "\u{1F}\(key)=\(message.arguments[key] ?? "")"
        }
        return Fingerprint.hex(Fingerprint.fnv1a(text))
    }
}

/// Stable, platform-independent hashing (Swift's `Hasher` is seeded per process).
public enum Fingerprint {
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
