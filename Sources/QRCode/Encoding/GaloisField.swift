/// Arithmetic in GF(2⁸), the field Reed–Solomon codes in QR codes work in.
///
/// Elements are bytes; addition is XOR. Multiplication is polynomial multiplication modulo
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D), the primitive polynomial ISO/IEC 18004 fixes, with α = 2 as
/// the generator. Exponent and logarithm tables make a product two look-ups and an addition.
enum GaloisField {
    /// The reducing polynomial, including the x⁸ term.
    static let primitivePolynomial = 0x11D

    /// `exponents[i]` is αⁱ. The table runs to 510 so that the sum of two logarithms needs no
    /// reduction modulo 255.
    static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= primitivePolynomial }
        }
        return table
    }()

    /// `logarithms[x]` is the i with αⁱ = x, for x ≠ 0 (the entry for 0 is unused).
    static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 { table[Int(exponents[power])] = power }
        return table
    }()

    /// αⁿ for any n ≥ 0.
    static func alpha(toThe power: Int) -> UInt8 {
        exponents[power % 255]
    }

    /// The product of two field elements.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }
}
