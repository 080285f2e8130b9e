/// "Did you mean" suggestions: the closest candidate by edit distance, if it is close
/// enough to be a plausible typo.
public enum Suggest {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let maxDistance = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= maxDistance, distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        if best == nil {
            // A candidate that contains the word, or the other way round (`credit` → `issue-credit`).
            let lower = word.lowercased()
            if lower.count >= 4, let hit = candidates.first(where: { $0.lowercased().contains(lower) || lower.contains($0.lowercased()) }) {
                return hit
            }
        }
        return best?.0
    }

    /// Levenshtein distance with transpositions counted as one edit.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}
