import Testing

@testable import QRCode

@Suite("Function patterns and codeword placement")
struct MatrixTests {
    /// A 9×9 finder with its separator, clipped where it meets the edge, as rows of '#' and '.'.
    static let finder = [
        "#######.",
        "#.....#.",
        "#.###.#.",
        "#.###.#.",
        "#.###.#.",
        "#.....#.",
        "#######.",
        "........",
    ]

    static func picture(_ matrix: Matrix, x: Range<Int>, y: Range<Int>) -> [String] {
        y.map { row in String(x.map { matrix[x: $0, y: row] ? "#" : "." }) }
    }

    @Test("Finder patterns and separators sit in three corners", arguments: [1, 7, 40])
    func finderPatterns(version: Int) {
        let matrix = Matrix(version: version)
        let last = matrix.size
        #expect(Self.picture(matrix, x: 0..<8, y: 0..<8) == Self.finder)
        #expect(Self.picture(matrix, x: last - 8..<last, y: 0..<8) == Self.finder.map { String($0.reversed()) })
        #expect(Self.picture(matrix, x: 0..<8, y: last - 8..<last) == Self.finder.reversed())
    }

    @Test("Timing patterns alternate between the finders, starting dark", arguments: [1, 10, 40])
    func timingPatterns(version: Int) {
        let matrix = Matrix(version: version)
        for index in 8..<(matrix.size - 8) {
            #expect(matrix[x: index, y: 6] == (index % 2 == 0))
            #expect(matrix[x: 6, y: index] == (index % 2 == 0))
        }
    }

    @Test("The dark module sits at (8, 4V + 9)", arguments: [1, 2, 7, 40])
    func darkModule(version: Int) {
        let matrix = Matrix(version: version)
        #expect(matrix[x: 8, y: 4 * version + 9])
        #expect(matrix.isFunctionModule(x: 8, y: 4 * version + 9))
    }

    @Test("Version 7 has six alignment patterns, none under a finder")
    func alignmentPatternsVersion7() {
        let matrix = Matrix(version: 7)
        let centres = AlignmentPatterns.centres(version: 7).map { [$0.x, $0.y] }
        #expect(Set(centres) == [[22, 6], [6, 22], [22, 22], [38, 22], [22, 38], [38, 38]])
        #expect(Self.picture(matrix, x: 36..<41, y: 36..<41) == ["#####", "#...#", "#.#.#", "#...#", "#####"])
    }

    @Test("Version information is in both 6×3 blocks and reads back, bit 0 first", arguments: [7, 21, 40])
    func versionInformationBlocks(version: Int) {
        let matrix = Matrix(version: version)
        var topRight = 0, bottomLeft = 0
        for index in 0..<18 {
            let along = index / 3, across = matrix.size - 11 + index % 3
            if matrix[x: across, y: along] { topRight |= 1 << index }
            if matrix[x: along, y: across] { bottomLeft |= 1 << index }
        }
        #expect(topRight == FormatInformation.versionBits(version: version))
        #expect(bottomLeft == topRight)
    }

    @Test("Versions below 7 carry no version information")
    func noVersionInformationBelow7() {
        let matrix = Matrix(version: 6)
        // Where version 7 would put its blocks, version 6 has data modules.
        #expect(!matrix.isFunctionModule(x: matrix.size - 11, y: 0))
        #expect(!matrix.isFunctionModule(x: 0, y: matrix.size - 11))
    }

    @Test("Both copies of the format information in a finished symbol hold its level and mask")
    func formatInformationCopies() throws {
        for level in QRCode.ErrorCorrection.allCases {
            let code = try QRCode(text: "format \(level)", errorCorrection: level)
            let size = code.size
            var first = 0, second = 0
            let firstPositions = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9...14).map { (14 - $0, 8) }
            let secondPositions = (0...7).map { (size - 1 - $0, 8) } + (8...14).map { (8, size - 15 + $0) }
            for (bit, position) in firstPositions.enumerated() where code.isDark(x: position.0, y: position.1) {
                first |= 1 << bit
            }
            for (bit, position) in secondPositions.enumerated() where code.isDark(x: position.0, y: position.1) {
                second |= 1 << bit
            }
            let expected = FormatInformation.formatBits(level: level, mask: MaskPattern(rawValue: code.mask)!)
            #expect(first == expected)
            #expect(second == expected)
        }
    }

    @Test("Placement starts in the bottom-right corner and moves up in two-module columns")
    func placementOrder() {
        var matrix = Matrix(version: 1)
        // The first codeword, 0b10110000, fills (20,20) (19,20) (20,19) (19,19) (20,18) …
        matrix.placeCodewords([0b1011_0000] + Array(repeating: 0, count: 25))
        let firstEight = [(20, 20), (19, 20), (20, 19), (19, 19), (20, 18), (19, 18), (20, 17), (19, 17)]
        #expect(firstEight.map { matrix[x: $0.0, y: $0.1] } == [true, false, true, true, false, false, false, false])
    }

    @Test("Placement steps over the vertical timing column")
    func placementSkipsTimingColumn() {
        var matrix = Matrix(version: 1)
        matrix.placeCodewords(Array(repeating: 0xFF, count: 26))
        // Every data module is dark and every module of column 6 is still the timing pattern.
        for y in 0..<matrix.size where !matrix.isFunctionModule(x: 5, y: y) {
            #expect(matrix[x: 5, y: y])
        }
        for y in 8..<(matrix.size - 8) {
            #expect(matrix[x: 6, y: y] == (y % 2 == 0))
        }
    }
}
