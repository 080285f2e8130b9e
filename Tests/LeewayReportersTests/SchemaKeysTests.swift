import Foundation
import Testing
import LeewayCore

/// The JSON Schemas name exactly the keys the loaders accept.
@Suite struct SchemaKeysTests {
    static func properties(_ kind: LeewaySchema.Kind) -> Set<String> {
        Set((LeewaySchema.object(kind)["properties"] as? [String: Any] ?? [:]).keys)
    }

    @Test func topLevelKeysMatchTheLoaders() {
        #expect(Self.properties(.policy) == Set(PolicyLoader.topLevelKeys))
        #expect(Self.properties(.case) == Set(CaseLoader.caseKeys))
    }

    @Test func schemasAreValidJSONInBothLanguages() throws {
        for kind in LeewaySchema.Kind.allCases {
            for language in Language.allCases {
                let text = LeewaySchema.json(kind, language: language)
                #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
            }
            #expect(LeewaySchema.json(kind, language: .en) != LeewaySchema.json(kind, language: .es))
        }
    }
}
