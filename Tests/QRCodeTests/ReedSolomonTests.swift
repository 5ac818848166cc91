import Testing

@testable import QRCode

@Suite("Reed–Solomon error correction")
struct ReedSolomonTests {
    /// The data polynomial followed by its error-correction codewords, evaluated at x, highest
    /// power first (Horner's rule).
    static func evaluate(_ codeword: [UInt8], at x: UInt8) -> UInt8 {
        codeword.reduce(0) { GaloisField.multiply($0, x) ^ $1 }
    }

    /// Every error-correction degree that occurs in the version table.
    static let degreesInUse = [7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30]

    @Test("Generator polynomials match ISO/IEC 18004 annex A (as exponents of α)")
    func generatorPolynomials() {
        let exponents = { (degree: Int) in ReedSolomonEncoder(degree: degree).generator.map { GaloisField.logarithms[Int($0)] } }
        #expect(exponents(7) == [0, 87, 229, 146, 149, 238, 102, 21])
        #expect(exponents(10) == [0, 251, 67, 46, 61, 118, 70, 64, 94, 32, 45])
    }

    @Test("The 1-M \"HELLO WORLD\" example: known data codewords give the known error-correction codewords")
    func helloWorldOneM() {
        // Alphanumeric "HELLO WORLD" at 1-M, as worked through in the standard's examples.
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ecc = ReedSolomonEncoder(degree: 10).errorCorrection(for: data)
        #expect(ecc == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("The annex I example \"01234567\" at 1-M")
    func annexIOneM() {
        let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        let ecc = ReedSolomonEncoder(degree: 10).errorCorrection(for: data)
        #expect(ecc == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
    }

    @Test("Data plus error correction is a codeword: zero at every root α⁰…αⁿ⁻¹", arguments: degreesInUse)
    func syndromesVanish(degree: Int) {
        var generator = SeededBytes(seed: UInt64(degree))
        let encoder = ReedSolomonEncoder(degree: degree)
        for length in [1, 15, 54, 123] {
            let data = generator.bytes(length)
            let codeword = data + encoder.errorCorrection(for: data)
            for power in 0..<degree {
                #expect(Self.evaluate(codeword, at: GaloisField.alpha(toThe: power)) == 0)
            }
        }
    }

    @Test("A single corrupted codeword shows up in the syndromes")
    func corruptionIsDetected() {
        var generator = SeededBytes(seed: 99)
        let data = generator.bytes(40)
        var codeword = data + ReedSolomonEncoder(degree: 18).errorCorrection(for: data)
        codeword[17] ^= 0x5A
        let syndromes = (0..<18).map { Self.evaluate(codeword, at: GaloisField.alpha(toThe: $0)) }
        #expect(syndromes.allSatisfy { $0 != 0 })
    }
}
