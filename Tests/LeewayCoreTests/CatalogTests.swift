import Testing
@testable import LeewayCore

@Suite struct CatalogTests {
    @Test func everyKeyExistsInBothLanguages() {
        let english = Set(Catalog.table(.en).keys)
        let spanish = Set(Catalog.table(.es).keys)
        #expect(english.subtracting(spanish).sorted() == [], "keys missing in Spanish")
        #expect(spanish.subtracting(english).sorted() == [], "keys missing in English")
    }

    @Test func translationsUseTheSamePlaceholders() {
        let spanish = Catalog.table(.es)
        for (key, template) in Catalog.table(.en) {
            guard let translated = spanish[key] else { continue }
            #expect(Catalog.placeholders(template) == Catalog.placeholders(translated), "placeholders differ for \(key)")
        }
    }

    /// Spanish speaks to the agent as *tú* everywhere (help, hints, overrides, eval and
    /// check text, `leeway init`'s files), and to the customer as *usted* (the customer
    /// message, `notice.*`).
    @Test func spanishSpeaksToTheAgentAsTuAndToTheCustomerAsUsted() {
        // Forms of *usted* that never mean anything else.
        let ustedAnywhere: Set<String> = ["usted", "ustedes", "dígale", "dígaselo", "dígalo", "dele", "déselo", "asegúrese",
                                          "quiso", "pulse", "introduzca", "seleccione", "escríbalo", "bájelo", "súbalo",
                                          "respóndale", "ofrézcale", "pídale", "llámele", "avísele", "cámbielo", "quítelo"]
        // *Usted* imperatives, which begin a clause (inside one, "quien revise" is fine).
        let ustedImperatives: Set<String> = ["añada", "revise", "ejecute", "use", "cambie", "quite", "indique", "compruebe",
                                             "escriba", "elija", "pruebe", "haga", "ponga", "deje", "baje", "suba", "corrija",
                                             "consulte", "declare", "explique", "divida", "agrupe", "elimine", "borre", "mueva",
                                             "configure", "lea", "abra", "guarde", "marque", "vuelva", "evalúe", "ofrezca",
                                             "pida", "llame", "avise", "dé", "responda", "libere", "sustituya", "defina", "acorte"]
        // *Tú* to the customer.
        let tu: Set<String> = ["tú", "tu", "tus", "te", "ti", "contigo", "puedes", "quieres", "tienes", "has", "dile", "dime",
                               "llámanos", "escríbenos", "responde", "cuéntanos"]
        func words(_ text: Substring) -> [String] {
            text.lowercased().split { !$0.isLetter }.map(String.init)
        }
        var checked = 0
        for (key, text) in Catalog.table(.es) {
            if key.hasPrefix("notice.") {
                let found = words(text[...]).filter(tu.contains)
                #expect(found.isEmpty, "\(key) speaks to the customer as tú (\(found)): \(text)")
                continue
            }
            checked += 1
            // Quotations (“Use good judgment in all situations”) are someone else's words.
            let text = text.replacingOccurrences(of: "“[^”]*”", with: "", options: .regularExpression)
            let anywhere = words(text[...]).filter(ustedAnywhere.contains)
            #expect(anywhere.isEmpty, "\(key) speaks to the agent as usted (\(anywhere)): \(text)")
            // The first word of each clause: after the start, `:`, `;`, `.`, `—`, `(`, a line break, or ", o".
            let clauses = text.replacingOccurrences(of: ", o ", with: ";").split { ":;.—(\n".contains($0) }
            let starts = clauses.compactMap { words($0).first }.filter(ustedImperatives.contains)
            #expect(starts.isEmpty, "\(key) tells the agent what to do as usted (\(starts)): \(text)")
        }
        #expect(checked > 500)
        // The check can fail: the old label, and a hint in usted.
        #expect(words("dígale ahora al cliente").contains(where: ustedAnywhere.contains))
        #expect(Catalog.table(.es)["override.text.notice"] == "dile ahora al cliente")
    }

    @Test func termsRenderInTheMessageLanguage() {
        let message = Message("load.unknown-key", ["key": "tittle", "what": Term.what("what.role", "agent")])
        #expect(message.render(.en) == "unknown key `tittle` in role `agent`")
        #expect(message.render(.es) == "clave desconocida `tittle` en el rol `agent`")
    }

    @Test func languageComesFromTheEnvironment() {
        #expect(Language.fromEnvironment(["LEEWAY_LANG": "es"]) == .es)
        #expect(Language.fromEnvironment(["LANG": "es_MX.UTF-8"]) == .es)
        #expect(Language.fromEnvironment(["LC_ALL": "de_DE.UTF-8", "LANG": "es_ES.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .en)
        #expect(Language.fromEnvironment([:]) == .en)
    }

    @Test func languagePrecedenceIsFlagThenLeewayLangThenConfigThenLocale() {
        let spanishLocale = ["LANG": "es_MX.UTF-8"]
        #expect(Language.resolve(explicit: .en, configured: .es, environment: ["LEEWAY_LANG": "es"]) == .en)
        #expect(Language.resolve(configured: .es, environment: ["LEEWAY_LANG": "en"]) == .en)
        #expect(Language.resolve(configured: .es, environment: ["LEEWAY_LANG": "", "LANG": "C.UTF-8"]) == .es)
        #expect(Language.resolve(configured: .en, environment: spanishLocale) == .en)
        #expect(Language.resolve(configured: nil, environment: spanishLocale) == .es)
        #expect(Language.resolve(configured: nil, environment: ["LC_ALL": "de_DE.UTF-8"]) == .en)
        // The configuration is read only when the flag and LEEWAY_LANG leave it to it.
        var asked = false
        func configured() -> Language? { asked = true; return .es }
        #expect(Language.resolve(configured: configured(), environment: ["LEEWAY_LANG": "en"]) == .en)
        #expect(!asked)
    }

