// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "LibYAML",
    products: [.library(name: "LibYAML", targets: ["LibYAML"])],
    dependencies: [.package(url: "https://github.com/jpsim/Yams", from: "6.2.2")],
    targets: [.target(name: "LibYAML", dependencies: [.product(name: "Yams", package: "Yams")])]
)
