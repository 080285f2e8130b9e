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
    /// The buffer: its first `count` bytes are the text written so far, the rest is room.
    /// Each value is written in one go through a pointer (a capacity check per value, not
    /// per byte: a JSON Lines record spent a third of its time in `Array.append`). Copied
    /// before a write when a copy of the writer shares it (`isKnownUniquelyReferenced`).
    private var storage: ByteStorage
    /// How many bytes have been written.
    public private(set) var count = 0
    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }
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
    /// Where `string(formatted:)` lets its formatter write.
    private var scratch: [UInt8] = []

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        self.foundationLayout = false
        storage = ByteStorage(capacity: max(capacity, 64))
    }

    /// A writer that starts inside containers already open elsewhere — `holding` says, from
    /// the outermost, whether each already holds a value — to write a part of a document
    /// that streams in pieces: the values of an array written on another thread (put in
    /// place with `append(fragment:)`), or the rest of a document after such parts
    /// (`continueAfter(_:)`). Its bytes are exactly those the whole writer would write.
    public init(pretty: Bool = false, foundationLayout: Bool = false, capacity: Int = 1024, holding: [Bool] = []) {
        self.pretty = pretty
        self.foundationLayout = foundationLayout
        storage = ByteStorage(capacity: max(capacity, 64))
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
        let comma = filledBits & 1 != 0
        filledBits |= 1
        fragment.withUnsafeBufferPointer { source in
            write((comma ? 1 : 0) + source.count) { at in
                var at = at
                if comma { at.put(UInt8(ascii: ",")) }
                at.put(source)
            }
        }
    }

    /// Takes up where `body` (a writer at the same depth that received the fragments)
    /// left off: whether the innermost container holds a value.
    public mutating func continueAfter(_ body: JSONWriter) {
        precondition(depth == body.depth, "a writer continues at the same depth")
        filledBits |= body.filledBits & 1
    }

    /// Empties the buffer, keeping its capacity.
    public mutating func reset() {
        count = 0
        filledBits = 0
        depth = 0
        deepFilled.removeAll()
        afterKey = false
    }

    /// Hands over the bytes written so far and empties the buffer, keeping where the
    /// writer is (open containers, commas, indentation): a long document streams out in
    /// pieces, byte for byte as if written whole.
    public mutating func takeBytes() -> [UInt8] {
        let taken = bytes
        count = 0
        return taken
    }

    /// The text written so far.
    public var string: String { String(decoding: UnsafeBufferPointer(start: storage.base, count: count), as: UTF8.self) }

    /// Whether every object and array opened has been closed.
    public var isComplete: Bool { depth == 0 && !afterKey }

    // MARK: Structure

    public mutating func beginObject() { open(UInt8(ascii: "{")) }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    public mutating func beginArray() { open(UInt8(ascii: "[")) }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ name: String) {
        var name = name
        name.withUTF8 { writeKey($0, escape: true) }
    }

    /// A key given as static ASCII bytes that need no escaping (the writer's own field names).
    /// Inlined: at each call the name's length is known, and its copy unrolled.
    @inline(__always)
    public mutating func key(ascii name: StaticString) {
        guard !pretty else { return name.withUTF8Buffer { writeKey($0, escape: false) } }
        // Compact (JSON Lines, the hot path): `,"name":` in one write.
        writeCompactQuoted(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount), colon: true)
        afterKey = true
    }

    /// `,"text"` (with `:` after a key) in one write, compact, for text that needs no escape.
    @inline(__always)
    private mutating func writeCompactQuoted(_ text: UnsafeBufferPointer<UInt8>, colon: Bool) {
        let comma = prepareCompact()
        write(text.count &+ (comma ? 3 : 2) &+ (colon ? 1 : 0)) { at in
            var at = at
            if comma { at.put(UInt8(ascii: ",")) }
            at.put(UInt8(ascii: "\""))
            at.put(text)
            at.put(UInt8(ascii: "\""))
            if colon { at.put(UInt8(ascii: ":")) }
        }
    }

    /// A key and its string value: `key(ascii:)` then `string(utf8:)`, written in one go
    /// when compact and the value needs no escaping (the JSON Lines record's fields).
    @inline(__always)
    public mutating func field<Bytes: Collection>(ascii name: StaticString, utf8 value: Bytes) where Bytes.Element == UInt8 {
        let done: Bool? = pretty ? false : value.withContiguousStorageIfAvailable { value in
            guard let base = value.baseAddress, ByteScan.plainPrefix(base, base + value.count) == value.count else { return false }
            let comma = prepareCompact()
            let key = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            write(key.count &+ value.count &+ (comma ? 6 : 5)) { at in
                var at = at
                if comma { at.put(UInt8(ascii: ",")) }
                at.put(UInt8(ascii: "\""))
                at.put(key)
                at.put(UInt8(ascii: "\""))
                at.put(UInt8(ascii: ":"))
                at.put(UInt8(ascii: "\""))
                at.put(value)
                at.put(UInt8(ascii: "\""))
            }
            return true
        }
        if done != true {
            key(ascii: name)
            string(utf8: value)
        }
    }

    /// A whole top-level value that `body` writes straight into the buffer, given room for
    /// `size` bytes; it returns how many it wrote (at most `size`). For the JSON Lines
    /// record (`EvalJSON.writeLine`), which serializes its fixed layout itself: one capacity
    /// check for the record instead of one per value. Compact writers at the top level only.
    @inline(__always)
    mutating func writeValue(reserving size: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        precondition(!pretty && depth == 0 && !afterKey, "a raw value inside an open JSON value")
        if count &+ size > storage.capacity || !isKnownUniquelyReferenced(&storage) { grow(count &+ size) }
        let written = body(storage.base + count)
        precondition(written >= 0 && written <= size, "a raw value larger than its room")
        count &+= written
    }

    /// `prepareValue` for a compact writer: whether a comma goes first.
    @inline(__always)
    private mutating func prepareCompact() -> Bool {
        if afterKey {
            afterKey = false
            return false
        }
        guard depth > 0 else { return false }
        let comma = filledBits & 1 != 0
        filledBits |= 1
        return comma
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { writeString($0) }
    }

    /// A string given as UTF-8 bytes (escaped as needed; copied in one go when nothing
    /// needs escaping, the common case).
    public mutating func string<Bytes: Collection>(utf8 value: Bytes) where Bytes.Element == UInt8 {
        if value.withContiguousStorageIfAvailable({ writeString($0) }) == nil {
            Array(value).withUnsafeBufferPointer { writeString($0) }
        }
    }

    /// A string value made of static ASCII text that needs no escaping.
    public mutating func string(ascii value: StaticString) {
        value.withUTF8Buffer { writeString($0) }
    }

    /// A string value whose text `body` appends as raw bytes (amount and duration
    /// formatters, which write plain ASCII). Anything that would need escaping is escaped.
    public mutating func string(formatted body: (inout [UInt8]) -> Void) {
        var text: [UInt8] = []
        swap(&text, &scratch)
        text.removeAll(keepingCapacity: true)
        body(&text)
        text.withUnsafeBufferPointer { writeString($0) }
        swap(&text, &scratch)
    }

    public mutating func number(_ value: Int) { number(Int64(value)) }

    public mutating func number(_ value: Int64) {
        let lead = prepareValue()
        var digits: (UInt64, Int) = (value.magnitude, 1)
        var rest = digits.0
        while rest >= 10 { rest /= 10; digits.1 += 1 }
        let negative = value < 0
        write(lead.size + digits.1 + (negative ? 1 : 0)) { at in
            var at = at
            at.put(lead)
            if negative { at.put(UInt8(ascii: "-")) }
            var magnitude = digits.0
            var index = digits.1 - 1
            while index >= 0 {
                at.pointer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                index -= 1
            }
            at.pointer += digits.1
        }
    }

    /// A finite floating-point number, written with up to `digits` decimals (rates).
    public mutating func number(_ value: Double, digits: Int = 4) {
        guard value.isFinite else {
            raw(ascii: "null")
            return
        }
        var text: [UInt8] = []
        var scale: Double = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        if value < 0 && scaled != 0 { text.append(UInt8(ascii: "-")) }
        let whole = Int64(scaled / scale)
        var fraction = Int64(scaled) - whole * Int64(scale)
        ByteSink.appendDecimal(whole, to: &text)
        if fraction > 0 {
            text.append(UInt8(ascii: "."))
            var width = digits
            while fraction % 10 == 0 { fraction /= 10; width -= 1 }
            var digitsText: [UInt8] = []
            var rest = fraction
            for _ in 0..<width { digitsText.append(UInt8(ascii: "0") + UInt8(rest % 10)); rest /= 10 }
            text.append(contentsOf: digitsText.reversed())
        }
        text.withUnsafeBufferPointer { writeRaw($0) }
    }

    public mutating func bool(_ value: Bool) {
        if value { raw(ascii: "true") } else { raw(ascii: "false") }
    }

    public mutating func null() { raw(ascii: "null") }

    /// Ends a line (JSON Lines, or the end of a pretty document).
    public mutating func newline() {
        precondition(isComplete, "newline inside an open JSON value")
        write(1) { at in
            var at = at
            at.put(0x0A)
        }
    }

    // MARK: Internals

    /// Where the next bytes go: a pointer that moves as it writes.
    struct Cursor {
        var pointer: UnsafeMutablePointer<UInt8>

        @inline(__always)
        mutating func put(_ byte: UInt8) {
            pointer.pointee = byte
            pointer += 1
        }

        /// Short texts (names, ids, amounts) are copied a word at a time: a call to
        /// `memcpy` costs more than the copy.
        @inline(__always)
        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            let count = bytes.count
            if count > 64 {
                pointer.update(from: base, count: count)
                pointer += count
                return
            }
            var from = UnsafeRawPointer(base)
            var left = count
            while left >= 8 {
                UnsafeMutableRawPointer(pointer).storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                pointer += 8
                from += 8
                left -= 8
            }
            while left > 0 {
                pointer.pointee = from.load(as: UInt8.self)
                pointer += 1
                from += 1
                left -= 1
            }
        }

        /// The comma and indentation before a value or key.
        @inline(__always)
        mutating func put(_ lead: Lead) {
            if lead.comma { put(UInt8(ascii: ",")) }
            if lead.indent >= 0 {
                put(0x0A)
                for _ in 0..<(2 * lead.indent) { put(0x20) }
            }
        }
    }

    /// What goes before a value: a comma, and (pretty) a newline and `indent` levels.
    struct Lead {
        var comma = false
        var indent = -1
        var size: Int { (comma ? 1 : 0) + (indent >= 0 ? 1 + 2 * indent : 0) }
    }

    /// Writes exactly `size` bytes through `body`.
    @inline(__always)
    private mutating func write(_ size: Int, _ body: (Cursor) -> Void) {
        if count &+ size > storage.capacity || !isKnownUniquelyReferenced(&storage) { grow(count &+ size) }
        body(Cursor(pointer: storage.base + count))
        count &+= size
    }

    /// A buffer of its own with room for `needed` bytes (twice as large when it was full).
    @inline(never)
    private mutating func grow(_ needed: Int) {
        let larger = ByteStorage(capacity: needed > storage.capacity ? max(needed, 2 * storage.capacity) : storage.capacity)
        if count > 0 { larger.base.update(from: storage.base, count: count) }
        storage = larger
    }

    private mutating func push() {
        if depth >= 64 { deepFilled.append(filledBits >> 63 != 0) }
        filledBits <<= 1
        depth += 1
    }

    /// What goes before the next value; marks the innermost container as holding one.
    @inline(__always)
    private mutating func prepareValue() -> Lead {
        if afterKey {
            afterKey = false
            return Lead()
        }
        guard depth > 0 else { return Lead() }
        var lead = Lead()
        lead.comma = filledBits & 1 != 0
        filledBits |= 1
        if pretty { lead.indent = depth }
        return lead
    }

    private mutating func open(_ byte: UInt8) {
        let lead = prepareValue()
        write(lead.size + 1) { at in
            var at = at
            at.put(lead)
            at.put(byte)
        }
        push()
    }

    private mutating func close(_ byte: UInt8) {
        precondition(depth > 0 && !afterKey, "unbalanced JSON writer")
        let hadValues = filledBits & 1 != 0
        filledBits >>= 1
        depth -= 1
        if depth >= 64, let deep = deepFilled.popLast(), deep { filledBits |= 1 << 63 }
        var lead = Lead()
        if pretty && (hadValues || foundationLayout) { lead.indent = depth }
        // Foundation writes an empty container on three lines: an empty line inside.
        let emptyLine = pretty && foundationLayout && !hadValues
        write(lead.size + (emptyLine ? 2 : 1)) { at in
            var at = at
            if emptyLine { at.put(0x0A) }
            at.put(lead)
            at.put(byte)
        }
    }

    /// A bare value (`true`, `null`).
    private mutating func raw(ascii text: StaticString) {
        text.withUTF8Buffer { writeRaw($0) }
    }

    private mutating func writeRaw(_ text: UnsafeBufferPointer<UInt8>) {
        let lead = prepareValue()
        write(lead.size + text.count) { at in
            var at = at
            at.put(lead)
            at.put(text)
        }
    }

    private mutating func writeKey(_ name: UnsafeBufferPointer<UInt8>, escape: Bool) {
        let lead = prepareValue()
        let spaceBefore = pretty && foundationLayout
        let quoted = escape ? escapedSize(name) : name.count + 2
        let layout = foundationLayout
        let pretty = self.pretty
        write(lead.size + quoted + 1 + (spaceBefore ? 1 : 0) + (pretty ? 1 : 0)) { at in
            var at = at
            at.put(lead)
            if escape && quoted != name.count + 2 { Self.putEscaped(name, at: &at, foundationLayout: layout) } else {
                at.put(UInt8(ascii: "\""))
                at.put(name)
                at.put(UInt8(ascii: "\""))
            }
            if spaceBefore { at.put(0x20) }
            at.put(UInt8(ascii: ":"))
            if pretty { at.put(0x20) }
        }
        afterKey = true
    }

    private mutating func writeString(_ value: UnsafeBufferPointer<UInt8>) {
        if !pretty, let base = value.baseAddress, ByteScan.plainPrefix(base, base + value.count) == value.count {
            // Compact and nothing to escape (the hot path): `,"value"` in one write.
            writeCompactQuoted(value, colon: false)
            return
        }
        let lead = prepareValue()
        let quoted = escapedSize(value)
        let layout = foundationLayout
        write(lead.size + quoted) { at in
            var at = at
            at.put(lead)
            if quoted == value.count + 2 {
                at.put(UInt8(ascii: "\""))
                at.put(value)
                at.put(UInt8(ascii: "\""))
            } else {
                Self.putEscaped(value, at: &at, foundationLayout: layout)
            }
        }
    }

    /// The size of the text quoted and escaped.
    @inline(__always)
    private func escapedSize(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var size = text.count + 2
        guard let base = text.baseAddress else { return size }
        let end = base + text.count
        var at = base
        // Runs of plain bytes are skipped eight at a time; only the others are looked at.
        while at < end {
            at += ByteScan.plainPrefix(at, end)
            guard at < end else { break }
            switch at.pointee {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C: size += 1
            case 0x7F where foundationLayout: break
            case 0..<0x20, 0x7F: size += 5
            default: break
            }
            at += 1
        }
        return size
    }

    private static func putEscaped(_ text: UnsafeBufferPointer<UInt8>, at: inout Cursor, foundationLayout: Bool) {
        let hex: StaticString = "0123456789abcdef"
        at.put(UInt8(ascii: "\""))
        guard let base = text.baseAddress else {
            at.put(UInt8(ascii: "\""))
            return
        }
        let end = base + text.count
        var from = base
        while from < end {
            // A run of plain bytes in one copy, then the byte that ended it.
            let plain = ByteScan.plainPrefix(from, end)
            if plain > 0 {
                at.put(UnsafeBufferPointer(start: from, count: plain))
                from += plain
                guard from < end else { break }
            }
            let byte = from.pointee
            from += 1
            switch byte {
            case 0x22: at.put(0x5C); at.put(0x22)
            case 0x5C: at.put(0x5C); at.put(0x5C)
            case 0x0A: at.put(0x5C); at.put(UInt8(ascii: "n"))
            case 0x0D: at.put(0x5C); at.put(UInt8(ascii: "r"))
            case 0x09: at.put(0x5C); at.put(UInt8(ascii: "t"))
            case 0x08: at.put(0x5C); at.put(UInt8(ascii: "b"))
            case 0x0C: at.put(0x5C); at.put(UInt8(ascii: "f"))
            case 0x7F where foundationLayout:
                at.put(byte)
            case 0..<0x20, 0x7F:
                at.put(0x5C); at.put(UInt8(ascii: "u")); at.put(UInt8(ascii: "0")); at.put(UInt8(ascii: "0"))
                hex.withUTF8Buffer { digits in
                    at.put(digits[Int(byte >> 4)])
                    at.put(digits[Int(byte & 0xF)])
                }
            default:
                at.put(byte)
            }
        }
        at.put(UInt8(ascii: "\""))
    }
}

/// The bytes a `JSONWriter` writes into, freed with it.
final class ByteStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }
}

/// Byte-level number formatting shared by the writers.
public enum ByteSink {
    /// Appends an integer in decimal without going through `String`.
    @inline(__always)
    public static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        RecordBytes.append(to: &bytes) { $0.integer(value) }
    }
}
