import LeewayCore

/// Every rule Leeway knows, in the order `leeway rules` lists them. SARIF
/// `tool.driver.rules`, `docs/rules.md` and the configuration read it.
public enum RuleRegistry {
    /// The rule types, in catalogue order (SPEC §5 first, then the rules from the end of
    /// docs/research.md, then the rules of language 1.1).
    public static let rules: [any Rule.Type] = [
        NoFrontlineDiscretionRule.self,
        ApprovalForSmallAmountsRule.self,
        SlowApprovalRule.self,
        AbsoluteProhibitionRule.self,
        HandoffChainRule.self,
        RepeatedAskRule.self,
        WideAppointmentWindowRule.self,
        NoDelayNoticeRule.self,
        HandleTimeTargetRule.self,
        ChannelAbandonmentRule.self,
        NoCustomerOutcomeMetricRule.self,
        UnreachableApproverRule.self,
        ExpiredExceptionRule.self,
        UnusedExceptionRule.self,
        WindowWithoutRemedyRule.self,
        ForcedChannelSwitchRule.self,
        VerbatimScriptRule.self,
        CallLengthCapRule.self,
        HandoffWithoutNotesRule.self,
        UnreviewedDiscretionRule.self,
        RemedyOnClaimRule.self,
        SlowRemedyRule.self,
        SlowHandoffRule.self,
        RetentionGateRule.self,
    ]

    /// The rules' descriptions, in catalogue order.
    public static let descriptions: [RuleDescription] = rules.map { $0.description }

    /// Every rule id, in catalogue order.
    public static let ids: [String] = descriptions.map(\.id)

    private static let byId: [String: Int] = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })

    /// The description of a rule, or nil for an unknown id.
    public static func description(for id: String) -> RuleDescription? {
        byId[id].map { descriptions[$0] }
    }

    /// The rule type with an id, or nil.
    public static func rule(for id: String) -> (any Rule.Type)? {
        byId[id].map { rules[$0] }
    }

    /// The closest known id to a mistyped one ("did you mean").
    public static func suggestion(for id: String) -> String? {
        Suggest.closest(to: id, in: ids)
    }

    /// Rules the linter itself implements (they judge the policy's `exceptions:`
    /// against the other rules' findings), not through `Rule.check`.
    public static let exceptionRuleIds: Set<String> = [ExpiredExceptionRule.id, UnusedExceptionRule.id]
}
