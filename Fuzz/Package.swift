// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses for Leeway (issue 16). Built on their own, never by `swift build` at
// the root: `scripts/fuzz.sh TARGET [SECONDS]` builds them in `.build-fuzz` with
// `-sanitize=fuzzer,address` and runs one. Each harness is an executable target whose
// `@_cdecl("<Target>_main")` (SwiftPM links executables with `--defsym main=<Target>_main`)
// hands control to libFuzzer's `LLVMFuzzerRunDriver`.
//   FuzzPolicy  policy loader + linter + fixes + unified diff
//   FuzzCases   case loader (YAML streams), whole file and streamed documents agreeing
//   FuzzLines   JSON Lines: the fast line parser and the general loader must agree
//   FuzzEval    evaluator on a sample policy: traced and untraced decisions agree
let package = Package(
    name: "LeewayFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Leeway", path: "..")],
    targets: [
        .target(name: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer", .product(name: "Leeway", package: "Leeway")]),
        .executableTarget(name: "FuzzPolicy", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzCases", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzLines", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzEval", dependencies: ["FuzzSupport"]),
    ]
)
