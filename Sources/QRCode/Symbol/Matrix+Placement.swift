extension Matrix {
    /// Places the final codeword sequence in the data area (ISO/IEC 18004 section 7.7.3).
    ///
    /// Codewords run in two-module-wide columns from the right edge, upwards then downwards in
    /// turn, skipping function modules; within a column pair the right module comes first. The
    /// vertical timing pattern in column 6 is stepped over as a whole. Modules left over after
    /// the last codeword are the remainder bits and stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var bitIndex = 0
        var upward = true
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in stride(from: right, through: right - 1, by: -1)
                where bitIndex < bitCount && !isFunctionModule(x: x, y: y) {
                    let byte = codewords[bitIndex / 8]
                    self[x: x, y: y] = (byte >> UInt8(7 - bitIndex % 8)) & 1 == 1
                    bitIndex += 1
                }
            }
            upward.toggle()
            right -= 2
        }
        precondition(bitIndex == bitCount, "\(bitCount - bitIndex) bits did not fit the data area")
    }
}
