import Foundation
import LeewayCore
import LeewayEngine
import Testing

/// Language 1.1 part 2, conditions: strict bounds, conditional escalation, closed channels.
@Suite struct StrictBoundTests {
    static let policy = """
    leeway: 1
    policy: bounds
    currency: USD
    roles:
      agent: { customer-facing: true }
      lead: { reachable-within: 10m }
    facts:
      delay: { type: duration }
      order-value: { type: money }
      contacts-made: { type: count }
      storm: { type: bool }
    actions:
      refund:
        measure: none
        grants:
          - { role: agent, when: { delay: { above: 3h } } }
      voucher:
        measure: none
        grants:
          - { role: agent, when: { order-value: { above: 10 USD, below: 100 USD } } }
      callback:
        measure: none
        grants:
          - { role: agent, when: { contacts-made: { below: 3, min: 1 } } }
      credit:
        measure: money
        grants:
          - { role: agent, up-to: 20 USD }
        above-limit:
          approval: { by: lead, within: 2d }
          when: { storm: false }
    channels: { phone: open, social: closed }
    """

    func outcome(_ action: String, _ facts: String, amount: String? = nil) throws -> Outcome? {
        let policy = try compile(Self.policy)
        let want = amount.map { "[ { action: \(action), amount: \($0) } ]" } ?? "[ { action: \(action) } ]"
        return try evaluate(caseText("agent", facts: facts, wants: want), policy).outcome(action)
    }

    @Test func aboveIsStrict() throws {
        #expect(try outcome("refund", "{ delay: 3h }") == .blocked)
        #expect(try outcome("refund", "{ delay: 3h1s }") == .allowed)
        #expect(try outcome("refund", "{ delay: 2h59m59s }") == .blocked)
        #expect(try outcome("refund", "{}") == .blocked, "a missing fact does not hold")
    }

    @Test func belowIsStrictAndMoneyBoundsAreExact() throws {
        #expect(try outcome("voucher", "{ order-value: 10 USD }") == .blocked)
        #expect(try outcome("voucher", "{ order-value: 10.01 USD }") == .allowed)
        #expect(try outcome("voucher", "{ order-value: 99.99 USD }") == .allowed)
        #expect(try outcome("voucher", "{ order-value: 100 USD }") == .blocked)
        #expect(try outcome("voucher", "{ order-value: 10.00001 USD }") == .allowed, "exact decimals past fixed point")
    }

    @Test func strictAndInclusiveCombine() throws {
        #expect(try outcome("callback", "{ contacts-made: 0 }") == .blocked)
        #expect(try outcome("callback", "{ contacts-made: 1 }") == .allowed)
        #expect(try outcome("callback", "{ contacts-made: 2 }") == .allowed)
        #expect(try outcome("callback", "{ contacts-made: 3 }") == .blocked)
    }

