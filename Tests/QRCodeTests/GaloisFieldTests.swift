import Testing

@testable import QRCode

@Suite("GF(256) arithmetic")
struct GaloisFieldTests {
    /// Carry-less multiplication reduced by 0x11D, bit by bit: slow, but obviously right.
    static func referenceProduct(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var product = 0
        var shifted = Int(a)
        var rest = Int(b)
        while rest != 0 {
            if rest & 1 == 1 { product ^= shifted }
            shifted <<= 1
            if shifted & 0x100 != 0 { shifted ^= 0x11D }
            rest >>= 1
        }
        return UInt8(product)
    }

    @Test("α is a generator: its powers run through all 255 non-zero elements, and α⁸ = 0x1D")
    func alphaGeneratesTheField() {
        let powers = (0..<255).map { GaloisField.alpha(toThe: $0) }
        #expect(Set(powers).count == 255)
        #expect(!powers.contains(0))
        #expect(GaloisField.alpha(toThe: 8) == 0x1D)
        #expect(GaloisField.alpha(toThe: 255) == 1)
    }

    @Test("Logarithms invert exponentiation")
    func logarithmsInvertExponents() {
        for value in 1...255 {
            #expect(GaloisField.alpha(toThe: GaloisField.logarithms[value]) == UInt8(value))
        }
    }

    @Test("Table multiplication agrees with bitwise multiplication for every pair")
    func multiplicationMatchesReference() {
        var mismatches = 0
        for a in 0...255 {
            for b in 0...255 where GaloisField.multiply(UInt8(a), UInt8(b)) != Self.referenceProduct(UInt8(a), UInt8(b)) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test("Every non-zero element has an inverse; zero annihilates")
    func inversesAndZero() {
        for a in 1...255 {
            let inverse = GaloisField.alpha(toThe: 255 - GaloisField.logarithms[a])
            #expect(GaloisField.multiply(UInt8(a), inverse) == 1)
            #expect(GaloisField.multiply(UInt8(a), 0) == 0)
            #expect(GaloisField.multiply(0, UInt8(a)) == 0)
        }
    }

    @Test("Multiplication distributes over addition (XOR)")
    func distributivity() {
        for a in stride(from: 0, through: 255, by: 7) {
            for b in stride(from: 0, through: 255, by: 11) {
                for c in stride(from: 0, through: 255, by: 13) {
                    let (a, b, c) = (UInt8(a), UInt8(b), UInt8(c))
                    #expect(GaloisField.multiply(a, b ^ c) == GaloisField.multiply(a, b) ^ GaloisField.multiply(a, c))
                }
            }
        }
    }
}
