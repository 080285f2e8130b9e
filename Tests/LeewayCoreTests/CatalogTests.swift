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
}