    @Test func theFastPathAgreesAtTheBounds() throws {
        let policy = try compile(Self.policy)
        var lines: [String] = []
        for (index, delay) in ["3h", "3h1s", "10799s", "0", "1bd"].enumerated() {
            lines.append(#"{"case":"D-\#(index)","handled-by":"agent","facts":{"delay":"\#(delay)"},"wants":[{"action":"refund"}]}"#)
        }
        for (index, value) in ["10 USD", "10.01 USD", "100 USD", "99.99 USD"].enumerated() {
            lines.append(#"{"case":"V-\#(index)","handled-by":"agent","facts":{"order-value":"\#(value)"},"wants":[{"action":"voucher"}]}"#)
        }
        for count in 0...3 {
            lines.append(#"{"case":"C-\#(count)","handled-by":"agent","channel":"social","facts":{"contacts-made":\#(count)},"wants":[{"action":"callback"}]}"#)
        }
        try expectFastPathAgrees(lines, policy: policy)
    }

    @Test func aboveLimitWhenIsAnExemption() throws {
        #expect(try outcome("credit", "{ storm: false }", amount: "50 USD") == .needsApproval)
        #expect(try outcome("credit", "{ storm: true }", amount: "50 USD") == .blocked, "no payment approval in a storm")
        #expect(try outcome("credit", "{}", amount: "50 USD") == .blocked, "a missing fact does not hold")
        let policy = try compile(Self.policy)
        let result = try evaluate(caseText("agent", facts: "{ storm: true }", wants: "[ { action: credit, amount: 50 USD } ]"), policy)
        let step = try #require(result.trace.first { $0.kind == .aboveLimit })
        let sentence = Explanation(policy: policy, language: .en).sentence(step, input: result.input)
        #expect(sentence.contains("does not apply to this case"), "\(sentence)")
    }

    @Test func aClosedChannelIsNotedAndDecisionsAreUnchanged() throws {
        let policy = try compile(Self.policy)
        let text = """
        leeway: 1
        case: S-1
        handled-by: agent
        channel: social
        facts: { delay: 4h }
        wants: [ { action: refund } ]
        """
        let result = try evaluate(text, policy)
        #expect(result.outcome("refund") == .allowed)
        #expect(result.notes.map(\.kind) == [.closedChannel])
        let notes = try #require(try result.json()["notes"] as? [[String: Any]])
        #expect(notes.first?["message"] as? String == "the customer reached us on `social`, which this policy says is closed: answer them here, and reopen it")
        let open = try evaluate(text.replacingOccurrences(of: "social", with: "phone"), policy)
        #expect(open.notes.isEmpty)
    }

    @Test func boundsThatCanNeverHoldAreAWarningAtTheirPlace() throws {
        let text = Self.policy.replacingOccurrences(of: "{ delay: { above: 3h } }", with: "{ delay: { above: 3h, max: 3h } }")
        let loaded = PolicyLoader.load(text: text, path: "p.yaml")
        let warning = try #require(loaded.findings.first { $0.message.key == "load.bounds-never-hold" })
        #expect(warning.severity == .warning)
        #expect(warning.location.line == 16)
        #expect(loaded.policy != nil, "the policy is still usable")
        let below = PolicyLoader.load(text: Self.policy.replacingOccurrences(of: "{ below: 3, min: 1 }", with: "{ below: 3, min: 3 }"), path: "p.yaml")
        #expect(below.findings.contains { $0.message.key == "load.bounds-never-hold" })
        let unknown = PolicyLoader.load(text: Self.policy.replacingOccurrences(of: "when: { storm: false }", with: "when: { stormy: false }"), path: "p.yaml")
        #expect(unknown.findings.contains { $0.message.key == "load.unknown-fact" && $0.location.line == 31 })
        #expect(unknown.policy == nil)
    }
}

/// Language 1.1: facts with several values (`type: enum, many: true`).
@Suite struct ManyFactTests {
    static let policy = """
    leeway: 1
    policy: energy
    roles:
      agent: { customer-facing: true }
    facts:
      issues: { type: enum, values: [late-payment, missed-appointment, outage, billing], many: true }
      tier: { type: enum, values: [basic, plus] }
    actions:
      apologise:
        measure: none
        grants:
          - { role: agent, when: { issues: missed-appointment } }
      credit:
        measure: none
        grants:
          - { role: agent, when: { issues: [outage, billing] } }
      waive:
        measure: none
        grants:
          - { role: agent, when: { issues: { not: late-payment } } }
    """

    func outcome(_ action: String, _ issues: String) throws -> Outcome? {
        let policy = try compile(Self.policy)
        return try evaluate(caseText("agent", facts: "{ issues: \(issues) }", wants: "[ { action: \(action) } ]"), policy).outcome(action)
    }

    @Test func aValueMatcherHoldsWhenTheListContainsIt() throws {
        #expect(try outcome("apologise", "[late-payment, missed-appointment]") == .allowed)
        #expect(try outcome("apologise", "[late-payment]") == .blocked)
        #expect(try outcome("apologise", "missed-appointment") == .allowed, "a single value is a list of one")
        #expect(try outcome("apologise", "[]") == .blocked)
    }

    @Test func aListMatcherHoldsWhenTheListsShareAValue() throws {
        #expect(try outcome("credit", "[late-payment, billing]") == .allowed)
        #expect(try outcome("credit", "[late-payment, missed-appointment]") == .blocked)
    }

    @Test func notHoldsWhenItsMatcherDoesNot() throws {
        #expect(try outcome("waive", "[outage]") == .allowed)
        #expect(try outcome("waive", "[outage, late-payment]") == .blocked)
    }

    @Test func theFastPathAgrees() throws {
        let policy = try compile(Self.policy)
        var lines: [String] = []
        for (index, issues) in [#"["late-payment","missed-appointment"]"#, #"["outage"]"#, #""billing""#, #"[]"#,
                                #"["late-payment"]"#, #"["billing","outage","late-payment"]"#].enumerated() {
            lines.append(#"{"case":"M-\#(index)","handled-by":"agent","facts":{"issues":\#(issues)},"wants":[{"action":"apologise"},{"action":"credit"},{"action":"waive"}]}"#)
        }
        try expectFastPathAgrees(lines, policy: policy)
    }

    @Test func badValuesAreLocatedErrors() throws {
        let policy = try compile(Self.policy)
        func errors(_ facts: String) -> [String] {
            let source = CaseLoader.load(text: caseText("agent", facts: facts, wants: "[ { action: credit } ]"), path: "c.yaml")
            guard let loaded = source.cases.first else { return source.findings.map(\.message.key) }
            return policy.policy.bind(loaded).1.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message.key)" }
        }
        #expect(errors("{ issues: [outage, outtage] }") == ["4:18 bind.unknown-fact-value"])
        #expect(errors("{ tier: [basic, plus] }") == ["4:16 bind.fact-not-many"])
        let many = PolicyLoader.load(text: Self.policy.replacingOccurrences(of: "tier: { type: enum, values: [basic, plus] }",
                                                                             with: "tier: { type: count, many: true }"), path: "p.yaml")
        #expect(many.findings.contains { $0.message.key == "load.many-needs-enum" })
    }
}
