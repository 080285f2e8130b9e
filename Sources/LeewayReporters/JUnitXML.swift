import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A JUnit XML report, as Jenkins, GitLab and most CI systems read it: suites of test
/// cases, each passed, failed, in error, or skipped. `leeway check` writes a suite per
/// policy file and a case per rule; `leeway test` a case per customer case.
///
/// ``xml()`` serializes it with Foundation's XML serializer: one declaration, every
/// element closed, text and attributes escaped (characters XML 1.0 cannot carry are
/// replaced by U+FFFD).
public struct JUnitReport: Sendable {
    /// The name of the whole run (`leeway check`).
    public var name: String
    public var suites: [JUnitSuite]

    public init(name: String, suites: [JUnitSuite] = []) {
        self.name = name
        self.suites = suites
    }

    public var tests: Int { suites.reduce(0) { $0 + $1.tests } }
    public var failures: Int { suites.reduce(0) { $0 + $1.failures } }
    public var errors: Int { suites.reduce(0) { $0 + $1.errors } }
    public var skipped: Int { suites.reduce(0) { $0 + $1.skipped } }

    /// The report as an XML document (UTF-8, pretty-printed, ending with a newline).
    public func xml() -> String {
        let root = XMLElement(name: "testsuites")
        JUnitReport.set(root, [("name", name), ("tests", String(tests)), ("failures", String(failures)),
                               ("errors", String(errors)), ("skipped", String(skipped))])
        for suite in suites { root.addChild(suite.element()) }
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        var text = document.xmlString(options: [.nodePrettyPrint])
        if !text.hasSuffix("\n") { text += "\n" }
        JUnitReport.keepAlive(document)
        return text
    }

    /// FoundationXML on Linux can crash (SIGSEGV) or spin forever in `xmlFreeNode` while
    /// freeing an element tree built with `addChild`. A run builds a report once or twice,
    /// so the documents are kept until the process ends instead of being freed.
    private static func keepAlive(_ document: XMLDocument) {
        retained.lock.lock()
        retained.documents.append(document)
        retained.lock.unlock()
    }

    private final class Retained: @unchecked Sendable {
        let lock = NSLock()
        var documents: [XMLDocument] = []
    }

    private static let retained = Retained()

    static func set(_ element: XMLElement, _ attributes: [(String, String?)]) {
        for case let (name, value?) in attributes {
            element.addAttribute(XMLNode.attribute(withName: name, stringValue: xmlSafe(value)) as! XMLNode)
        }
    }

    static func textElement(_ name: String, _ text: String?, attributes: [(String, String?)] = []) -> XMLElement {
        let element = XMLElement(name: name)
        set(element, attributes)
        if let text, !text.isEmpty { element.addChild(XMLNode.text(withStringValue: xmlSafe(text)) as! XMLNode) }
        return element
    }

    /// Replaces characters XML 1.0 cannot carry, even escaped, with U+FFFD.
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

/// A `<testsuite>`: a policy file (`check`) or a case file (`test`).
public struct JUnitSuite: Sendable {
    public var name: String
    /// The file the suite is about, when it is one (`file` attribute, read by GitLab).
    public var file: String?
    public var cases: [JUnitCase]
    /// Output of the suite as a whole (`<system-out>`).
    public var output: String?

    public init(name: String, file: String? = nil, cases: [JUnitCase] = [], output: String? = nil) {
        self.name = name
        self.file = file
        self.cases = cases
        self.output = output
    }

    public var tests: Int { cases.count }
    public var failures: Int { cases.filter { !$0.failures.isEmpty && $0.errors.isEmpty }.count }
    public var errors: Int { cases.filter { !$0.errors.isEmpty }.count }
    public var skipped: Int { cases.filter { $0.skipped != nil && $0.failures.isEmpty && $0.errors.isEmpty }.count }

    func element() -> XMLElement {
        let element = XMLElement(name: "testsuite")
        JUnitReport.set(element, [("name", name), ("tests", String(tests)), ("failures", String(failures)),
                                  ("errors", String(errors)), ("skipped", String(skipped)), ("file", file)])
        for testCase in cases { element.addChild(testCase.element()) }
        if let output, !output.isEmpty { element.addChild(JUnitReport.textElement("system-out", output)) }
        return element
    }
}

/// A `<testcase>`: passed when it has no failures, errors, or skip reason.
public struct JUnitCase: Sendable {
    public var name: String
    /// Groups cases in CI views (Leeway uses the file path).
    public var classname: String
    public var file: String?
    public var line: Int?
    /// Seconds, when measured.
    public var time: Double?
    /// What went wrong: the thing tested does not hold (`<failure>`).
    public var failures: [JUnitProblem]
    /// The test could not run (`<error>`): its input was unusable.
    public var errors: [JUnitProblem]
    /// Why the case did not run (`<skipped>`), or nil.
    public var skipped: String?
    /// Anything worth reading that is not a failure (`<system-out>`).
    public var output: String?

    public init(name: String, classname: String, file: String? = nil, line: Int? = nil, time: Double? = nil,
                failures: [JUnitProblem] = [], errors: [JUnitProblem] = [], skipped: String? = nil, output: String? = nil) {
        self.name = name
        self.classname = classname
        self.file = file
        self.line = line
        self.time = time
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
        self.output = output
    }

    func element() -> XMLElement {
        let element = XMLElement(name: "testcase")
        JUnitReport.set(element, [("name", name), ("classname", classname), ("file", file),
                                  ("line", line.map(String.init)), ("time", time.map { String(format: "%.3f", $0) })])
        for problem in errors { element.addChild(problem.element("error")) }
        for problem in failures { element.addChild(problem.element("failure")) }
        if let skipped, failures.isEmpty, errors.isEmpty {
            element.addChild(JUnitReport.textElement("skipped", nil, attributes: [("message", skipped)]))
        }
        if let output, !output.isEmpty { element.addChild(JUnitReport.textElement("system-out", output)) }
        return element
    }
}

/// A `<failure>` or `<error>`: a one-line `message`, a `type`, and the details as text.
public struct JUnitProblem: Sendable {
    public var message: String
    public var type: String
    public var text: String

    public init(message: String, type: String, text: String = "") {
        self.message = message
        self.type = type
        self.text = text
    }

    func element(_ name: String) -> XMLElement {
        JUnitReport.textElement(name, text, attributes: [("message", message), ("type", type)])
    }
}
