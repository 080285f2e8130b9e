import Foundation
import LeewayCore
import LeewayEngine

extension BatchSummary {
    /// The summary line on standard error: `100000 cases: … first contact 62%…`.
    public func render(language: Language) -> String {
        let percent = (firstContactRate * 1000).rounded() / 10
        var line = Catalog.render(Message("engine.summary", [
            "cases": String(cases),
            "allowed": String(count(.allowed)), "approval": String(count(.needsApproval)),
            "escalate": String(count(.escalate)), "blocked": String(count(.blocked)),
            "rate": percent == percent.rounded() ? String(Int(percent)) : String(percent),
            "median": Duration(seconds: percentile(0.5)).description,
            "p90": Duration(seconds: percentile(0.9)).description,
        ]), in: language)
        if invalid > 0 {
            line += "; " + Catalog.render(Message("engine.summary-invalid", ["count": String(invalid)]), in: language)
        }
        return line
    }
}
