@_exported import CFuzzer
import Foundation
@_exported import LeewayCore
@_exported import LeewayEngine
@_exported import LeewayOverrides
@_exported import LeewayReporters

/// What every harness shares: the libFuzzer entry, and the sample policy it runs cases on.
public enum Fuzz {
    /// Runs libFuzzer with the process's own arguments (`-max_total_time=30`, corpus folders).
    public static func run(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                           _ body: @escaping @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
        var argc = argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
        return LLVMFuzzerRunDriver(&argc, &argv, body)
    }

    /// The bytes of one input.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The rigid sample policy (`policies/acme-field-service.yaml`), compiled once. Its text
    /// is built in so a harness runs from any folder.
    public static let policy: CompiledPolicy = {
        let loaded = PolicyLoader.load(text: SamplePolicy.text, path: "acme-field-service.yaml")
        guard let policy = loaded.policy else { fatalError("the sample policy must load: \(loaded.findings)") }
        return CompiledPolicy(policy)
    }()

    /// Stops the run with libFuzzer's crash report (a "deadly signal") and the reason.
    public static func fail(_ message: @autoclosure () -> String) -> Never {
        FileHandle.standardError.write(Data(("leeway fuzz: " + message() + "\n").utf8))
        abort()
    }
}
