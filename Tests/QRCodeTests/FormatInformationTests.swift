import Testing

@testable import QRCode

@Suite("Format and version information (BCH)")
struct FormatInformationTests {
    /// ISO/IEC 18004 annex C, table C.1: the masked 15-bit format words, by level then mask 0…7.
    static let formatWords: [(QRCode.ErrorCorrection, [Int])] = [
        (.low, [
            0b111011111000100, 0b111001011110011, 0b111110110101010, 0b111100010011101,
            0b110011000101111, 0b110001100011000, 0b110110001000001, 0b110100101110110,
        ]),
        (.medium, [
            0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
            0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000,
        ]),
        (.quartile, [
            0b011010101011111, 0b011000001101000, 0b011111100110001, 0b011101000000110,
            0b010010010110100, 0b010000110000011, 0b010111011011010, 0b010101111101101,
        ]),
        (.high, [
            0b001011010001001, 0b001001110111110, 0b001110011100111, 0b001100111010000,
            0b000011101100010, 0b000001001010101, 0b000110100001100, 0b000100000111011,
        ]),
    ]

    @Test("Format words for every level and mask match the standard's table")
    func formatWordsMatchTable() {
        for (level, words) in Self.formatWords {
            for mask in MaskPattern.allCases {
                #expect(
                    FormatInformation.formatBits(level: level, mask: mask) == words[mask.rawValue],
                    "level \(level), mask \(mask.rawValue)"
                )
            }
        }
    }

    @Test("Any two format words differ in at least 7 bits, so 3 bit errors can be corrected")
    func formatWordsAreFarApart() {
        let words = Self.formatWords.flatMap(\.1)
        for i in words.indices {
            for j in words.indices where j > i {
                #expect((words[i] ^ words[j]).nonzeroBitCount >= 7)
            }
        }
    }

    @Test("Version words match ISO/IEC 18004 annex D, table D.1")
    func versionWordsMatchTable() {
        #expect(FormatInformation.versionBits(version: 7) == 0x07C94)
        #expect(FormatInformation.versionBits(version: 8) == 0x085BC)
        #expect(FormatInformation.versionBits(version: 9) == 0x09A99)
        #expect(FormatInformation.versionBits(version: 10) == 0x0A4D3)
        #expect(FormatInformation.versionBits(version: 40) == 0x28C69)
    }

    @Test("Every version word is divisible by the generator and carries its version in the top 6 bits")
    func versionWordsAreCodewords() {
        for version in 7...40 {
            let word = FormatInformation.versionBits(version: version)
            #expect(word >> 12 == version)
            #expect(FormatInformation.remainder(of: word, generator: FormatInformation.versionGenerator) == 0)
        }
    }
}
