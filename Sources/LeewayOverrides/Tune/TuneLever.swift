import Foundation
import LeewayCore
import LeewayEngine

/// One limit `leeway tune` may move (docs/tune.md): the `up-to` of an approval-free
/// grant, a new approval-free grant before a role's approval grant, or a role's
/// discretion budget per case. Amounts are fixed point (`FixedPoint`), in the policy's
/// currency; levers only ever raise.
public struct TuneLever: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Raise the `up-to` of an approval-free grant.
        case limit = "raise-limit"
        /// Add an approval-free grant right before the role's approval grant (keeping its
        /// `when` and `at-least`): the approval is then needed only above it.
        case ownLimit = "own-limit"
        /// Raise the role's discretion budget per case, or add one.
        case discretion
    }

    public var kind: Kind
    /// What the amounts measure: money (fixed point), a duration (seconds) or a count.
    public var measure: Measure = .money
    public var role: String
    /// The action (nil for a discretion budget, which serves every money action).
    public var action: String?
    /// The grant's index in the compiled policy (`limit`: the grant raised; `ownLimit`:
    /// the approval grant the new one goes before); -1 for discretion.
    public var grant: Int
    /// The `discretion` entry raised (its index), or -1 when a budget is added.
    public var budget: Int
    /// The current limit (fixed point), or -1 when there is none yet.
    public var current: Int64
    /// The current limit as the policy writes it (`25 USD`, bare `25`), when there is one.
    public var written: String?
    /// Where the lever is in the policy (the grant, the budget, or `discretion:`).
    public var location: SourceLocation
    /// The largest amount the history asks of this lever (fixed point; -1: none).
    public var largest: Int64 = -1
    /// How many distinct amounts the history offers this lever above `current`.
    public var candidates = 0
    /// `ownLimit`: the role that approves today.
    public var approver: String?

    /// A short name for reports: `agent issue-credit up-to`, `agent discretion`.
    public var name: String {
        switch kind {
        case .limit: return "\(role) \(action ?? "") up-to"
        case .ownLimit: return "\(role) \(action ?? "") own up-to"
        case .discretion: return "\(role) discretion"
        }
    }
}

