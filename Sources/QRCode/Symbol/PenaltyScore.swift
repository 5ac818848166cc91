/// The mask evaluation of ISO/IEC 18004 section 7.8.3: a score for features that make a symbol
/// harder to read. The encoder keeps the mask with the lowest total.
///
/// Every rule walks the flat module array with index arithmetic: the score is computed eight
/// times per symbol, on up to 31 329 modules.
enum PenaltyScore {
    /// Weights N1…N4 from table 11.
    static let sameColourRunWeight = 3
    static let sameColourBlockWeight = 3
    static let finderLikeWeight = 40
    static let imbalanceWeight = 10

    /// The sum of all four rules.
    static func total(of matrix: Matrix) -> Int {
        sameColourRuns(in: matrix) + sameColourBlocks(in: matrix)
            + finderLikePatterns(in: matrix) + darkProportion(of: matrix)
    }

    /// Rule 1: each run of five or more same-coloured modules in a row or column scores
    /// N1 + (length − 5).
    static func sameColourRuns(in matrix: Matrix) -> Int {
        let size = matrix.size, modules = matrix.modules
        var score = 0
        for line in 0..<size {
            for (start, step) in [(line * size, 1), (line, size)] {  // the row, then the column
                var runLength = 0
                var previous = false
                for position in 0..<size {
                    let module = modules[start + position * step]
                    runLength = position > 0 && module == previous ? runLength + 1 : 1
                    previous = module
                    if runLength == 5 { score += sameColourRunWeight } else if runLength > 5 { score += 1 }
                }
            }
        }
        return score
    }

    /// Rule 2: each 2×2 block of one colour scores N2. Counting overlapping 2×2 blocks gives the
    /// standard's N2 × (m − 1) × (n − 1) for an m × n block.
    static func sameColourBlocks(in matrix: Matrix) -> Int {
        let size = matrix.size, modules = matrix.modules
        var score = 0
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let index = y * size + x
                let colour = modules[index]
                if modules[index + 1] == colour, modules[index + size] == colour, modules[index + size + 1] == colour {
                    score += sameColourBlockWeight
                }
            }
        }
        return score
    }

    /// Rule 3: each dark-light-dark-dark-dark-light-dark (1:1:3:1:1) sequence in a row or column
    /// with four light modules before or after it scores N3. It is what a finder pattern looks
    /// like across its centre, so data that mimics it could make a reader see a false finder.
    /// Beyond the edge counts as light, since the quiet zone is.
    static func finderLikePatterns(in matrix: Matrix) -> Int {
        let size = matrix.size, modules = matrix.modules
        let core = 0b1011101
        var score = 0
        for line in 0..<size {
            for (start, step) in [(line * size, 1), (line, size)] {
                // A 15-module window: 4 before, the 7 of the core, 4 after. The line is walked
                // with 4 light modules of quiet zone on each side.
                var window = 0
                for position in -4..<(size + 4) {
                    let dark = (0..<size).contains(position) && modules[start + position * step]
                    window = (window << 1 | (dark ? 1 : 0)) & 0x7FFF
                    if (window >> 4) & 0x7F == core, window >> 11 == 0 || window & 0xF == 0 {
                        score += finderLikeWeight
                    }
                }
            }
        }
        return score
    }

    /// Rule 4: N4 for every full 5 % that the share of dark modules is away from 50 %.
    static func darkProportion(of matrix: Matrix) -> Int {
        let total = matrix.size * matrix.size
        var dark = 0
        for module in matrix.modules where module { dark += 1 }
        // |dark/total − 1/2| / 5 %, in integers.
        return imbalanceWeight * (abs(20 * dark - 10 * total) / total)
    }
}
