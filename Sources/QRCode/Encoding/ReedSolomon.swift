/// Computes the error-correction codewords for one block, as ISO/IEC 18004 section 7.5.2 does:
/// the remainder of the data polynomial times xⁿ divided by the generator polynomial
/// g(x) = (x − α⁰)(x − α¹)…(x − αⁿ⁻¹), where n is the number of error-correction codewords.
struct ReedSolomonEncoder: Sendable {
    /// The generator polynomial's coefficients, highest power first; the leading 1 is included.
    let generator: [UInt8]

    /// The number of error-correction codewords this encoder produces.
    var degree: Int { generator.count - 1 }

    /// An encoder producing `degree` error-correction codewords (7 to 30 in QR codes).
    init(degree: Int) {
        precondition(degree >= 1 && degree <= 254, "Reed–Solomon degree must be 1…254")
        // Multiply out the factors one at a time; in GF(2⁸) subtraction is addition (XOR).
        var polynomial: [UInt8] = [1]
        for power in 0..<degree {
            let root = GaloisField.alpha(toThe: power)
            var product = [UInt8](repeating: 0, count: polynomial.count + 1)
            for (index, coefficient) in polynomial.enumerated() {
                product[index] ^= coefficient
                product[index + 1] ^= GaloisField.multiply(coefficient, root)
            }
            polynomial = product
        }
        generator = polynomial
    }

    /// The error-correction codewords for `data`, highest power first.
    func errorCorrection(for data: [UInt8]) -> [UInt8] {
        // Long division as a shift register: each data byte cancels the leading term, and the
        // generator multiple that cancels it is added into the running remainder.
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            guard factor != 0 else { continue }
            for index in 0..<degree {
                remainder[index] ^= GaloisField.multiply(generator[index + 1], factor)
            }
        }
        return remainder
    }
}
