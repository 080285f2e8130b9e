// Lives in the engine beside its hottest caller, the JSON Lines record: generic and
// small methods are specialized and inlined there (across a module boundary they were not,
// and the batch paid for it).

/// A small streaming JSON serializer: objects, arrays, keys, escaped strings, numbers.
///
/// It writes UTF-8 bytes into a growing buffer that callers reuse (`reset()` keeps the
/// capacity), so serializing a case allocates nothing once the buffer has grown. Commas
/// and, when `pretty`, indentation are placed by the writer; callers never glue JSON
/// text together themselves.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    public let pretty: Bool
    /// Foundation's layout (`JSONSerialization` with `.prettyPrinted`): `"key" : value`,
    /// an empty container on three lines, and DEL (U+007F) unescaped, so that a report
    /// first written with Foundation streams byte for byte as it did.
    public let foundationLayout: Bool
    /// One bit per open container (the innermost is bit 0): whether it already holds a
    /// value. Containers nested deeper than 64 keep their bits in `deepFilled`.
    private var filledBits: UInt64 = 0
    /// How many containers are open (a part written elsewhere starts at this depth).
    public private(set) var depth = 0
    private var deepFilled: [Bool] = []
    /// True right after a key: the next value follows the colon without a comma.
    private var afterKey = false

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        self.foundationLayout = false
        bytes.reserveCapacity(capacity)
    }

    /// A writer that starts inside containers already open elsewhere — `holding` says, from
    /// the outermost, whether each already holds a value — to write a part of a document
    /// that streams in pieces: the values of an array written on another thread (put in
    /// place with `append(fragment:)`), or the rest of a document after such parts
    /// (`continueAfter(_:)`). Its bytes are exactly those the whole writer would write.
    public init(pretty: Bool = false, foundationLayout: Bool = false, capacity: Int = 1024, holding: [Bool] = []) {
        self.pretty = pretty
        self.foundationLayout = foundationLayout
        bytes.reserveCapacity(capacity)
        for holds in holding {
            push()
            if holds { filledBits |= 1 }
        }
    }

    /// Values written by a writer made `init(holding:)` at this writer's depth with its
    /// innermost container empty: the writer places the comma before them, and the
    /// container now holds a value. An empty fragment changes nothing. (The part's writer
    /// need not know what comes before it.)
    public mutating func append(fragment: [UInt8]) {
        precondition(depth > 0 && !afterKey, "a fragment goes inside an open container")
        guard !fragment.isEmpty else { return }
        if filledBits & 1 != 0 { bytes.append(UInt8(ascii: ",")) }
        filledBits |= 1
        bytes.append(contentsOf: fragment)
    }

    /// Takes up where `body` (a writer at the same depth that received the fragments)
    /// left off: whether the innermost container holds a value.
    public mutating func continueAfter(_ body: JSONWriter) {
        precondition(depth == body.depth, "a writer continues at the same depth")
        filledBits |= body.filledBits & 1
    }

    /// Empties the buffer, keeping its capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        filledBits = 0
        depth = 0
        deepFilled.removeAll()
        afterKey = false
    }

    /// Hands over the bytes written so far and empties the buffer, keeping where the
    /// writer is (open containers, commas, indentation): a long document streams out in
    /// pieces, byte for byte as if written whole.
    public mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        taken.reserveCapacity(bytes.capacity)
        swap(&taken, &bytes)
        return taken
    }

    /// The text written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether every object and array opened has been closed.
    public var isComplete: Bool { depth == 0 && !afterKey }

    // MARK: Structure

    public mutating func beginObject() {
        prepareValue()
        bytes.append(UInt8(ascii: "{"))
        push()
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        prepareValue()
        bytes.append(UInt8(ascii: "["))
        push()
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ name: String) {
        prepareValue()
        writeEscaped(name)
        if pretty && foundationLayout { bytes.append(0x20) }
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    /// A key given as static ASCII bytes that need no escaping (the writer's own field names).
    public mutating func key(ascii name: StaticString) {
        prepareValue()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        if pretty && foundationLayout { bytes.append(0x20) }
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        prepareValue()
        writeEscaped(value)
    }

    /// A string given as UTF-8 bytes (escaped as needed; copied in one go when nothing
    /// needs escaping, the common case).
    public mutating func string<Bytes: Collection>(utf8 value: Bytes) where Bytes.Element == UInt8 {
        prepareValue()
        bytes.append(UInt8(ascii: "\""))
        if value.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F }) {
            bytes.append(contentsOf: value)
        } else {
            for byte in value { appendEscaped(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string value made of static ASCII text that needs no escaping.
    public mutating func string(ascii value: StaticString) {
        prepareValue()
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string value whose text `body` appends as raw bytes (amount and duration
    /// formatters, which write plain ASCII). Anything that would need escaping is escaped.
    public mutating func string(formatted body: (inout [UInt8]) -> Void) {
        prepareValue()
        bytes.append(UInt8(ascii: "\""))
        let start = bytes.count
        body(&bytes)
        var needsEscape = false
        for index in start..<bytes.count where bytes[index] < 0x20 || bytes[index] == 0x22 || bytes[index] == 0x5C || bytes[index] == 0x7F {
            needsEscape = true
            break
        }
        if needsEscape {
            let raw = Array(bytes[start...])
            bytes.removeSubrange(start...)
            for byte in raw { appendEscaped(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func number(_ value: Int) {
        prepareValue()
        ByteSink.appendDecimal(Int64(value), to: &bytes)
    }

    public mutating func number(_ value: Int64) {
        prepareValue()
        ByteSink.appendDecimal(value, to: &bytes)
    }

    /// A finite floating-point number, written with up to `digits` decimals (rates).
    public mutating func number(_ value: Double, digits: Int = 4) {
        prepareValue()
        guard value.isFinite else {
            bytes.append(contentsOf: Array("null".utf8))
            return
        }
        var scale: Double = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        if value < 0 && scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        let whole = Int64(scaled / scale)
        var fraction = Int64(scaled) - whole * Int64(scale)
        ByteSink.appendDecimal(whole, to: &bytes)
        if fraction > 0 {
            bytes.append(UInt8(ascii: "."))
            var width = digits
            while fraction % 10 == 0 { fraction /= 10; width -= 1 }
            var digitsText: [UInt8] = []
            var rest = fraction
            for _ in 0..<width { digitsText.append(UInt8(ascii: "0") + UInt8(rest % 10)); rest /= 10 }
            bytes.append(contentsOf: digitsText.reversed())
        }
    }

    public mutating func bool(_ value: Bool) {
        prepareValue()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    public mutating func null() {
        prepareValue()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    /// Ends a line (JSON Lines, or the end of a pretty document).
    public mutating func newline() {
        precondition(isComplete, "newline inside an open JSON value")
        bytes.append(0x0A)
    }

    // MARK: Internals

    private mutating func push() {
        if depth >= 64 { deepFilled.append(filledBits >> 63 != 0) }
        filledBits <<= 1
        depth += 1
    }

    /// Whether the innermost container holds a value; marks it as holding one.
    @inline(__always)
    private mutating func prepareValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if filledBits & 1 != 0 { bytes.append(UInt8(ascii: ",")) }
        filledBits |= 1
        if pretty { indent(depth) }
    }

    private mutating func close(_ byte: UInt8) {
        precondition(depth > 0 && !afterKey, "unbalanced JSON writer")
        let hadValues = filledBits & 1 != 0
        filledBits >>= 1
        depth -= 1
        if depth >= 64, let deep = deepFilled.popLast(), deep { filledBits |= 1 << 63 }
        if pretty && hadValues {
            indent(depth)
        } else if pretty && foundationLayout {
            bytes.append(0x0A)
            indent(depth)
        }
        bytes.append(byte)
    }

    private mutating func indent(_ depth: Int) {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func writeEscaped(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { buffer in
            for byte in buffer { appendEscaped(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case 0x22: bytes.append(0x5C); bytes.append(0x22)
        case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
        case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(0x5C); bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(0x5C); bytes.append(UInt8(ascii: "f"))
        case 0x7F where foundationLayout:
            bytes.append(byte)
        case 0..<0x20, 0x7F:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        default:
            bytes.append(byte)
        }
    }
}

/// Byte-level number formatting shared by the writers.
public enum ByteSink {
    /// Appends an integer in decimal without going through `String`.
    @inline(__always)
    public static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt64 = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }
}
