import Testing
@testable import LeewayCore

@Suite struct TextCheckTests {
    /// The word-at-a-time scan for plain ASCII agrees with a byte loop, whatever the
    /// length and wherever a NUL, a carriage return or a byte of 0x80 or more falls (at
    /// every offset within a word and in the tail).
    @Test func thePlainScanIsTheByteLoop() {
        func reference(_ bytes: [UInt8]) -> Bool { !bytes.contains { $0 == 0 || $0 >= 0x80 || $0 == 0x0D } }
        let specials: [UInt8] = [0x00, 0x0D, 0x80, 0xC3, 0xFF, 0x7F, 0x0A, 0x01, 0x0C, 0x0E, 0x8D]
        for length in 0...40 {
            let plain = (0..<length).map { UInt8(0x20 + ($0 * 7) % 0x5F) }
            #expect(plain.withUnsafeBufferPointer(TextCheck.isPlainASCII) == reference(plain))
            for position in 0..<length {
                for special in specials {
                    var bytes = plain
                    bytes[position] = special
                    #expect(bytes.withUnsafeBufferPointer(TextCheck.isPlainASCII) == reference(bytes), "\(length) \(position) \(special)")
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0x20...0x7E, using: &generator) : UInt8.random(in: 0...255, using: &generator)
            }
            #expect(bytes.withUnsafeBufferPointer(TextCheck.isPlainASCII) == reference(bytes))
        }
    }
}
