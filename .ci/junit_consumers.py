"""JUnit reports as third-party readers take them (issue 18, item 7).

Usage: python3 .ci/junit_consumers.py REPORT.xml...

Each report is read by junitparser, by xunitparser (which asserts the root's totals
against the test cases it finds) and by junit2html's parser (which renders the HTML page). Every test case has at most one result: xunitparser
and junit2html keep only the last `<failure>` of several, so Leeway writes one, whose
message is the first problem and whose text lists every one.
"""
import sys

import junitparser
import xunitparser
from junit2htmlreport import parser as junit2html


def check(path):
    xml = junitparser.JUnitXml.fromfile(path)
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    failing = 0
    for suite in suites:
        for case in suite:
            results = list(case.result)
            assert len(results) <= 1, f"{path}: {case.classname}.{case.name} has {len(results)} results"
            assert case.time is not None, f"{path}: {case.name} has no time"
            if results and isinstance(results[0], (junitparser.Failure, junitparser.Error)):
                failing += 1
                assert results[0].message, f"{path}: {case.name}: a failure says what failed"
    # xunitparser checks `tests`, `failures` and `errors` on <testsuites> against the cases.
    with open(path, "rb") as handle:
        _, result = xunitparser.parse(handle)
    read = len(result.failures) + len(result.errors)
    assert read == failing, f"{path}: xunitparser read {read} failing cases, junitparser {failing}"
    # junit2html keeps one outcome per case: the failure it shows is the first problem.
    report = junit2html.Junit(path)
    shown = [case for suite in report.suites for kind in suite.classes.values() for case in kind.cases]
    bad = [case for case in shown if case.outcome() in ("failed", "error")]
    assert len(bad) == failing, f"{path}: junit2html shows {len(bad)} failing cases, junitparser {failing}"
    for case in bad:
        assert case.failure_msg, f"{path}: junit2html shows no message for {case.name}"
    print(f"{path}: {len(shown)} test cases, {failing} failing, read alike by junitparser, xunitparser and junit2html")


if __name__ == "__main__":
    for report in sys.argv[1:]:
        check(report)
