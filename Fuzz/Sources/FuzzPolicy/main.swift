import FuzzSupport
import LeewayRules

/// The policy loader, the linter and the mechanical fixes on arbitrary bytes: never a
/// trap; a fix's text must load again, and its diff must be empty exactly when nothing changed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    let loaded = PolicyLoader.load(bytes: bytes, path: "fuzz.yaml")
    guard let policy = loaded.policy else { return 0 }
    let linter = Linter()
    let findings = linter.check(policy: policy)
    let compiled = CompiledPolicy(policy)
    _ = compiled
    let fixed = FixPlanner(linter: linter).fix(policy, findings: findings)
    let diff = UnifiedDiff.make(old: policy.file.text, new: fixed.text, path: "fuzz.yaml")
    if diff.isEmpty != (fixed.text == policy.file.text) { Fuzz.fail("diff and fix disagree") }
    return 0
}

@_cdecl("FuzzPolicy_main")
public func fuzzPolicyMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv, fuzzPolicy)
}
