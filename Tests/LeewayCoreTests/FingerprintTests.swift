import Testing
@testable import LeewayCore

@Suite struct FingerprintTests {
    /// Fed piece by piece, FNV-1a gives the hash of the pieces joined: a finding's
    /// fingerprint is made without joining its parts into one string.
    @Test func piecesHashAsTheirJoinedText() {
        let pieces = ["rule-id", "\u{1F}", "policies/acme.yaml", "\u{1F}", "actions.refund.grants[0]", "\u{1F}",
                      "rule.x.message", "\u{1F}", "role=agente de atención", "", "ñ€😀"]
        var hash = Fingerprint.FNV1a()
        for piece in pieces { hash.feed(piece) }
        #expect(hash.value == Fingerprint.fnv1a(pieces.joined()))
        var bytes = Fingerprint.FNV1a()
        for byte in pieces.joined().utf8 { bytes.feed(byte) }
        #expect(bytes.value == hash.value)
        #expect(Fingerprint.FNV1a().value == Fingerprint.fnv1a(""))
    }

    /// The fingerprint is the FNV-1a of rule, file, key path, message key and sorted
    /// arguments, separated by U+001F, as baselines written by earlier versions hold it.
    @Test func aFindingsFingerprintIsItsJoinedIdentity() {
        let finding = Finding(rule: "slow-approval", severity: .warning,
                              location: SourceLocation(file: "p.yaml", position: SourcePosition(line: 3, column: 5)),
                              message: Message("rule.slow-approval.message", ["role": "agent", "approver": "supervisor"]),
                              path: KeyPath(["actions", "refund"]))
        let text = "slow-approval\u{1F}rel/p.yaml\u{1F}\(KeyPath(["actions", "refund"]).description)\u{1F}rule.slow-approval.message"
            + "\u{1F}approver=supervisor\u{1F}role=agent"
        #expect(finding.fingerprint(file: "rel/p.yaml") == Fingerprint.hex(Fingerprint.fnv1a(text)))
    }
}
