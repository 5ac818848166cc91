/// The BCH-protected words that tell a reader how a symbol was encoded (ISO/IEC 18004 sections
/// 7.9 and 7.10).
enum FormatInformation {
    /// Generator of the (15, 5) BCH code for format information: x¹⁰ + x⁸ + x⁵ + x⁴ + x² + x + 1.
    static let formatGenerator = 0b101_0011_0111
    /// XORed into the format word so that it is never all light, whatever the level and mask.
    static let formatMask = 0b101_0100_0001_0010
    /// Generator of the (18, 6) BCH code for version information:
    /// x¹² + x¹¹ + x¹⁰ + x⁹ + x⁸ + x⁵ + x² + 1.
    static let versionGenerator = 0b1_1111_0010_0101

    /// The 15-bit format word for `level` and `mask`: 2 level bits, 3 mask bits, 10 check bits,
    /// then masked.
    static func formatBits(level: QRCode.ErrorCorrection, mask: MaskPattern) -> Int {
        let data = level.formatBits << 3 | mask.rawValue
        return (data << 10 | remainder(of: data << 10, generator: formatGenerator)) ^ formatMask
    }

    /// The 18-bit version word for versions 7…40: 6 version bits and 12 check bits.
    static func versionBits(version: Int) -> Int {
        precondition((7...40).contains(version), "only versions 7…40 carry version information")
        return version << 12 | remainder(of: version << 12, generator: versionGenerator)
    }

    /// The remainder of the polynomial `value` over GF(2) divided by `generator`.
    static func remainder(of value: Int, generator: Int) -> Int {
        let degree = Int.bitWidth - generator.leadingZeroBitCount - 1
        var rest = value
        while rest != 0, Int.bitWidth - rest.leadingZeroBitCount - 1 >= degree {
            let shift = (Int.bitWidth - rest.leadingZeroBitCount - 1) - degree
            rest ^= generator << shift
        }
        return rest
    }
}
