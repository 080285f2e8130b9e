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

    /// A sentence's first letter in capitals.
    public static func upperFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
