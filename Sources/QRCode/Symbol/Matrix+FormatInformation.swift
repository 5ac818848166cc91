extension Matrix {
    /// Draws both copies of the format information for `level` and `mask`.
    mutating func drawFormatInformation(level: QRCode.ErrorCorrection, mask: MaskPattern) {
        drawFormatBits(FormatInformation.formatBits(level: level, mask: mask))
    }

    /// Places a 15-bit format word (bit 0 least significant) in its two copies, as in
    /// ISO/IEC 18004 figure 25, plus the dark module beside the lower-left copy.
    ///
    /// Two copies, so that a symbol whose corner is damaged still tells the reader its level and
    /// mask.
    mutating func drawFormatBits(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }

        // Around the top-left finder: up column 8, skipping the timing row, then along row 8.
        for index in 0...5 { setFunctionModule(x: 8, y: index, dark: bit(index)) }
        setFunctionModule(x: 8, y: 7, dark: bit(6))
        setFunctionModule(x: 8, y: 8, dark: bit(7))
        setFunctionModule(x: 7, y: 8, dark: bit(8))
        for index in 9...14 { setFunctionModule(x: 14 - index, y: 8, dark: bit(index)) }

        // Split between the top-right finder (row 8) and the bottom-left finder (column 8).
        for index in 0...7 { setFunctionModule(x: size - 1 - index, y: 8, dark: bit(index)) }
        for index in 8...14 { setFunctionModule(x: 8, y: size - 15 + index, dark: bit(index)) }
        setFunctionModule(x: 8, y: size - 8, dark: true)
    }

    /// Places the 18-bit version word in its two 6×3 blocks beside the top-right and bottom-left
    /// finders (ISO/IEC 18004 figure 27), for versions 7 and up.
    mutating func drawVersionInformation(version: Int) {
        let bits = FormatInformation.versionBits(version: version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let along = index / 3, across = size - 11 + index % 3
            setFunctionModule(x: across, y: along, dark: dark)
            setFunctionModule(x: along, y: across, dark: dark)
        }
    }
}
