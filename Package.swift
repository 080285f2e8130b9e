// swift-tools-version:6.0
import PackageDescription

// Leeway: a linter and evaluator for customer-service policy sets.
//
// Library targets hold the domain; `leeway` is a thin command-line front end.
//   LeewayCore       model, located YAML reading, loading and validation, messages (en/es)
//   LeewayEngine     case evaluation (SPEC §4): compiled decisions, resolution, traces
//   LeewayRules      the rigidity linter: rule registry, configuration, exceptions, baseline
//   LeewayOverrides  "do the right thing": override plans for cases, fixes for findings, patches
//   LeewayReporters  check, eval and diff reports: text, JSON, SARIF, JUnit, GitHub, Markdown, HTML
//   LeewayReview     reviewing a policy change: findings and case outcomes before and after
let package = Package(
    name: "Leeway",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "leeway", targets: ["leeway"]),
        .library(name: "Leeway", targets: ["LeewayCore", "LeewayEngine", "LeewayRules", "LeewayOverrides", "LeewayReview", "LeewayReporters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Yams, for the libyaml it bundles, through Packages/LibYAML (see there why).
        .package(path: "Packages/LibYAML"),
        // `swift package generate-documentation` (DocC); build tooling only.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "LeewayCore", dependencies: [.product(name: "LibYAML", package: "LibYAML")]),
        .target(name: "LeewayEngine", dependencies: ["LeewayCore"]),
        .target(name: "LeewayRules", dependencies: ["LeewayCore"]),
        .target(name: "LeewayOverrides", dependencies: ["LeewayCore", "LeewayEngine", "LeewayRules"]),
        .target(name: "LeewayReview", dependencies: ["LeewayCore", "LeewayEngine", "LeewayRules"]),
        .target(name: "LeewayReporters", dependencies: ["LeewayCore", "LeewayEngine", "LeewayRules", "LeewayOverrides", "LeewayReview"]),
        .executableTarget(
            name: "leeway",
            dependencies: [
                "LeewayCore", "LeewayEngine", "LeewayRules", "LeewayOverrides", "LeewayReview", "LeewayReporters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "leeway-bench",
            dependencies: ["LeewayCore", "LeewayEngine", "LeewayRules", "LeewayOverrides", "LeewayReporters"],
            path: "Benchmarks/leeway-bench"
        ),
        .testTarget(name: "LeewayCoreTests", dependencies: ["LeewayCore"]),
        // Engine tests also read what the engine's results look like in reports
        // (EvalText, the JSON document); rule tests check each rule's mechanical fix.
        .testTarget(name: "LeewayEngineTests", dependencies: ["LeewayCore", "LeewayEngine", "LeewayOverrides", "LeewayReporters"]),
        .testTarget(name: "LeewayRulesTests", dependencies: ["LeewayCore", "LeewayRules", "LeewayOverrides"], exclude: ["Golden"]),
        .testTarget(name: "LeewayOverridesTests", dependencies: ["LeewayCore", "LeewayEngine", "LeewayRules", "LeewayOverrides", "LeewayReporters"],
                    exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "LeewayReportersTests", dependencies: ["LeewayCore", "LeewayRules", "LeewayEngine", "LeewayOverrides", "LeewayReporters"],
                    exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "LeewayReviewTests", dependencies: ["LeewayCore", "LeewayEngine", "LeewayRules", "LeewayOverrides", "LeewayReview", "LeewayReporters"],
                    exclude: ["Fixtures", "Golden"]),
        // End-to-end: runs the built `leeway` executable on fixtures.
        .testTarget(name: "LeewayCLITests", dependencies: ["leeway"], exclude: ["Fixtures"]),
    ]
)
