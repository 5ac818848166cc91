/// Turns bytes into the data codewords of one symbol (ISO/IEC 18004 sections 7.4.1–7.4.10):
/// a byte-mode segment, the terminator, zero bits to the next byte boundary, and the pad
/// codewords that fill the rest of the data capacity.
enum DataCodewords {
    /// Mode indicator for 8-bit byte data.
    static let byteModeIndicator = 0b0100

    /// The two pad codewords, used alternately (11101100 and 00010001).
    static let padCodewords: [UInt8] = [0xEC, 0x11]

    /// The data codewords for `bytes` in a symbol of `version` at `level`; the caller has checked
    /// that the bytes fit.
    static func encode(_ bytes: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let capacityBits = VersionTable.dataCodewordCount(version: version, level: level) * 8
        var buffer = BitBuffer()
        buffer.append(byteModeIndicator, width: 4)
        buffer.append(bytes.count, width: VersionTable.characterCountBits(version: version))
        for byte in bytes { buffer.append(Int(byte), width: 8) }
        precondition(buffer.count <= capacityBits, "\(bytes.count) bytes do not fit version \(version)-\(level)")

        // The terminator is up to four zero bits: fewer when the capacity ends sooner.
        buffer.append(0, width: min(4, capacityBits - buffer.count))
        buffer.append(0, width: (8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes
        var padIndex = 0
        while codewords.count * 8 < capacityBits {
            codewords.append(padCodewords[padIndex])
            padIndex ^= 1
        }
        return codewords
    }
}
