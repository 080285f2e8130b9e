import Foundation
@testable import LeewayCore
import Testing

/// The JSON Lines reader that skips libyaml gives, for every line it takes, the very tree
/// `YAMLReader` composes (content, style, tag, start and end of every node), and leaves
/// every other line to `YAMLReader`.
@Suite struct JSONLineReaderTests {
    /// The differences between two trees, as paths (empty when they are the same).
    static func differences(_ a: YAMLNode, _ b: YAMLNode, at path: String = "$") -> [String] {
        var out: [String] = []
        if a.style != b.style { out.append("\(path): style \(a.style) / \(b.style)") }
        if a.tag != b.tag { out.append("\(path): tag") }
        if a.start != b.start { out.append("\(path): start \(a.start) / \(b.start)") }
        if a.end != b.end { out.append("\(path): end \(a.end) / \(b.end)") }
        switch (a.content, b.content) {
        case let (.scalar(x), .scalar(y)):
            if x != y { out.append("\(path): \(x.debugDescription) / \(y.debugDescription)") }
        case let (.sequence(x), .sequence(y)):
            if x.count != y.count { return out + ["\(path): \(x.count) / \(y.count) items"] }
            for (index, (p, q)) in zip(x, y).enumerated() { out += differences(p, q, at: "\(path)[\(index)]") }
        case let (.mapping(x), .mapping(y)):
            if x.count != y.count { return out + ["\(path): \(x.count) / \(y.count) pairs"] }
            for (index, (p, q)) in zip(x, y).enumerated() {
                out += differences(p.key, q.key, at: "\(path).key\(index)")
                out += differences(p.value, q.value, at: "\(path).\(p.name)")
            }
        default:
            out.append("\(path): kinds \(a.kindName) / \(b.kindName)")
        }
        return out
    }

    /// Checks one line: when the fast reader takes it, libyaml reads it without problems
    /// into the same tree. Returns whether the fast reader took it.
    @discardableResult
    static func check(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let bytes = Array(text.utf8)
        guard let fast = JSONLineReader.root(bytes) else { return false }
        let (documents, error) = YAMLReader.documents(bytes: bytes)
        #expect(error == nil, "libyaml refused \(text)", sourceLocation: sourceLocation)
        #expect(documents.count == 1 && documents[0].problems.isEmpty, "\(text)", sourceLocation: sourceLocation)
        guard let slow = documents.first?.root else {
            Issue.record("no tree from libyaml for \(text)", sourceLocation: sourceLocation)
            return true
        }
        #expect(differences(fast, slow).isEmpty, "\(text): \(differences(fast, slow))", sourceLocation: sourceLocation)
        return true
    }

    @Test func plainLinesGiveLibyamlsTree() {
        let lines = [
            #"{"leeway":1,"case":"case-000000","policy":"bench-workload","handled-by":"trainee","channel":"social","facts":{"issue":"account-access","tier":"premium","tenure-months":111,"fraud":false},"wants":[{"action":"refund","amount":"1.33 USD"}]}"#,
            #"{ "case" : "c-1" , "wants" : [ { "action" : "refund" , "amount" : "5 USD" } ] }"#,
            #"   {"a": -1, "b": 0, "c": 1.5, "d": 1e5, "e": -0.5E-3, "f": 2E+7, "g": true, "h": false, "i": null}   "#,
            #"{"empty":{},"list":[],"nested":[[1,[2,[3]]],{"x":{"y":[]}}]}"#,
            ##"{"":"","key with spaces":"  value  ","colon":"a: b","hash":"# not a comment","braces":"{[,]}","quote":"it's"}"##,
            #"{}"#,
            #"{"a":[1, 2 ,3 , "four"],"b":{"c":null}}"#,
            #"{"customer":{"id":"C-9","problem":"The box came crushed, and the phone inside is cracked","goal":"A new phone"}}"#,
        ]
        for line in lines { #expect(Self.check(line), "\(line) should take the fast path") }
    }

    @Test func otherLinesAreLeftToLibyaml() {
        let lines = [
            #"{"a":"caf\u00e9"}"#, #"{"a":"say \"hi\""}"#, "{\"a\":\"café\"}", "{\"a\":\t1}", #"{"a":1,"a":2}"#,
            #"{"<<":{"a":1}}"#, #"{"a":1,}"#, #"[1,2]"#, #""text""#, #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#,
            #"{"a":1 2}"#, #"{"a":tru}"#, #"{"a":true1}"#, #"{"a":1}x"#, ##"{"a":1} # comment"##, #"{a:1}"#, "", "   ",
            #"{"a":"#, #"{"a":[1,2}"#, #"{"a":-}"#, #"{"a":1e}"#,
            String(repeating: "[", count: 40).replacingOccurrences(of: "[", with: "{\"a\":") + "1" + String(repeating: "}", count: 40),
        ]
        for line in lines { #expect(JSONLineReader.root(Array(line.utf8)) == nil, "\(line) should go to libyaml") }
        // More nodes than YAMLReader takes: left to it, which refuses the line.
        let many = "{\"a\":[" + Array(repeating: "1", count: YAMLReader.maxNodes).joined(separator: ",") + "]}"
        #expect(JSONLineReader.root(Array(many.utf8)) == nil)
        let fewer = "{\"a\":[" + Array(repeating: "1", count: YAMLReader.maxNodes - 3).joined(separator: ",") + "]}"
        #expect(Self.check(fewer))
    }

    /// Random objects of every kind of value, written with random spacing.
    @Test func randomLinesGiveLibyamlsTree() {
        var generator = SystemRandomNumberGenerator()
        func space() -> String { Int.random(in: 0..<4, using: &generator) == 0 ? String(repeating: " ", count: Int.random(in: 1...2, using: &generator)) : "" }
        func text() -> String {
            let alphabet = Array("abcXYZ019 -_:#,.{}[]'/@!?*&%$=+~^<>|")
            return String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        func value(_ depth: Int) -> String {
            switch Int.random(in: 0..<(depth > 3 ? 6 : 8), using: &generator) {
            case 0: return "\"" + text() + "\""
            case 1: return String(Int.random(in: -1000...100_000, using: &generator))
            case 2: return String(Int.random(in: 0...999, using: &generator)) + "." + String(Int.random(in: 0...99, using: &generator))
            case 3: return ["true", "false", "null"].randomElement(using: &generator)!
            case 4: return String(Int.random(in: 1...9, using: &generator)) + ["e", "E"].randomElement(using: &generator)! + ["", "+", "-"].randomElement(using: &generator)! + String(Int.random(in: 0...30, using: &generator))
            case 5: return "\"" + text() + " USD\""
            case 6: return "[" + (0..<Int.random(in: 0...3, using: &generator)).map { _ in space() + value(depth + 1) + space() }.joined(separator: ",") + "]"
            default: return object(depth + 1)
            }
        }
        func object(_ depth: Int) -> String {
            var keys = Set<String>()
            var parts: [String] = []
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                let key = text()
                guard keys.insert(key).inserted, key != "<<" else { continue }
                parts.append(space() + "\"" + key + "\"" + space() + ":" + space() + value(depth) + space())
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
        var taken = 0
        for _ in 0..<3_000 where Self.check(space() + object(0) + space()) { taken += 1 }
        #expect(taken > 2_500)
    }
}
