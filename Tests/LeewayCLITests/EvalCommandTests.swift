import Foundation
import Testing

@Suite struct EvalCommandTests {
    @Test func theSpecCasePrintsAClearVerdict() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("↑ issue-credit 40 USD — escalate to `supervisor`, within 15m"))
        #expect(run.stdout.contains("✗ reschedule-visit 1h — blocked"))
        #expect(run.stdout.contains("already waited 4h30m"))
        #expect(run.stdout.contains("verdict: not resolved at first contact"))
    }

    @Test func jsonMatchesSpecSection7() throws {
        let run = try CLI.run(["eval", "--format", "json", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.count == 1)
        let decisions = try #require(cases[0]["decisions"] as? [[String: Any]])
        #expect(decisions[0]["outcome"] as? String == "escalate")
        #expect(decisions[0]["by"] as? String == "supervisor")
        #expect(decisions[0]["within"] as? String == "15m")
        #expect(decisions[1]["outcome"] as? String == "blocked")
        let resolution = try #require(cases[0]["resolution"] as? [String: Any])
        #expect(resolution["time"] as? String == "15m")
        #expect(resolution["handoffs"] as? Int == 1)
        #expect(resolution["blocked"] as? Int == 1)
    }

    @Test func aCaseTypedOnTheShellIsEvaluated() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "--as", "agent", "--want", "issue-credit=20", "--want", "waive-late-fee",
                               "--fact", "issue=missed-appointment", "--channel", "chat", "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let decisions = try #require((object["cases"] as? [[String: Any]])?.first?["decisions"] as? [[String: Any]])
        #expect(decisions.map { $0["outcome"] as? String } == ["allowed", "blocked"])
        #expect(decisions[0]["amount"] as? String == "20 USD")
    }

    @Test func shellErrorsAreLocatedWithDidYouMean() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "--as", "agnet", "--want", "issue-credt=20", "--fact", "isue=outage"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("<command line>:1:6: error: unknown role `agnet`"))
        #expect(run.stderr.contains("did you mean `agent`?"))
        #expect(run.stderr.contains("unknown action `issue-credt`"))
        #expect(run.stderr.contains("did you mean `issue-credit`?"))
        #expect(run.stderr.contains("did you mean `issue`?"))
        let spanish = try CLI.run(["eval", "--lang", "es", "policies/acme-field-service.yaml", "--as", "agnet", "--want", "issue-credit=20"])
        #expect(spanish.stderr.contains("<línea de comandos>:1:6: error: rol desconocido `agnet`"), "\(spanish.stderr)")
        #expect(run.stderr.contains("--as agnet --want issue-credt=20 --fact isue=outage"))
    }

    @Test func aBadAmountOnTheShellIsLocated() throws {
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "--as", "agent", "--want", "issue-credit=forty"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("<command line>:1:32: error: `forty` is not an amount of money"))
    }

    @Test func jsonLinesStreamInOrderWithASummaryAndBadLinesSkipped() throws {
        let directory = try CLI.temporaryDirectory()
        let lines = [
            #"{"case":"a","policy":"acme-field-service","handled-by":"agent","facts":{"issue":"late-arrival"},"wants":[{"action":"issue-credit","amount":"20 USD"}]}"#,
            #"{"case":"b","handled-by":"agent","facts":{"issue":"late-arival"},"wants":[{"action":"issue-credit","amount":"20 USD"}]}"#,
            #"{"case":"c","handled-by":"agent","wants":[{"action":"issue-credit","amount":"40 USD"}]}"#,
        ]
        let file = directory.appendingPathComponent("cases.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["eval", "--format", "jsonl", "policies/acme-field-service.yaml", file.path])
        #expect(run.status == 2)
        let out = run.stdout.split(separator: "\n")
        #expect(out.count == 2)
        #expect(out[0].hasPrefix(#"{"case":"a","policy":"acme-field-service","handledBy":"agent","decisions":[{"action":"issue-credit","amount":"20 USD","outcome":"allowed"}]"#))
        #expect(out[1].contains(#""outcome":"escalate","by":"supervisor","within":"15m""#))
        #expect(!out[0].contains("trace"))
        #expect(run.stderr.contains("cases.jsonl:2:"))
        #expect(run.stderr.contains("did you mean `late-arrival`?"))
        #expect(run.stderr.contains("2 cases: 1 allowed, 0 needs-approval, 1 escalate, 0 blocked; first contact 50%"))
        #expect(run.stderr.contains("1 invalid case skipped"))
    }

    @Test func explainAddsTheTraceToJSONLines() throws {
        let line = #"{"case":"a","handled-by":"agent","facts":{"issue":"late-arrival"},"wants":[{"action":"issue-credit","amount":"40 USD"}]}"#
        let run = try CLI.run(["eval", "--format", "jsonl", "--explain", "policies/acme-field-service.yaml", "-"], stdin: line + "\n")
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let trace = (object["decisions"] as? [[String: Any]])?.first?["trace"] as? [[String: Any]]
        #expect(trace?.isEmpty == false)
    }

    @Test func yamlOnStandardInput() throws {
        let text = try String(contentsOf: CLI.root.appendingPathComponent("examples/cases/acme-more.yaml"), encoding: .utf8)
        let run = try CLI.run(["eval", "policies/acme-field-service.yaml", "-"], stdin: text)
        #expect(run.status == 0)
        #expect(run.stdout.contains("C-1043"))
        #expect(run.stdout.contains("C-1045"))
        #expect(run.stdout.contains("3 cases:"))
    }

    @Test func anInvalidPolicyOrNoCasesExitsTwo() throws {
        let directory = try CLI.temporaryDirectory()
        let policy = directory.appendingPathComponent("broken.yaml")
        try "leeway: 1\npolicy: broken\nroles:\n  agent: { customer-facing: true }\n  supervisor: {}\nactions:\n  refund:\n    measure: money\n    grants:\n      - { role: supervisr, up-to: 50 USD }\n"
            .write(to: policy, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["eval", policy.path, "examples/cases/acme-more.yaml"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("did you mean `supervisor`?"))
        let none = try CLI.run(["eval", "policies/acme-field-service.yaml"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no cases to evaluate"))
        let format = try CLI.run(["eval", "--format", "sarif", "policies/acme-field-service.yaml", "examples/cases/acme-more.yaml"])
        #expect(format.status == 2)
    }

    @Test func spanishOutput() throws {
        let run = try CLI.run(["eval", "--lang", "es", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("veredicto:"))
        #expect(run.stdout.contains("ya lleva 4h30m esperando"))
    }
}
