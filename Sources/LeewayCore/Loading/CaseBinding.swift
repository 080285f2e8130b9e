extension PolicySet {
    /// Types a case against this policy set: its role, channel, facts, wanted actions and
    /// amounts, and expectations. Every problem is a located `invalid-case` finding with
    /// a "did you mean"; the bound case is nil when there is any.
    public func bind(_ input: Case) -> (BoundCase?, [Finding]) {
        var reader = NodeReader(file: input.location.file, code: Finding.invalidCase)
        func error(_ location: SourceLocation, _ key: String, _ arguments: [String: String], help: Message?) {
            reader.findings.append(Finding(rule: Finding.invalidCase, severity: .error, location: location,
                                           message: Message(key, arguments), help: help))
        }
        func unknown(_ location: SourceLocation, _ key: String, _ arguments: [String: String], value: String, candidates: [String]) {
            let help = Suggest.closest(to: value, in: candidates).map { Message("load.did-you-mean", ["suggestion": $0]) }
                ?? Message("load.allowed-values", ["values": candidates.map { "`\($0)`" }.joined(separator: ", ")])
            error(location, key, arguments, help: help)
        }

        if let policyRef = input.policy, policyRef.value != id.value {
            error(policyRef.location, "bind.policy-mismatch", ["case": policyRef.value, "policy": id.value],
                  help: Message("bind.policy-mismatch.help"))
        }
        if role(input.handledBy.value) == nil {
            unknown(input.handledBy.location, "bind.unknown-role", ["role": input.handledBy.value],
                    value: input.handledBy.value, candidates: roles.map(\.name))
        }

        var facts: [String: FactValue] = [:]
        facts.reserveCapacity(input.facts.count + 2)
        func typed(_ text: String, as declaration: FactDeclaration, at location: SourceLocation) -> FactValue? {
            // Named only in an error (every case binds several facts).
            var what: String { Term.what("what.fact", declaration.name) }
            switch declaration.type {
            case .enumeration(let values):
                if values.contains(text) { return .enumeration(text) }
                unknown(location, "bind.unknown-fact-value", ["value": text, "fact": declaration.name], value: text, candidates: values)
            case .money:
                if let money = Money(parsing: text, defaultCurrency: currency?.value), !money.isNegative {
                    if let currency, money.currency != currency.value {
                        error(location, "load.mixed-currency", ["value": text, "currency": currency.value, "what": what],
                              help: Message("load.mixed-currency.help", ["currency": currency.value]))
                        return nil
                    }
                    return .money(money)
                }
                error(location, "load.bad-money", ["value": text, "what": what], help: Message("load.bad-money.help"))
            case .duration:
                if let duration = Duration(parsing: text) { return .duration(duration) }
                error(location, "load.bad-duration", ["value": text, "what": what], help: Message("load.bad-duration.help"))
            case .count:
                if let count = Int64(text), count >= 0 { return .count(count) }
                error(location, "load.expected-count", ["value": text, "what": what], help: Message("load.expected-count.help"))
            case .bool:
                if let value = NodeReader.boolValue(text) { return .bool(value) }
                if let meant = NodeReader.yaml11Bool(text) {
                    error(location, "load.yaml11-bool", ["value": text, "what": what], help: Message("load.yaml11-bool.help", ["value": meant ? "true" : "false"]))
                } else {
                    error(location, "load.expected-bool", ["value": text, "what": what], help: Message("load.expected-bool.help"))
                }
            }
            return nil
        }

        if let channel = input.channel, let declaration = fact("channel") {
            if let value = typed(channel.value, as: declaration, at: channel.location) { facts["channel"] = value }
        }
        if let mood = input.customer?.mood, let declaration = fact("mood") {
            if let value = typed(mood.value, as: declaration, at: mood.location) { facts["mood"] = value }
        }
        for given in input.facts {
            guard let declaration = fact(given.name) else {
                unknown(given.location, "bind.unknown-fact", ["fact": given.name], value: given.name, candidates: self.facts.map(\.name))
                continue
            }
            if declaration.many, case .enumeration(let declared) = declaration.type {
                // Several values (a single one means a list of one), in declaration order.
                var chosen = Set<String>()
                var ok = true
                for item in given.items ?? [given.text] {
                    if declared.contains(item) {
                        chosen.insert(item)
                    } else {
                        unknown(given.valueLocation, "bind.unknown-fact-value", ["value": item, "fact": declaration.name], value: item, candidates: declared)
                        ok = false
                    }
                }
                if ok { facts[given.name] = .set(declared.filter(chosen.contains)) }
                continue
            }
            if given.items != nil {
                error(given.valueLocation, "bind.fact-not-many", ["fact": declaration.name],
                      help: Message("bind.fact-not-many.help", ["fact": declaration.name]))
                continue
            }
            if let value = typed(given.text, as: declaration, at: given.valueLocation) { facts[given.name] = value }
        }

        var wants: [BoundWant] = []
        for want in input.wants {
            guard let action = action(want.action.value) else {
                unknown(want.action.location, "bind.unknown-action", ["action": want.action.value],
                        value: want.action.value, candidates: actions.map(\.name))
                continue
            }
            var amount: Quantity?
            if let written = want.amount {
                var what: String { Term.what("what.amount-of", action.name) }
                switch action.measure {
                case .money:
                    if let money = Money(parsing: written.value, defaultCurrency: currency?.value), !money.isNegative {
                        if let currency, money.currency != currency.value {
                            error(written.location, "load.mixed-currency", ["value": written.value, "currency": currency.value, "what": what],
                                  help: Message("load.mixed-currency.help", ["currency": currency.value]))
                        } else {
                            amount = .money(money)
                        }
                    } else {
                        error(written.location, "load.bad-money", ["value": written.value, "what": what], help: Message("load.bad-money.help"))
                    }
                case .duration:
                    if let duration = Duration(parsing: written.value) {
                        amount = .duration(duration)
                    } else {
                        error(written.location, "load.bad-duration", ["value": written.value, "what": what], help: Message("load.bad-duration.help"))
                    }
                case .count:
                    if let count = Int64(written.value), count >= 0 {
                        amount = .count(count)
                    } else {
                        error(written.location, "load.expected-count", ["value": written.value, "what": what], help: Message("load.expected-count.help"))
                    }
                case .none:
                    error(written.location, "load.amount-on-none", ["what": what], help: Message("load.amount-on-none.help"))
                }
            } else if action.measure != .none && !remedies.contains(where: { $0.action.value == action.name }) {
                // A want with no amount for an action something owed is given through asks for what is owed.
                error(want.location, "bind.missing-amount", ["action": action.name, "measure": action.measure.rawValue],
                      help: Message("bind.missing-amount.help"))
            }
            wants.append(BoundWant(action: action.name, amount: amount, source: want))
        }

        let wanted = input.wants.map(\.action.value)
        for expectation in input.expect where !wanted.contains(expectation.action.value) {
            unknown(expectation.action.location, "bind.expect-not-wanted", ["action": expectation.action.value],
                    value: expectation.action.value, candidates: wanted)
        }

        for name in input.expectOwed?.value ?? [] where remedy(name.value) == nil {
            unknown(name.location, "bind.unknown-remedy", ["remedy": name.value], value: name.value, candidates: remedies.map(\.name))
        }

        // What was already spent per period: money in the policy's currency, for a period
        // some budget uses (language 1.1).
        var spent: [BudgetPeriod: Money] = [:]
        for (period, written) in input.spent {
            guard let value = BudgetPeriod(rawValue: period.value) else { continue }
            if !discretion.contains(where: { $0.per.value == value }) {
                let used = Set(discretion.map(\.per.value.rawValue)).subtracting(["case"]).sorted()
                error(period.location, "bind.spent-unused-period", ["period": period.value],
                      help: used.isEmpty ? Message("bind.spent-unused-period.none")
                                         : Message("load.allowed-values", ["values": used.map { "`\($0)`" }.joined(separator: ", ")]))
                continue
            }
            let what = Term.what("what.spent", period.value)
            guard let money = Money(parsing: written.value, defaultCurrency: currency?.value), !money.isNegative else {
                error(written.location, "load.bad-money", ["value": written.value, "what": what], help: Message("load.bad-money.help"))
                continue
            }
            if let currency, money.currency != currency.value {
                error(written.location, "load.mixed-currency", ["value": written.value, "currency": currency.value, "what": what],
                      help: Message("load.mixed-currency.help", ["currency": currency.value]))
                continue
            }
            spent[value] = money
        }

        let findings = reader.findings
        guard findings.isEmpty else { return (nil, findings) }
        var bound = BoundCase(source: input, handledBy: input.handledBy.value, facts: facts, wants: wants)
        bound.spent = spent
        return (bound, [])
    }
}
