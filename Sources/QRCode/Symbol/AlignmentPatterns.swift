/// Where the alignment patterns go (ISO/IEC 18004 annex E).
///
/// The table is the standard's rather than a formula: the spacing is not uniform (version 32 is
/// the odd one out), and a table can be checked against the printed standard line by line.
enum AlignmentPatterns {
    /// Row and column coordinates of the pattern centres for versions 2…40 (version 1 has none).
    /// Every combination of two of them is a centre, except the three that would overlap a finder.
    private static let coordinates: [[Int]] = [
        /*  2 */ [6, 18],
        /*  3 */ [6, 22],
        /*  4 */ [6, 26],
        /*  5 */ [6, 30],
        /*  6 */ [6, 34],
        /*  7 */ [6, 22, 38],
        /*  8 */ [6, 24, 42],
        /*  9 */ [6, 26, 46],
        /* 10 */ [6, 28, 50],
        /* 11 */ [6, 30, 54],
        /* 12 */ [6, 32, 58],
        /* 13 */ [6, 34, 62],
        /* 14 */ [6, 26, 46, 66],
        /* 15 */ [6, 26, 48, 70],
        /* 16 */ [6, 26, 50, 74],
        /* 17 */ [6, 30, 54, 78],
        /* 18 */ [6, 30, 56, 82],
        /* 19 */ [6, 30, 58, 86],
        /* 20 */ [6, 34, 62, 90],
        /* 21 */ [6, 28, 50, 72, 94],
        /* 22 */ [6, 26, 50, 74, 98],
        /* 23 */ [6, 30, 54, 78, 102],
        /* 24 */ [6, 28, 54, 80, 106],
        /* 25 */ [6, 32, 58, 84, 110],
        /* 26 */ [6, 30, 58, 86, 114],
        /* 27 */ [6, 34, 62, 90, 118],
        /* 28 */ [6, 26, 50, 74, 98, 122],
        /* 29 */ [6, 30, 54, 78, 102, 126],
        /* 30 */ [6, 26, 52, 78, 104, 130],
        /* 31 */ [6, 30, 56, 82, 108, 134],
        /* 32 */ [6, 34, 60, 86, 112, 138],
        /* 33 */ [6, 30, 58, 86, 114, 142],
        /* 34 */ [6, 34, 62, 90, 118, 146],
        /* 35 */ [6, 30, 54, 78, 102, 126, 150],
        /* 36 */ [6, 24, 50, 76, 102, 128, 154],
        /* 37 */ [6, 28, 54, 80, 106, 132, 158],
        /* 38 */ [6, 32, 58, 84, 110, 136, 162],
        /* 39 */ [6, 26, 54, 82, 110, 138, 166],
        /* 40 */ [6, 30, 58, 86, 114, 142, 170],
    ]

    /// The row/column coordinates used by `version` (empty for version 1).
    static func coordinates(version: Int) -> [Int] {
        version == 1 ? [] : coordinates[version - 2]
    }

    /// The centres (x, y) of the alignment patterns drawn in `version`.
    static func centres(version: Int) -> [(x: Int, y: Int)] {
        let values = coordinates(version: version)
        guard let first = values.first, let last = values.last else { return [] }
        var result: [(x: Int, y: Int)] = []
        for y in values {
            for x in values {
                // The three corners with finder patterns have no alignment pattern.
                let underFinder = (x == first && y == first) || (x == first && y == last) || (x == last && y == first)
                if !underFinder { result.append((x, y)) }
            }
        }
        return result
    }
}