/// Finds the levers of a policy (docs/tune.md), narrowed by `--role` and `--action`.
public enum TuneLevers {
    /// The levers, in policy order (grants by action and position, then budgets by role),
    /// and the customer-facing roles whose cases they touch. Roles with a budget counted over
    /// time (`per:` other than `case`) or written as an amount rule are left alone: what they
    /// may spend depends on other cases. `problems` are located input errors (exit 2):
    /// a `--role` or `--action` the policy does not have, or levers that match nothing.
    public static func find(_ compiled: CompiledPolicy, roles: [String], actions: [String],
                            argumentsFile: String) -> (levers: [TuneLever], problems: [Finding]) {
        let policy = compiled.policy
        var problems: [Finding] = []
        let file = policy.file.path
        let policyLocation = SourceLocation(file: file, position: policy.location.position)
        let rolesLocation = policy.root.pair("roles").map { SourceLocation(file: file, position: $0.key.start) } ?? policyLocation
        let actionsLocation = policy.root.pair("actions").map { SourceLocation(file: file, position: $0.key.start) } ?? policyLocation
        let currency = policy.currency?.value
        func argumentError(_ key: String, _ arguments: [String: String], help: Message?, at location: SourceLocation) {
            problems.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: location,
                                    message: Message(key, arguments), help: help))
        }
        let facing = policy.roles.filter(\.customerFacing).map(\.name)
        for role in roles where !facing.contains(role) {
            let known = policy.roles.contains { $0.name == role }
            let hint = Suggest.closest(to: role, in: facing)
            argumentError(known ? "tune.role-not-facing" : "tune.unknown-role", ["role": role, "roles": facing.map { "`\($0)`" }.joined(separator: ", ")],
                          help: hint.map { Message("tune.did-you-mean", ["name": $0]) } ?? Message("tune.roles-help", ["roles": facing.map { "`\($0)`" }.joined(separator: ", ")]),
                          at: policy.roles.first { $0.name == role }?.location ?? rolesLocation)
        }
        let moneyActions = policy.actions.filter { $0.measure != .none && !$0.isNever }.map(\.name)
        for action in actions where !moneyActions.contains(action) {
            let known = policy.actions.first { $0.name == action }
            let hint = Suggest.closest(to: action, in: moneyActions)
            let key = known == nil ? "tune.unknown-action" : (known!.isNever ? "tune.action-never" : "tune.action-not-money")
            argumentError(key, ["action": action],
                          help: hint.map { Message("tune.did-you-mean", ["name": $0]) } ?? Message("tune.actions-help", ["actions": moneyActions.map { "`\($0)`" }.joined(separator: ", ")]),
                          at: known?.location ?? actionsLocation)
        }
        guard problems.isEmpty else { return ([], problems) }

        let chosenRoles = Set(roles.isEmpty ? facing : roles).intersection(Set(tunableRoles(compiled)))
        var levers: [TuneLever] = []
        for (actionIndex, action) in policy.actions.enumerated() where action.measure != .none && !action.isNever {
            guard actions.isEmpty || actions.contains(action.name) else { continue }
            guard action.grants.allSatisfy({ $0.upTo == nil || $0.upTo?.value.measure == action.measure }) else { continue }
            let range = compiled.grantRange(ofAction: actionIndex)
            for role in policy.roles.map(\.name) where chosenRoles.contains(role) {
                var own: [(Int, Grant)] = []
                for g in range {
                    let grant = compiled.sourceGrant(g)
                    if grant.role.value == role { own.append((g, grant)) }
                }
                let free = own.filter { $0.1.approval == nil }
                for (g, grant) in free {
                    // A grant without `up-to` has no limit to raise; an amount rule is the case's to set.
                    guard grant.upToRule == nil, grant.atLeastRule == nil, let upTo = grant.upTo,
                          let fixed = TuneLevers.fixed(upTo.value, currency: currency) else { continue }
                    levers.append(TuneLever(kind: .limit, measure: action.measure, role: role, action: action.name, grant: g, budget: -1,
                                            current: fixed, written: PolicyTextWritten.written(policy, upTo), location: grant.location))
                }
                if free.isEmpty, let (g, grant) = own.first(where: { $0.1.approval != nil }), grant.atLeastRule == nil {
                    var lever = TuneLever(kind: .ownLimit, measure: action.measure, role: role, action: action.name, grant: g, budget: -1,
                                          current: -1, written: nil, location: grant.location)
                    lever.approver = grant.approval?.by.value
                    levers.append(lever)
                }
            }
        }
        if actions.isEmpty, currency != nil || policy.discretion.isEmpty == false {
            for role in policy.roles.map(\.name) where chosenRoles.contains(role) {
                let entries = policy.discretion.enumerated().filter { $0.element.role.value == role }
                if let (index, entry) = entries.first, entries.count == 1, let fixed = FixedPoint.fixed(entry.upTo.value.amount),
                   entry.upTo.value.currency == (currency ?? entry.upTo.value.currency) {
                    levers.append(TuneLever(kind: .discretion, role: role, action: nil, grant: -1, budget: index, current: fixed,
                                            written: PolicyTextWritten.written(policy, entry.upTo), location: entry.location))
                } else if entries.isEmpty, currency != nil {
                    // Where the budget goes: `discretion:` when the policy has one, else the role.
                    let location = policy.root.pair("discretion").map { SourceLocation(file: file, position: $0.key.start) }
                        ?? policy.roles.first { $0.name == role }?.location ?? policyLocation
                    levers.append(TuneLever(kind: .discretion, role: role, action: nil, grant: -1, budget: -1, current: -1,
                                            written: nil, location: location))
                }
            }
        }
        if levers.isEmpty {
            var narrowing: [String] = []
            if !roles.isEmpty { narrowing.append(roles.map { "--role \($0)" }.joined(separator: " ")) }
            if !actions.isEmpty { narrowing.append(actions.map { "--action \($0)" }.joined(separator: " ")) }
            problems.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: policyLocation,
                                    message: Message(narrowing.isEmpty ? "tune.no-levers" : "tune.no-levers-matching",
                                                     ["policy": policy.id.value, "narrowing": narrowing.joined(separator: " ")]),
                                    help: Message("tune.no-levers.help")))
        }
        return (levers, problems)
    }

    /// An amount in the tally's integers: money in fixed point (the policy's currency only),
    /// durations in seconds, counts as they are.
    static func fixed(_ quantity: Quantity, currency: String?) -> Int64? {
        switch quantity {
        case .money(let money):
            guard money.currency == (currency ?? money.currency) else { return nil }
            return FixedPoint.fixed(money.amount)
        case .duration(let duration): return duration.seconds
        case .count(let count): return count
        }
    }

    /// Customer-facing roles whose budgets are per case only, with fixed amounts: the roles a
    /// replay can tune exactly.
    public static func tunableRoles(_ compiled: CompiledPolicy) -> [String] {
        let policy = compiled.policy
        return policy.roles.filter { role in
            role.customerFacing && !policy.discretion.contains { $0.role.value == role.name && ($0.per.value != .case || $0.upToRule != nil) }
        }.map(\.name)
    }
}

/// How the policy file writes a value (`25 USD`, bare `25`).
enum PolicyTextWritten {
    static func written<T>(_ policy: PolicySet, _ value: Located<T>) -> String? {
        PolicyText(policy.file.text).written(value)
    }
}
