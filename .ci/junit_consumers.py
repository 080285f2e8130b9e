"""JUnit reports as third-party readers take them (issue 18, item 7).

Usage: python3 .ci/junit_consumers.py REPORT.xml...

Each report is read by junitparser and by xunitparser (which asserts the root's totals
against the test cases it finds). Every test case has at most one result: xunitparser
and junit2html keep only the last `<failure>` of several, so Leeway writes one, whose
message is the first problem and whose text lists every one.
"""
import sys

import junitparser
import xunitparser


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
    print(f"{path}: {sum(1 for s in suites for _ in s)} test cases, {failing} failing, read alike by junitparser and xunitparser")


if __name__ == "__main__":
    for report in sys.argv[1:]:
        check(report)