    @Test func everyHelpTextIsInSpanish() {
        let english = Catalog.table(.en).filter { $0.key.hasPrefix("help.") }
        let spanish = Catalog.table(.es)
        #expect(english.count > 50)
        for (key, text) in english {
            #expect(spanish[key] != nil, "\(key) has no Spanish")
            #expect(spanish[key] != text, "\(key) is not translated")
        }
    }

    @Test func helpLanguageComesFromTheArgumentsAndTheEnvironment() {
        #expect(Language.forArguments(["check", "--lang", "es"], environment: [:]) == .es)
        #expect(Language.forArguments(["check", "--lang=es", "--help"], environment: [:]) == .es)
        #expect(Language.forArguments(["--lang", "es", "--lang", "en"], environment: ["LEEWAY_LANG": "es"]) == .en)
        #expect(Language.forArguments(["check", "--lang", "fr"], environment: ["LEEWAY_LANG": "es"]) == .es)
        #expect(Language.forArguments(["check", "--", "--lang", "es"], environment: [:]) == .en)
        #expect(Language.forArguments(["check"], environment: ["LANG": "es_ES.UTF-8"]) == .es)
        #expect(Language.forArguments(["check"], environment: [:]) == .en)
        // The same scan gives the arguments without the option, for argument-parser's `help`.
        let scanned = Language.languageOption(in: ["help", "check", "--lang", "es", "--lang=en", "--", "--lang", "es"])
        #expect(scanned.language == .en)
        #expect(scanned.rest == ["help", "check", "--", "--lang", "es"])
    }

    @Test func argumentParserTextIsTranslated() {
        let error = """
        Error: Unknown option '--formt'. Did you mean '--format'?
        Usage: leeway check [<paths> ...] [--format <format>]
          See 'leeway check --help' for more information.
        """
        #expect(ArgumentParserText.translate(error, to: .en) == error)
        #expect(ArgumentParserText.translate(error, to: .es) == """
        error: no existe la opción `--formt`; ¿querías decir `--format`?
        Uso: leeway check [<paths> ...] [--format <format>]
          Más información: `leeway check --help`
        """)
        let help = """
        USAGE: leeway eval [<options>] <policy>
               [<cases> ...]

        OPTIONS:
          --format <format>       Report format. (values: text, json; default:
                                  text)
          -h, --help              Show help information.
        """
        #expect(ArgumentParserText.translate(help, to: .es) == """
        USO: leeway eval [<opciones>] <policy>
             [<cases> ...]

        OPCIONES:
          --format <format>       Report format. (valores: text, json; por defecto:
                                  text)
          -h, --help              Muestra esta ayuda.
        """)
        // Not one of argument-parser's sentences: only the label changes.
        #expect(ArgumentParserText.translate("Error: `leeway check` escribe `text`", to: .es) == "error: `leeway check` escribe `text`")
    }

    @Test func countsTakeTheSingularOnlyForOne() {
        let template = "{count:case|cases} checked, {errors:error|errors}"
        #expect(Catalog.fill(template, ["count": "1", "errors": "0"]) == "1 case checked, 0 errors")
        #expect(Catalog.fill(template, ["count": "3", "errors": "1"]) == "3 cases checked, 1 error")
        #expect(Catalog.placeholders(template) == ["count", "errors"])
        // A malformed counted placeholder is left as written, like an unknown name.
        #expect(Catalog.fill("{count:case}", ["count": "2"]) == "{count:case}")
        // The form alone, agreeing with a count shown elsewhere.
        #expect(Catalog.fill("{n:file|files} that {n|is|are} new", ["n": "1"]) == "1 file that is new")
        #expect(Catalog.fill("{n:file|files} that {n|is|are} new", ["n": "2"]) == "2 files that are new")
        #expect(Catalog.placeholders("{n|is|are}") == ["n"])
        #expect(Message("report.check-summary", ["files": "1", "errors": "1", "warnings": "2", "notes": "0"]).render(.es)
                == "1 archivo revisado: 1 error, 2 avisos, 0 notas")
    }

    @Test func userTextsInSeveralLanguagesRenderInTheMessageLanguage() {
        let reason = Term.texts("Fees are non-negotiable", [.en: "Fees are non-negotiable", .es: "Los recargos no se negocian"])
        let message = Message("engine.step.never-reason", ["action": "waive-late-fee", "reason": reason])
        #expect(message.render(.en) == "`waive-late-fee` is never allowed: Fees are non-negotiable")
        #expect(message.render(.es) == "`waive-late-fee` no se permite nunca: Los recargos no se negocian")
        // Only some languages written: the others get the default text.
        let english = Term.texts("Tariff-regulated", [.en: "Tariff-regulated"])
        #expect(Message("engine.step.never-reason", ["action": "a", "reason": english]).render(.es) == "`a` no se permite nunca: Tariff-regulated")
        #expect(Term.texts("plain", [:]) == "plain")
    }

    @Test func noTemplateUsesParenthesisedPlurals() {
        for language in Language.allCases {
            for (key, template) in Catalog.table(language) {
                #expect(!template.contains("(s)") && !template.contains("(es)"), "\(language) \(key): use {count:one|other}")
            }
        }
    }
}
