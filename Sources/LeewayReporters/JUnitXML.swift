/// A JUnit XML report, as Jenkins, GitLab and most CI systems read it: suites of test
/// cases, each passed, failed, in error, or skipped. `leeway check` writes a suite per
/// policy file and a case per rule; `leeway test` a suite per case file and a case per
/// customer case.
///
/// ``xml()`` serializes it with ``XMLWriter``: one declaration, every element closed,
/// text and attributes escaped (characters XML 1.0 cannot carry are replaced by U+FFFD).
/// It writes only what the Jenkins xUnit plugin's `junit-10.xsd` allows: no `skipped` on
/// `<testsuites>`, no `file` or `line` on `<testcase>` (the location is in the failure's
/// message and text), at most one `<failure>` or `<error>` per test case (readers such as
/// xunitparser and junit2html keep only the last), and `time` in seconds (`0.004`).
public struct JUnitReport: Sendable {
    /// The name of the whole run (`leeway check`).
    public var name: String
    public var suites: [JUnitSuite]
    /// The run's wall-clock time in seconds, when measured; else the suites' sum.
    public var time: Double?

    public init(name: String, suites: [JUnitSuite] = [], time: Double? = nil) {
        self.name = name
        self.suites = suites
        self.time = time
    }

    public var tests: Int { suites.reduce(0) { $0 + $1.tests } }
    public var failures: Int { suites.reduce(0) { $0 + $1.failures } }
    public var errors: Int { suites.reduce(0) { $0 + $1.errors } }
    public var skipped: Int { suites.reduce(0) { $0 + $1.skipped } }

    /// The report as an XML document (UTF-8, indented, ending with a newline).
    public func xml() -> String {
        element().document()
    }

    public func element() -> XMLWriter.Element {
        var root = JUnitReport.rootElement(name: name, tests: tests, failures: failures, errors: errors,
                                           time: time ?? suites.reduce(0) { $0 + $1.time })
        root.children = suites.map { $0.element() }
        return root
    }

    /// `<testsuites>` without its suites (a streamed report writes them one by one).
    public static func rootElement(name: String, tests: Int, failures: Int, errors: Int, time: Double) -> XMLWriter.Element {
        XMLWriter.Element("testsuites", [("name", name), ("tests", String(tests)), ("failures", String(failures)),
                                         ("errors", String(errors)), ("time", JUnitReport.seconds(time))])
    }

    /// Seconds as JUnit writes them (`0.004`): digits, a point, three decimals.
    static func seconds(_ value: Double) -> String {
        let millis = Int((max(0, value) * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
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
    public var failures: Int { cases.filter { $0.failure != nil && $0.error == nil }.count }
    public var errors: Int { cases.filter { $0.error != nil }.count }
    public var skipped: Int { cases.filter { $0.skipped != nil && $0.failure == nil && $0.error == nil }.count }
    public var time: Double { cases.reduce(0) { $0 + ($1.time ?? 0) } }

    public func element() -> XMLWriter.Element {
        var children = cases.map { $0.element() }
        if let output, !output.isEmpty { children.append(XMLWriter.Element("system-out", text: output)) }
        return XMLWriter.Element("testsuite", [("name", name), ("tests", String(tests)), ("failures", String(failures)),
                                               ("errors", String(errors)), ("skipped", String(skipped)),
                                               ("time", JUnitReport.seconds(time)), ("file", file)],
                                 children: children)
    }
}

/// A `<testcase>`: passed when it has no failure, error, or skip reason.
public struct JUnitCase: Sendable {
    public var name: String
    /// Groups cases in CI views: the file's path in dots, without extension
    /// (`policies.acme-field-service`), for `check` and `test` alike.
    public var classname: String
    /// Seconds, when measured (0 otherwise).
    public var time: Double?
    /// What went wrong: the thing tested does not hold (`<failure>`); one per case, its
    /// message the first problem and its text every one.
    public var failure: JUnitProblem?
    /// The test could not run (`<error>`): its input was unusable.
    public var error: JUnitProblem?
    /// Why the case did not run (`<skipped>`), or nil.
    public var skipped: String?
    /// Anything worth reading that is not a failure (`<system-out>`).
    public var output: String?

    public init(name: String, classname: String, time: Double? = nil, failure: JUnitProblem? = nil,
                error: JUnitProblem? = nil, skipped: String? = nil, output: String? = nil) {
        self.name = name
        self.classname = classname
        self.time = time
        self.failure = failure
        self.error = error
        self.skipped = skipped
        self.output = output
    }

    func element() -> XMLWriter.Element {
        var children: [XMLWriter.Element] = []
        // An error (the test could not run) says more than a failure: one of them, never both.
        if let error {
            children.append(error.element("error"))
        } else if let failure {
            children.append(failure.element("failure"))
        } else if let skipped {
            children.append(XMLWriter.Element("skipped", [("message", skipped)]))
        }
        if let output, !output.isEmpty { children.append(XMLWriter.Element("system-out", text: output)) }
        return XMLWriter.Element("testcase", [("name", name), ("classname", classname), ("time", JUnitReport.seconds(time ?? 0))],
                                 children: children)
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

    /// Several problems of one test case as one: the first's message with how many more,
    /// and every text in turn (`more` renders "(and N more)" in the report's language).
    public static func merged(_ problems: [JUnitProblem], more: (Int) -> String) -> JUnitProblem? {
        guard let first = problems.first else { return nil }
        guard problems.count > 1 else { return first }
        return JUnitProblem(message: first.message + " " + more(problems.count - 1), type: first.type,
                            text: problems.map { [$0.message, $0.text].filter { !$0.isEmpty }.joined(separator: "\n") }.joined(separator: "\n"))
    }

    func element(_ name: String) -> XMLWriter.Element {
        XMLWriter.Element(name, [("message", message), ("type", type)], text: text)
    }
}
