extension Matrix {
    /// Draws the patterns a reader uses to find and measure the symbol (ISO/IEC 18004 section
    /// 6.3), and reserves the format-information modules so codewords are not placed there.
    mutating func drawFunctionPatterns(version: Int) {
        drawTimingPatterns()
        drawFinderPattern(centreX: 3, centreY: 3)
        drawFinderPattern(centreX: size - 4, centreY: 3)
        drawFinderPattern(centreX: 3, centreY: size - 4)
        for centre in AlignmentPatterns.centres(version: version) {
            drawAlignmentPattern(centreX: centre.x, centreY: centre.y)
        }
        // Reserved now, drawn once the mask is known; the bits are placeholders.
        drawFormatBits(0)
        if version >= 7 { drawVersionInformation(version: version) }
    }

    /// Alternating modules in row 6 and column 6, dark on even coordinates. Drawn first: the
    /// finder and alignment patterns then overwrite the parts they cover.
    private mutating func drawTimingPatterns() {
        for index in 0..<size {
            setFunctionModule(x: 6, y: index, dark: index % 2 == 0)
            setFunctionModule(x: index, y: 6, dark: index % 2 == 0)
        }
    }

    /// A 7×7 finder pattern with the one-module light separator around it, clipped to the symbol.
    private mutating func drawFinderPattern(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                // Rings by Chebyshev distance: 3×3 core and outer ring dark, ring 2 and the
                // separator (ring 4) light.
                let ring = max(abs(dx), abs(dy))
                setFunctionModule(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark centre, light ring, dark ring.
    private mutating func drawAlignmentPattern(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunctionModule(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }
}
