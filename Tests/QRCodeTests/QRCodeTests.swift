import Testing

@testable import QRCode

@Suite("Encoding: version choice, limits and errors")
struct QRCodeTests {
    @Test("The smallest version that fits is chosen, and the size follows from it")
    func smallestVersion() throws {
        let empty = try QRCode(bytes: [])
        #expect(empty.version == 1)
        #expect(empty.size == 21)
        let code = try QRCode(text: String(repeating: "x", count: 100), errorCorrection: .quartile)
        #expect(code.version == 8)  // 7-Q holds 86 bytes, 8-Q 108
        #expect(code.size == 17 + 4 * code.version)
    }

    /// (version, level, largest byte count that fits) from ISO/IEC 18004 table 7.
    static let boundaries: [(Int, QRCode.ErrorCorrection, Int)] = [
        (1, .low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7),
        (2, .medium, 26), (7, .quartile, 86),
        (9, .high, 98),  // the last version with an 8-bit count; one byte more needs 16 bits
        (10, .medium, 213), (20, .low, 858), (39, .low, 2809), (39, .high, 1219),
    ]

    @Test("The largest input for a version stays in it; one byte more moves to the next", arguments: boundaries)
    func capacityBoundary(version: Int, level: QRCode.ErrorCorrection, largest: Int) throws {
        let fits = try QRCode(bytes: Array(repeating: 0x41, count: largest), errorCorrection: level)
        #expect(fits.version == version)
        let spills = try QRCode(bytes: Array(repeating: 0x41, count: largest + 1), errorCorrection: level)
        #expect(spills.version == version + 1)
    }

    @Test("Version 40 at full capacity works at every level; one byte more throws", arguments: [
        (QRCode.ErrorCorrection.low, 2953), (.medium, 2331), (.quartile, 1663), (.high, 1273),
    ])
    func largestSymbol(level: QRCode.ErrorCorrection, capacity: Int) throws {
        let code = try QRCode(bytes: Array(repeating: 0x7A, count: capacity), errorCorrection: level)
        #expect(code.version == 40)
        #expect(code.size == 177)
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(bytes: Array(repeating: 0x7A, count: capacity + 1), errorCorrection: level)
        }
        #expect(error == QRCodeError(byteCount: capacity + 1, capacity: capacity, errorCorrection: level))
    }

    @Test("Too-long input gets a message that says how long, the limit, and what to change")
    func tooLongMessage() {
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(text: String(repeating: "é", count: 1200), errorCorrection: .high)
        }
        #expect(error?.description == "The data is 2400 bytes, but a QR code holds at most 1273 bytes at "
            + "error-correction level H (version 40); shorten the data or choose a lower error-correction level.")
        let atLow = #expect(throws: QRCodeError.self) { try QRCode(bytes: Array(repeating: 0, count: 3000), errorCorrection: .low) }
        #expect(atLow?.description.hasSuffix("level L (version 40); shorten the data.") == true)
    }

    @Test("Text is encoded as its UTF-8 bytes")
    func textIsUTF8() throws {
        let text = "Grüße — 日本 👩‍💻"
        #expect(try QRCode(text: text) == QRCode(bytes: Array(text.utf8)))
    }

    @Test("The default level is medium; every version and level encodes at full capacity", arguments: QRCode.ErrorCorrection.allCases)
    func everyVersionEncodes(level: QRCode.ErrorCorrection) throws {
        #expect(try QRCode(text: "x").errorCorrection == .medium)
        for version in VersionTable.versions {
            let capacity = VersionTable.byteCapacity(version: version, level: level)
            var random = SeededBytes(seed: UInt64(version))
            let code = try QRCode(bytes: random.bytes(capacity), errorCorrection: level)
            #expect(code.version == version)
            #expect((0...7).contains(code.mask))
        }
    }

    @Test("Modules outside the symbol read as light; the finder corner is dark")
    func isDarkOutside() throws {
        let code = try QRCode(text: "edge")
        #expect(code.isDark(x: 0, y: 0))
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
        #expect(!code.isDark(x: code.size, y: code.size - 1))
    }

    @Test("Equal input gives an equal symbol")
    func deterministic() throws {
        let bytes = Array("same".utf8)
        #expect(try QRCode(bytes: bytes, errorCorrection: .high) == QRCode(bytes: bytes, errorCorrection: .high))
    }
}
