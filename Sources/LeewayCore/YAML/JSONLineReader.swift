/// The node tree of one plain JSON Lines case, read straight from its bytes: the tree
/// libyaml's events compose for it (`YAMLReader`), node for node — the same content,
/// styles and positions — without libyaml's scanner, which is most of the cost of
/// reading a case line.
///
/// "Plain" is the common line: one JSON object of printable ASCII with no escapes, spaces
/// the only white space, no key twice in an object, no `<<` key, at most `maxDepth`
/// levels and `YAMLReader.maxNodes` nodes. Anything else gives nil and goes to `YAMLReader`, which reports problems with
/// their positions as always; so this reader never decides that a line is wrong.
public enum JSONLineReader {
    /// Nesting past this is left to `YAMLReader` (and its limits).
    static let maxDepth = 32

    /// The root mapping of the line, or nil when the line is not plain (see above).
    public static func root(_ line: [UInt8]) -> YAMLNode? {
        line.withUnsafeBufferPointer { bytes -> YAMLNode? in
            // Printable ASCII only, and no backslash: every scalar is its bytes as written.
            for byte in bytes where byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") { return nil }
            var reader = Reader(bytes: bytes)
            reader.skipSpaces()
            guard reader.peek == UInt8(ascii: "{"), let root = reader.value(depth: 0) else { return nil }
            reader.skipSpaces()
            return reader.index == bytes.count ? root : nil
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// Nodes begun so far: past `YAMLReader.maxNodes` the line is left to it (it refuses).
        var nodes = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        /// Line 1; columns count bytes (the line is ASCII), from 1.
        func position(_ offset: Int) -> SourcePosition { SourcePosition(line: 1, column: offset + 1) }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        }

        mutating func value(depth: Int) -> YAMLNode? {
            nodes += 1
            guard depth < JSONLineReader.maxDepth, nodes <= YAMLReader.maxNodes, let first = peek else { return nil }
            switch first {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            case UInt8(ascii: "t"): return word("true")
            case UInt8(ascii: "f"): return word("false")
            case UInt8(ascii: "n"): return word("null")
            default: return nil
            }
        }

        mutating func object(depth: Int) -> YAMLNode? {
            let start = index
            index += 1
            var pairs: [YAMLPair] = []
            skipSpaces()
            if peek == UInt8(ascii: "}") {
                index += 1
                return YAMLNode(content: .mapping(pairs), style: .flow, start: position(start), end: position(index))
            }
            while true {
                skipSpaces()
                nodes += 1
                guard nodes <= YAMLReader.maxNodes, peek == UInt8(ascii: "\""), let key = string(), let name = key.scalar else { return nil }
                // A merge key or a key written twice: `YAMLReader` says what YAML makes of it.
                if name == "<<" || pairs.contains(where: { $0.key.scalar == name }) { return nil }
                skipSpaces()
                guard peek == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpaces()
                guard let value = value(depth: depth + 1) else { return nil }
                pairs.append(YAMLPair(key: key, value: value))
                skipSpaces()
                switch peek {
                case UInt8(ascii: ","):
                    index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return YAMLNode(content: .mapping(pairs), style: .flow, start: position(start), end: position(index))
                default:
                    return nil
                }
            }
        }

        mutating func array(depth: Int) -> YAMLNode? {
            let start = index
            index += 1
            var items: [YAMLNode] = []
            skipSpaces()
            if peek == UInt8(ascii: "]") {
                index += 1
                return YAMLNode(content: .sequence(items), style: .flow, start: position(start), end: position(index))
            }
            while true {
                skipSpaces()
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpaces()
                switch peek {
                case UInt8(ascii: ","):
                    index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return YAMLNode(content: .sequence(items), style: .flow, start: position(start), end: position(index))
                default:
                    return nil
                }
            }
        }

        /// A double-quoted string (no escapes reach here).
        mutating func string() -> YAMLNode? {
            let start = index
            index += 1
            let from = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") { index += 1 }
            guard index < bytes.count else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<index]), as: UTF8.self)
            index += 1
            return YAMLNode(content: .scalar(text), style: .doubleQuoted, start: position(start), end: position(index))
        }

        /// A JSON number, a plain scalar as written.
        mutating func number() -> YAMLNode? {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
                return index - from
            }
            if peek == UInt8(ascii: "-") { index += 1 }
            let whole = index
            guard digits() > 0 else { return nil }
            if bytes[whole] == UInt8(ascii: "0"), index - whole > 1 { return nil }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return nil }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return nil }
            }
            return plain(from: start)
        }

        mutating func word(_ text: StaticString) -> YAMLNode? {
            let start = index
            let count = text.utf8CodeUnitCount
            guard bytes.count - index >= count else { return nil }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return nil }
            index += count
            return plain(from: start)
        }

        /// The plain scalar from `start` to here, when what follows ends it in a flow
        /// collection as YAML reads it (a space, `,`, `}` or `]`).
        func plain(from start: Int) -> YAMLNode? {
            if let next = peek, next != 0x20, next != UInt8(ascii: ","), next != UInt8(ascii: "}"), next != UInt8(ascii: "]") {
                return nil
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            return YAMLNode(content: .scalar(text), style: .plain, start: position(start), end: position(index))
        }
    }
}
