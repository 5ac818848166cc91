import Testing

@testable import QRCode

@Suite("Data codewords and block interleaving")
struct DataCodewordsTests {
    @Test("Bits are packed most significant first across byte boundaries")
    func bitBuffer() {
        var buffer = BitBuffer()
        buffer.append(0b0100, width: 4)
        buffer.append(0b0000_0101, width: 8)
        buffer.append(1, width: 1)
        #expect(buffer.count == 13)
        #expect(buffer.bytes == [0b0100_0000, 0b0101_1000])
    }

    @Test("\"hello\" at 1-M: mode, count, bytes, terminator, then alternating pad codewords")
    func helloOneM() {
        let codewords = DataCodewords.encode(Array("hello".utf8), version: 1, level: .medium)
        // 0100 | 00000101 | 'h' 'e' 'l' 'l' 'o' | 0000, then 0xEC 0x11 … up to 16 codewords.
        #expect(codewords == [0x40, 0x56, 0x86, 0x56, 0xC6, 0xC6, 0xF0, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC])
    }

    @Test("A full symbol has no room for pad codewords; the terminator is cut to what fits")
    func fullSymbol() {
        // 14 bytes at 1-M: 4 + 8 + 112 = 124 of 128 bits, leaving exactly the 4 terminator bits.
        let bytes = [UInt8](repeating: 0xFF, count: 14)
        let codewords = DataCodewords.encode(bytes, version: 1, level: .medium)
        #expect(codewords.count == 16)
        #expect(codewords.first == 0x40)
        #expect(codewords.last == 0xF0)
        #expect(!codewords.contains(0xEC))
    }

    @Test("From version 10 the character count takes 16 bits")
    func longCountIndicator() {
        let codewords = DataCodewords.encode([0xAB], version: 10, level: .low)
        // 0100 | 0000000000000001 | 10101011 | 0000 …
        #expect(Array(codewords.prefix(4)) == [0x40, 0x00, 0x1A, 0xB0])
        #expect(codewords.count == VersionTable.dataCodewordCount(version: 10, level: .low))
    }

    @Test("5-Q: data interleaved column by column, the long blocks' extra codeword last, then the ECC columns")
    func interleaving5Q() {
        let data = (0..<62).map(UInt8.init)
        let result = BlockInterleaver.addErrorCorrection(to: data, version: 5, level: .quartile)
        #expect(result.count == 134)
        // Blocks hold 0…14, 15…29, 30…45 and 46…61.
        #expect(Array(result.prefix(8)) == [0, 15, 30, 46, 1, 16, 31, 47])
        #expect(Array(result[56..<62]) == [14, 29, 44, 60, 45, 61])
        let encoder = ReedSolomonEncoder(degree: 18)
        let blockECC = [0..<15, 15..<30, 30..<46, 46..<62].map { encoder.errorCorrection(for: Array(data[$0])) }
        #expect(Array(result[62..<66]) == blockECC.map { $0[0] })
        #expect(Array(result[130..<134]) == blockECC.map { $0[17] })
    }
}
