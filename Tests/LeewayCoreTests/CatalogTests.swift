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
}
