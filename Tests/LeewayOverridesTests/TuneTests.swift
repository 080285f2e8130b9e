import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides
import Testing

/// `leeway tune` (docs/tune.md): levers, the one-pass tally, the frontier, the
/// recommendation and its proof by replay.
@Suite struct TuneTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samplePolicy = root.appendingPathComponent("policies/acme-field-service.yaml").path
    static let sampleHistory = root.appendingPathComponent("examples/tune/.acme-history.jsonl").path

    static func load(_ path: String) throws -> (CompiledPolicy, String) {
        let loaded = PolicyLoader.load(path: path)
        let policy = try #require(loaded.policy)
        return (CompiledPolicy(policy), try #require(loaded.file).text)
    }

    static func tune(_ path: String, _ history: [String], _ options: Tune.Options = Tune.Options()) throws -> (Tune.Result, CompiledPolicy) {
        let (compiled, text) = try load(path)
        switch Tune.run(compiled, text: text, history: history, options: options) {
        case .success(let result): return (result, compiled)
        case .failure(let failure):
            Issue.record("tune failed: \(failure.findings.map { $0.message.render() })")
            throw failure
        }
    }

    /// A plain replay, independent of the tally: every case evaluated with `Engine.evaluate`
    /// under `policy`, wants allowed and money newly allowed against `baseline`.
    static func plainReplay(_ text: String, path: String, baseline: CompiledPolicy, history: [String]) throws -> (firstContact: Int, allowed: Int, cost: Decimal) {
        let loaded = PolicyLoader.load(text: text, path: path)
        #expect(loaded.findings.filter { $0.severity == .error }.isEmpty)
        let patched = CompiledPolicy(try #require(loaded.policy))
        var firstContact = 0, allowed = 0
        var cost: Decimal = 0
        let oldLedger = CustomerLedger(), newLedger = CustomerLedger()
        _ = CaseCorpus.read(history) { source in
            guard case .success(let before) = Engine.evaluate(source, with: baseline, tracing: false, ledger: oldLedger),
                  case .success(let after) = Engine.evaluate(source, with: patched, tracing: false, ledger: newLedger) else { return }
            if after.resolution.firstContact { firstContact += 1 }
            for (old, new) in zip(before.decisions, after.decisions) where new.outcome == .allowed {
                allowed += 1
                let want = after.input.wants[Int(new.want)]
                if old.outcome != .allowed, patched.actions[Int(want.action)].measure == .money, want.hasAmount { cost += want.decimal }
            }
        }
        return (firstContact, allowed, cost)
    }

    @Test func sampleRecommendationIsProvedByItsReplay() throws {
        let (result, _) = try Self.tune(Self.samplePolicy, [Self.sampleHistory])
        #expect(result.recommended > 0, "the sample has something to gain")
        #expect(result.replay == result.predicted, "replay \(result.replay) differs from the frontier's \(result.predicted)")
        #expect(result.verified)
        #expect(result.replay.firstContact > result.baseline.firstContact)
        #expect(result.patchedText != result.originalText)
        #expect(!result.changes.isEmpty)
    }

    @Test func everyFrontierPointOfTheSampleEqualsItsReplay() throws {
        let (result, compiled) = try Self.tune(Self.samplePolicy, [Self.sampleHistory])
        #expect(result.frontier.count >= 4)
        for point in result.frontier {
            let replay = try #require(TuneReplay.replay(point.settings, result: result, compiled: compiled, history: [Self.sampleHistory]))
            #expect(replay == point.measures, "point at \(point.measures.cost): tally \(point.measures), replay \(replay)")
        }
    }

    @Test func frontierIsMonotoneAndItsLastPointIsAPlainReplayAtTheLargestAmounts() throws {
        let folder = try Workload.write(cases: 3_000)
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = folder.appendingPathComponent("policy.yaml").path
        let history = [folder.appendingPathComponent("cases.jsonl").path]
        let (result, compiled) = try Self.tune(policy, history)
        // More spend never lowers the best first-contact rate.
        for (a, b) in zip(result.frontier, result.frontier.dropFirst()) {
            #expect(b.measures.cost >= a.measures.cost)
            #expect(b.measures.firstContact >= a.measures.firstContact)
        }
        let last = try #require(result.frontier.last)
        #expect(last.ceiling)
        // Every lever at the largest amount the history asks of it.
        for (index, lever) in result.levers.enumerated() {
            #expect(last.settings[index] == max(lever.current, lever.largest))
        }
        #expect(result.levers.filter { $0.kind == .limit }.count == 8, "every approval-free grant with an `up-to` is a lever")
        let (_, edits) = Tune.patch(last.settings, levers: result.levers, compiled: compiled, text: result.originalText)
        let text = try TextEdit.apply(edits, to: result.originalText)
        let plain = try Self.plainReplay(text, path: policy, baseline: compiled, history: history)
        #expect(plain.firstContact == last.measures.firstContact)
        #expect(plain.allowed == last.measures.wantsAllowed)
        #expect(plain.cost == FixedPoint.decimal(last.measures.cost))
        #expect(result.replay == result.predicted)
    }

    @Test func recommendationsForABudgetAndATarget() throws {
        var options = Tune.Options()
        options.budget = "300"
        let (withinBudget, _) = try Self.tune(Self.samplePolicy, [Self.sampleHistory], options)
        #expect(withinBudget.point.measures.cost <= 300 * FixedPoint.scale)
        #expect(withinBudget.frontier.allSatisfy { $0.measures.cost > 300 * FixedPoint.scale || $0.measures.firstContact <= withinBudget.point.measures.firstContact })
        #expect(withinBudget.verified)

        options = Tune.Options()
        options.targetFCR = "40%"
        let (target, _) = try Self.tune(Self.samplePolicy, [Self.sampleHistory], options)
        #expect(target.point.measures.rate >= 0.4)
        #expect(!target.unreachable)
        let cheaper = target.frontier.filter { $0.measures.cost < target.point.measures.cost }
        #expect(cheaper.allSatisfy { $0.measures.rate < 0.4 })

        options.targetFCR = "99"
        let (unreachable, _) = try Self.tune(Self.samplePolicy, [Self.sampleHistory], options)
        #expect(unreachable.unreachable)
        #expect(unreachable.point.measures.firstContact == unreachable.frontier.last!.measures.firstContact)
    }

    @Test func thePatchEditsOnlyTheLeversAndLoads() throws {
        let (result, _) = try Self.tune(Self.samplePolicy, [Self.sampleHistory])
        let loaded = PolicyLoader.load(text: result.patchedText, path: "patched.yaml")
        #expect(loaded.findings.filter { $0.severity == .error }.isEmpty)
        let diff = UnifiedDiff.make(old: result.originalText, new: result.patchedText, path: "policies/acme-field-service.yaml")
        let removed = diff.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
        // Only the raised `up-to` line goes; budgets and own limits are added.
        #expect(removed.allSatisfy { $0.contains("up-to:") }, "\(removed)")
        #expect(result.patchedText.contains("discretion:"))
    }

    @Test func neverActionsLockedFactsAndConditionsAreLeftAlone() throws {
        let policy = try compile("""
        leeway: 1
        policy: locked
        currency: EUR
        roles:
          agent: { customer-facing: true }
          lead: { reachable-within: 1h }
        facts:
          extraordinary: { type: bool, locked: true }
        actions:
          compensate:
            measure: money
            grants:
              - { role: agent, up-to: 250 EUR, approval: { by: lead, within: 1h }, when: { extraordinary: false } }
          waive:
            measure: none
            never: true
        """)
        let (levers, problems) = TuneLevers.find(policy, roles: [], actions: [], argumentsFile: "policy.yaml")
        #expect(problems.isEmpty)
        #expect(levers.map(\.kind) == [.ownLimit, .discretion])
        #expect(!levers.contains { $0.action == "waive" })
        let text = policy.policy.file.text
        let (_, edits) = Tune.patch([100 * FixedPoint.scale, 20 * FixedPoint.scale], levers: levers, compiled: policy, text: text)
        let patched = try TextEdit.apply(edits, to: text)
        #expect(patched.contains("- { role: agent, up-to: 100 EUR, when: { extraordinary: false } }"))
        #expect(patched.contains("- { role: agent, up-to: 250 EUR, approval: { by: lead, within: 1h }, when: { extraordinary: false } }"))
        #expect(patched.contains("- { role: agent, up-to: 20 EUR, per: case, review: after-the-fact }"))
    }

    @Test func badInputIsLocated() throws {
        let (compiled, text) = try Self.load(Self.samplePolicy)
        func problems(_ options: Tune.Options, history: [String] = [Self.sampleHistory]) -> [Finding] {
            if case .failure(let failure) = Tune.run(compiled, text: text, history: history, options: options) { return failure.findings }
            return []
        }
        var options = Tune.Options()
        options.roles = ["agnt"]
        let role = problems(options)
        #expect(role.map(\.message.key) == ["tune.unknown-role"])
        #expect(role.first?.help?.arguments["name"] == "agent")
        #expect(role.first?.location.position?.line == 15)

        options = Tune.Options()
        options.roles = ["supervisor"]
        #expect(problems(options).map(\.message.key) == ["tune.role-not-facing"])

        options = Tune.Options()
        options.budget = "50 EUR"
        let currency = problems(options)
        #expect(currency.map(\.message.key) == ["tune.budget-currency"])
        #expect(currency.first?.location.position?.line == 13)

        options = Tune.Options()
        options.targetFCR = "150"
        #expect(problems(options).map(\.message.key) == ["tune.target-invalid"])

        let other = Self.root.appendingPathComponent("examples/cases/brightline.yaml").path
        #expect(problems(Tune.Options(), history: [other]).map(\.message.key) == ["tune.no-cases"])

        options = Tune.Options()
        options.roles = ["technician"]
        options.actions = ["reschedule-visit"]
        #expect(problems(options).map(\.message.key) == ["tune.no-levers-matching"])
    }
}

/// A generated workload shaped like the benchmark's (roles with approval-free grants and
/// approvals above them, a duration action, a prohibition), small enough for a unit test.
enum Workload {
    static let policy = """
    leeway: 1
    policy: tune-workload
    currency: USD
    roles:
      agent: { customer-facing: true }
      senior-agent: { customer-facing: true }
      team-lead: { customer-facing: true }
      supervisor: { reachable-within: 30m }
    facts:
      issue: { type: enum, values: [late-delivery, damaged-item, billing-error, other] }
      tier: { type: enum, values: [basic, vip] }
    actions:
      credit:
        measure: money
        grants:
          - { role: agent, up-to: 25 USD, when: { issue: [late-delivery, billing-error], tier: basic } }
          - { role: agent, up-to: 100 USD, when: { issue: [late-delivery, billing-error], tier: basic }, approval: { by: supervisor, within: 4h } }
          - { role: agent, up-to: 50 USD, when: { issue: [late-delivery, billing-error], tier: vip } }
          - { role: agent, up-to: 150 USD, when: { issue: [late-delivery, billing-error], tier: vip }, approval: { by: supervisor, within: 4h } }
          - { role: senior-agent, up-to: 100 USD, when: { issue: [late-delivery, billing-error, damaged-item] } }
          - { role: senior-agent, up-to: 300 USD, approval: { by: supervisor, within: 4h } }
          - { role: team-lead, up-to: 250 USD }
      refund:
        measure: money
        grants:
          - { role: agent, up-to: 40 USD, when: { issue: damaged-item } }
          - { role: agent, up-to: 200 USD, when: { issue: damaged-item }, approval: { by: supervisor, within: 4h } }
          - { role: senior-agent, up-to: 150 USD }
          - { role: team-lead, up-to: 400 USD }
        above-limit:
          approval: { by: supervisor, within: 1d }
      extension:
        measure: duration
        grants:
          - { role: agent, up-to: 7d, when: { issue: other } }
          - { role: senior-agent, up-to: 30d, approval: { by: supervisor, within: 4h } }
      payout:
        measure: money
        never: true
    processes:
      billing:
        when: { issue: billing-error }
        steps:
          - handoff: { to: supervisor, wait: 1h }
    """

    static func write(cases count: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-tune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(policy.utf8).write(to: folder.appendingPathComponent("policy.yaml"))
        var state: UInt64 = 0x15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let roles = ["agent", "senior-agent", "team-lead"]
        let issues = ["late-delivery", "damaged-item", "billing-error", "other"]
        let actions = ["credit", "refund", "extension", "payout"]
        var lines: [String] = []
        for index in 0..<count {
            var wants: [String] = []
            for _ in 0..<(next(5) == 0 ? 2 : 1) {
                let action = actions[next(9) == 0 ? 3 : next(3)]
                let amount = action == "extension" ? "\(1 + next(40))d" : String(format: "%d.%02d USD", 1 + next(400), next(100))
                wants.append("{\"action\":\"\(action)\",\"amount\":\"\(amount)\"}")
            }
            lines.append("{\"leeway\":1,\"case\":\"W-\(index)\",\"policy\":\"tune-workload\",\"handled-by\":\"\(roles[next(3)])\","
                         + "\"facts\":{\"issue\":\"\(issues[next(4)])\",\"tier\":\"\(next(2) == 0 ? "basic" : "vip")\"},"
                         + "\"wants\":[\(wants.joined(separator: ","))]}")
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("cases.jsonl"))
        return folder
    }
}
