import Foundation
import LeewayCore

extension PolicySet {
    /// The customer-facing roles, in declaration order.
    var customerFacingRoles: [Role] { roles.filter(\.customerFacing) }

    /// An amount written as the policy writes money: `100 USD`, or `100` without a currency.
    func moneyText(_ amount: Decimal) -> String {
        guard let currency = currency?.value else { return Money.format(amount) }
        return Money(amount, currency).description
    }

    /// Every approval in the policy with where it is: grants, `above-limit`, process steps.
    var allApprovals: [(approval: Approval, place: ApprovalPlace)] {
        var out: [(Approval, ApprovalPlace)] = []
        for action in actions {
            for grant in action.grants {
                if let approval = grant.approval { out.append((approval, .grant(action, grant))) }
            }
            if let approval = action.aboveLimit?.approval { out.append((approval, .aboveLimit(action))) }
        }
        for process in processes {
            for step in process.steps {
                if case .approval(let approval) = step.kind { out.append((approval, .step(process, step))) }
            }
        }
        return out
    }
}

/// Where an approval is written.
enum ApprovalPlace {
    case grant(Action, Grant)
    case aboveLimit(Action)
    case step(LeewayCore.Process, Step)

    /// The action or process the approval belongs to.
    var owner: String {
        switch self {
        case .grant(let action, _), .aboveLimit(let action): return action.name
        case .step(let process, _): return process.name
        }
    }
}

/// `` `a`, `b`, `c` `` for messages.
func codeList(_ items: [String]) -> String {
    items.map { "`\($0)`" }.joined(separator: ", ")
}

/// A list's items without backticks, for arguments already inside backticks.
func plainList(_ items: [String]) -> String {
    items.joined(separator: ", ")
}
