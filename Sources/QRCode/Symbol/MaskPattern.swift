/// The eight data masks (ISO/IEC 18004 section 7.8.2, table 10).
///
/// A mask inverts the data modules where its condition holds, breaking up large light or dark
/// areas and shapes that look like finder patterns, which would confuse a reader.
enum MaskPattern: Int, CaseIterable, Sendable {
    case pattern0, pattern1, pattern2, pattern3, pattern4, pattern5, pattern6, pattern7

    /// Whether the module at column `x`, row `y` is inverted. The standard writes the conditions
    /// with i for the row and j for the column.
    func inverts(x j: Int, y i: Int) -> Bool {
        switch self {
        case .pattern0: (i + j) % 2 == 0
        case .pattern1: i % 2 == 0
        case .pattern2: j % 3 == 0
        case .pattern3: (i + j) % 3 == 0
        case .pattern4: (i / 2 + j / 3) % 2 == 0
        case .pattern5: (i * j) % 2 + (i * j) % 3 == 0
        case .pattern6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        case .pattern7: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// The mask whose result has the lowest penalty score, the first one on a tie.
    ///
    /// Each candidate is scored with its own format information drawn, because those modules
    /// take part in the patterns the penalty rules count.
    static func lowestPenalty(for matrix: Matrix, level: QRCode.ErrorCorrection) -> MaskPattern {
        var best = MaskPattern.pattern0
        var bestScore = Int.max
        for mask in allCases {
            var candidate = matrix
            candidate.apply(mask)
            candidate.drawFormatInformation(level: level, mask: mask)
            let score = PenaltyScore.total(of: candidate)
            if score < bestScore {
                best = mask
                bestScore = score
            }
        }
        return best
    }
}

extension Matrix {
    /// Inverts every data module where `mask` says so; function modules are left alone.
    mutating func apply(_ mask: MaskPattern) {
        for y in 0..<size {
            for x in 0..<size where !isFunctionModule(x: x, y: y) && mask.inverts(x: x, y: y) {
                self[x: x, y: y].toggle()
            }
        }
    }
}
