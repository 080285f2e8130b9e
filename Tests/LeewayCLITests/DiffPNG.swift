import Foundation

/// Just enough of PNG to look at a screenshot's pixels: the IDAT stream inflated
/// (RFC 1950/1951, after zlib's `puff.c`), scanlines unfiltered, 8-bit RGB or RGBA.
enum PNGPixels {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// How many distinct colours the image has, counting up to `limit`.
    static func distinctColors(_ data: Data, limit: Int) throws -> Int {
        let image = try decode(data)
        var colors = Set<UInt32>()
        var index = 0
        while index + image.channels <= image.pixels.count {
            var value: UInt32 = 0
            for channel in 0..<min(3, image.channels) { value = value << 8 | UInt32(image.pixels[index + channel]) }
            colors.insert(value)
            if colors.count >= limit { break }
            index += image.channels
        }
        return colors.count
    }

    /// The unfiltered pixel bytes, row after row.
    static func decode(_ data: Data) throws -> (width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        let bytes = [UInt8](data)
        guard bytes.count > 33, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw Failure(description: "not a PNG") }
        var offset = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        func integer(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        while offset + 8 <= bytes.count {
            let length = integer(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            guard body + length <= bytes.count else { throw Failure(description: "truncated chunk \(type)") }
            switch type {
            case "IHDR":
                width = integer(body)
                height = integer(body + 4)
                guard bytes[body + 8] == 8, bytes[body + 12] == 0 else { throw Failure(description: "only 8-bit, non-interlaced images") }
                switch bytes[body + 9] {
                case 2: channels = 3
                case 6: channels = 4
                default: throw Failure(description: "only RGB and RGBA images")
                }
            case "IDAT":
                compressed += bytes[body..<body + length]
            default:
                break
            }
            offset = body + length + 4
        }
        guard width > 0, height > 0, compressed.count > 2 else { throw Failure(description: "no image data") }
        let raw = try Inflate.run(Array(compressed.dropFirst(2)), expected: height * (width * channels + 1))
        let stride = width * channels
        guard raw.count >= height * (stride + 1) else { throw Failure(description: "short image data") }
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            for column in 0..<stride {
                let x = Int(raw[source + column])
                let a = column >= channels ? Int(pixels[target + column - channels]) : 0
                let b = row > 0 ? Int(pixels[target - stride + column]) : 0
                let c = row > 0 && column >= channels ? Int(pixels[target - stride + column - channels]) : 0
                let value: Int
                switch filter {
                case 0: value = x
                case 1: value = x + a
                case 2: value = x + b
                case 3: value = x + (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    value = x + (pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
                default: throw Failure(description: "bad filter \(filter)")
                }
                pixels[target + column] = UInt8(truncatingIfNeeded: value)
            }
        }
        return (width, height, channels, pixels)
    }
}

/// DEFLATE decoding (stored, fixed and dynamic Huffman blocks).
private struct Inflate {
    let input: [UInt8]
    var position = 0
    var bitBuffer = 0
    var bitCount = 0
    var output: [UInt8] = []

    struct Huffman {
        var count = [Int](repeating: 0, count: 16)
        var symbol: [Int]

        init(_ lengths: [Int]) {
            symbol = [Int](repeating: 0, count: lengths.count)
            for length in lengths { count[length] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + count[length] }
            for (value, length) in lengths.enumerated() where length != 0 {
                symbol[offsets[length]] = value
                offsets[length] += 1
            }
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static func run(_ input: [UInt8], expected: Int) throws -> [UInt8] {
        var inflate = Inflate(input: input)
        inflate.output.reserveCapacity(expected)
        var last = 0
        repeat {
            last = try inflate.bits(1)
            switch try inflate.bits(2) {
            case 0: try inflate.stored()
            case 1: try inflate.fixed()
            case 2: try inflate.dynamic()
            default: throw PNGPixels.Failure(description: "bad block type")
            }
        } while last == 0
        return inflate.output
    }

    mutating func bits(_ need: Int) throws -> Int {
        while bitCount < need {
            guard position < input.count else { throw PNGPixels.Failure(description: "out of input") }
            bitBuffer |= Int(input[position]) << bitCount
            position += 1
            bitCount += 8
        }
        let value = bitBuffer & ((1 << need) - 1)
        bitBuffer >>= need
        bitCount -= need
        return value
    }

    mutating func stored() throws {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw PNGPixels.Failure(description: "out of input") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        position += 4
        guard position + length <= input.count else { throw PNGPixels.Failure(description: "out of input") }
        output += input[position..<position + length]
        position += length
    }

    mutating func decode(_ huffman: Huffman) throws -> Int {
        var code = 0, first = 0, index = 0
        for length in 1...15 {
            code |= try bits(1)
            let count = huffman.count[length]
            if code - count < first { return huffman.symbol[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw PNGPixels.Failure(description: "bad Huffman code")
    }

    mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws {
        while true {
            let symbol = try decode(lengths)
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < 29 else { throw PNGPixels.Failure(description: "bad length") }
                let length = Inflate.lengthBase[index] + (try bits(Inflate.lengthExtra[index]))
                let code = try decode(distances)
                guard code < 30 else { throw PNGPixels.Failure(description: "bad distance") }
                let distance = Inflate.distanceBase[code] + (try bits(Inflate.distanceExtra[code]))
                guard distance <= output.count else { throw PNGPixels.Failure(description: "distance too far") }
                let start = output.count - distance
                for step in 0..<length { output.append(output[start + step]) }
            }
        }
    }

    mutating func fixed() throws {
        var lengths = [Int](repeating: 8, count: 288)
        for index in 144..<256 { lengths[index] = 9 }
        for index in 256..<280 { lengths[index] = 7 }
        try codes(Huffman(lengths), Huffman([Int](repeating: 5, count: 30)))
    }

    mutating func dynamic() throws {
        let literals = try bits(5) + 257, distances = try bits(5) + 1, codeLengths = try bits(4) + 4
        var lengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengths { lengthLengths[Inflate.order[index]] = try bits(3) }
        let lengthCode = Huffman(lengthLengths)
        var lengths: [Int] = []
        while lengths.count < literals + distances {
            let symbol = try decode(lengthCode)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw PNGPixels.Failure(description: "repeat without a length") }
                lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
            }
        }
        try codes(Huffman(Array(lengths[0..<literals])), Huffman(Array(lengths[literals..<literals + distances])))
    }
}
