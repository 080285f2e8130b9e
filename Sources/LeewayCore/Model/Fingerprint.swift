extension Finding {
    /// A fingerprint that identifies the same problem across runs and unrelated edits:
    /// the rule, the file, the key path (not the line), and the message with its values.
    /// Used by baselines (`--baseline`), SARIF `partialFingerprints`, and `leeway diff`.
    public var fingerprint: String { fingerprint(file: location.file) }

    /// The fingerprint with the file named as the caller needs it to be stable: relative
    /// to a repository root (SARIF), to a baseline's folder, or left out (`""`) to match
    /// two versions of one policy.
    public func fingerprint(file: String) -> String {
        fingerprint(file: file, pathText: path?.description)
    }

    /// `fingerprint(file:)` given the key path's text (`path?.description`), for a caller
    /// that writes it too and so works it out once.
    public func fingerprint(file: String, pathText: String?) -> String {
        // FNV-1a fed piece by piece: the same hash as of the pieces joined, without
        // joining them (SARIF writes one per finding).
        var hash = Fingerprint.FNV1a()
        hash.feed(rule)
        hash.feed(0x1F)
        hash.feed(file)
        hash.feed(0x1F)
        if let pathText {
            hash.feed(pathText)
        } else if let position = location.position {
            // No key path (a YAML-level problem): the position is the best identity there is.
            hash.feed("@\(position.line):\(position.column)")
        }
        hash.feed(0x1F)
        hash.feed(message.key)
        for key in message.arguments.keys.sorted() {
            hash.feed(0x1F)
            hash.feed(key)
            hash.feed(UInt8(ascii: "="))
            hash.feed(message.arguments[key] ?? "")
        }
        return Fingerprint.hex(hash.value)
    }
}

/// Stable, platform-independent hashing (Swift's `Hasher` is seeded per process).
public enum Fingerprint {
    /// 64-bit FNV-1a, fed in pieces.
    public struct FNV1a {
        public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        public init() {}

        @inline(__always)
        public mutating func feed(_ byte: UInt8) {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }

        public mutating func feed(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                for byte in bytes { feed(byte) }
            }
        }
    }

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
