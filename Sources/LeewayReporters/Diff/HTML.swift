/// A tiny HTML and SVG builder that escapes every text and attribute value, so user text
/// (case titles, policy values, messages) can never become markup. Reports build a tree
/// of `HTML` values and render it once; nothing is spliced in as a string.
public struct HTML: Sendable {
    enum Content: Sendable {
        case element(name: String, attributes: [(String, String)], children: [HTML])
        case text(String)
        /// The body of `<style>`: a constant of the reporter, never user text.
        case style(StaticString)
    }

    let content: Content

    /// An element; `attributes` in order (names are the code's own, values are escaped).
    public static func element(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTML] = []) -> HTML {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }, "element name")
        precondition(attributes.allSatisfy { $0.0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == ":" } }, "attribute name")
        return HTML(content: .element(name: name, attributes: attributes, children: children))
    }

    /// Text, escaped.
    public static func text(_ text: String) -> HTML { HTML(content: .text(text)) }

    /// A style sheet written in the reporter's source.
    static func style(_ css: StaticString) -> HTML {
        HTML(content: .element(name: "style", attributes: [], children: [HTML(content: .style(css))]))
    }

    /// Elements without a closing tag in HTML.
    static let voidElements: Set<String> = ["meta", "br", "hr", "img", "link", "input", "col", "wbr"]

    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch content {
        case .text(let text):
            out += HTML.escape(text)
        case .style(let css):
            let text = css.description
            // A style sheet cannot close its own element.
            precondition(!text.contains("</"), "style sheet")
            out += text
        case let .element(name, attributes, children):
            out += "<" + name
            for (key, value) in attributes {
                out += " " + key + "=\"" + HTML.escape(value, attribute: true) + "\""
            }
            out += ">"
            if HTML.voidElements.contains(name) { return }
            for child in children { child.render(into: &out) }
            out += "</" + name + ">"
        }
    }

    /// Escapes `&`, `<`, `>` (and quotes in attribute values).
    public static func escape(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for char in text.unicodeScalars {
            switch char {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&#39;"
            default: out.unicodeScalars.append(char)
            }
        }
        return out
    }
}

/// Short names for building trees: `h("p", ["class": "x"], .text("…"))`.
func h(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: HTML...) -> HTML {
    HTML.element(name, attributes.map { ($0.key, $0.value) }, children)
}

func h(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], children: [HTML]) -> HTML {
    HTML.element(name, attributes.map { ($0.key, $0.value) }, children)
}

func t(_ text: String) -> HTML { .text(text) }
