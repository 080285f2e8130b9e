/// A small XML serializer: an element tree turned into text with proper escaping, so no
/// report is ever built by gluing strings. One declaration, every element closed
/// (`<a/>` when empty), attributes in the order given, two-space indentation; an element
/// holding text is written on one line with its text as it is (line breaks kept), so the
/// text a reader gets back is exactly what was put in.
///
/// It replaces FoundationXML (which brings libxml2 and, on Linux, could crash freeing a
/// tree) for the one document kind Leeway writes.
public enum XMLWriter {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
}

extension XMLWriter {
public struct Element: Sendable, Equatable {
    public var name: String
    public var attributes: [(name: String, value: String)]
    public var children: [Element]
    /// Character data; an element has text or children, not both.
    public var text: String?

    public init(_ name: String, _ attributes: [(String, String?)] = [], children: [Element] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes.compactMap { pair in pair.1.map { (name: pair.0, value: $0) } }
        self.children = children
        self.text = text
    }

    public static func == (a: Element, b: Element) -> Bool {
        a.name == b.name && a.attributes.map(\.name) == b.attributes.map(\.name)
            && a.attributes.map(\.value) == b.attributes.map(\.value) && a.children == b.children && a.text == b.text
    }

    /// The attribute's value, if the element has it.
    public subscript(attribute: String) -> String? {
        attributes.first { $0.name == attribute }?.value
    }

    /// The whole document: the declaration, then this element as the root, ending with a newline.
    public func document() -> String {
        var out = Array(XMLWriter.declaration.utf8)
        write(to: &out, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// A document streamed in pieces: the declaration and this element's start tag (its
    /// own children are not written; `childrenFollow` says whether children, written with
    /// `fragment(depth: 1)`, come after it), then `documentEnd`. Byte for byte the
    /// document `document()` writes with those children.
    public func documentStart(childrenFollow: Bool) -> String {
        var out = Array(XMLWriter.declaration.utf8)
        writeStart(to: &out, depth: 0)
        out += (childrenFollow ? ">\n" : "/>\n").utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// The end of a streamed document (`documentStart(childrenFollow:)`).
    public func documentEnd(childrenFollow: Bool) -> String {
        childrenFollow ? "</" + name + ">\n" : ""
    }

    /// The element as written inside a document at `depth` (a streamed document's child).
    public func fragment(depth: Int) -> String {
        String(decoding: fragmentBytes(depth: depth), as: UTF8.self)
    }

    /// `fragment(depth:)` as UTF-8.
    public func fragmentBytes(depth: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out, depth: depth)
        return out
    }

    // Written as bytes into one buffer: a report of 10,000 files is millions of pieces, and
    // each `+` of strings made a new string.
    private func writeStart(to out: inout [UInt8], depth: Int) {
        for _ in 0..<depth { out += "  ".utf8 }
        out.append(UInt8(ascii: "<"))
        out += name.utf8
        for attribute in attributes {
            out.append(0x20)
            out += attribute.name.utf8
            out += "=\"".utf8
            XMLWriter.Element.escape(attribute.value, inAttribute: true, into: &out)
            out.append(UInt8(ascii: "\""))
        }
    }

    func write(to out: inout [UInt8], depth: Int) {
        writeStart(to: &out, depth: depth)
        if let text, !text.isEmpty {
            out.append(UInt8(ascii: ">"))
            XMLWriter.Element.escape(text, inAttribute: false, into: &out)
            out += "</".utf8
            out += name.utf8
            out += ">\n".utf8
        } else if children.isEmpty {
            out += "/>\n".utf8
        } else {
            out += ">\n".utf8
            for child in children { child.write(to: &out, depth: depth + 1) }
            for _ in 0..<depth { out += "  ".utf8 }
            out += "</".utf8
            out += name.utf8
            out += ">\n".utf8
        }
    }

    /// `escape(_:inAttribute:)` appended to `out`.
    static func escape(_ text: String, inAttribute: Bool, into out: inout [UInt8]) {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where !isPlain(byte, inAttribute: inAttribute) { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true { return }
        out += escape(text, inAttribute: inAttribute).utf8
    }

    /// A byte that stands for itself: printable ASCII other than the markup characters
    /// (and, in text, a line break).
    @inline(__always)
    static func isPlain(_ byte: UInt8, inAttribute: Bool) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
            && byte != UInt8(ascii: "\"") || (!inAttribute && byte == 0x0A)
    }

    /// Escapes `&`, `<`, `>` (and in attributes `"`, tab and line breaks, which an XML
    /// reader would otherwise turn into spaces); a carriage return is kept as `&#13;`;
    /// characters XML 1.0 cannot carry at all become U+FFFD.
    public static func escape(_ text: String, inAttribute: Bool) -> String {
        // The common text: ASCII with nothing to escape, taken as it is.
        if text.utf8.allSatisfy({ isPlain($0, inAttribute: inAttribute) }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            case "\r": out += "&#13;"
            default:
                if isXMLCharacter(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\u{FFFD}"
                }
            }
        }
        return out
    }

    /// Whether XML 1.0 can carry the character (escaped or not).
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
}
