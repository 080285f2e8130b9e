import Foundation

/// Small helpers for putting names and titles into sentences.
public enum Prose {
    /// A title as it reads inside a sentence: `Refund` → `refund`. Acronyms and names that
    /// start with two capitals (`VIP`, `ISP`) are kept, and a trailing full stop is dropped.
    public static func lowerFirst(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first else { return trimmed }
        let second = trimmed.dropFirst().first
        if let second, second.isUppercase { return trimmed }
        var out = trimmed
        while let last = out.last, last == "." { out.removeLast() }
        return first.lowercased() + out.dropFirst()
    }

    /// A policy name as it reads inside a sentence: its `title` when it has one, else the
    /// name with dashes as spaces (`replace-equipment` → `replace equipment`), lower-cased
    /// first. Case text never goes through here: it is quoted as written.
    public static func inSentence(title: String?, name: String) -> String {
        // A policy has a few dozen names, and every case's message and trace says some:
        // each is worked out once (keyed by the title, or by the name after a NUL).
        let key = title ?? "\u{0}" + name
        return inSentenceMemo.value(for: key) { lowerFirst(title ?? name.replacingOccurrences(of: "-", with: " ")) }
    }

    private static let inSentenceMemo = Memo<String, String>(limit: 16_384)

    /// The first letter of a sentence in capitals, after any opening `¿`, `¡` or quote.
    public static func upperFirst(_ text: String) -> String {
        // A sentence that already starts with an ASCII capital (most do) stays as it is.
        if let first = text.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") { return text }
        guard let index = text.firstIndex(where: { $0.isLetter }) else { return text }
        return text[..<index] + text[index].uppercased() + text[text.index(after: index)...]
    }
}
