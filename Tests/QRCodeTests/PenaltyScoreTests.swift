import Testing

@testable import QRCode

@Suite("Masks and the penalty rules")
struct PenaltyScoreTests {
    /// A square grid from rows of '#' (dark) and '.' (light).
    static func grid(_ rows: [String]) -> Matrix {
        var matrix = Matrix(size: rows.count)
        for (y, row) in rows.enumerated() {
            for (x, character) in row.enumerated() { matrix[x: x, y: y] = character == "#" }
        }
        return matrix
    }

    @Test("Mask conditions follow table 10 (i is the row, j the column)")
    func maskConditions() {
        // Mask 1 depends on the row only, mask 2 on the column only.
        #expect(MaskPattern.pattern1.inverts(x: 5, y: 2) && !MaskPattern.pattern1.inverts(x: 2, y: 5))
        #expect(MaskPattern.pattern2.inverts(x: 3, y: 1) && !MaskPattern.pattern2.inverts(x: 1, y: 3))
        // Mask 4: (⌊i/2⌋ + ⌊j/3⌋) mod 2 = 0.
        #expect(MaskPattern.pattern4.inverts(x: 3, y: 2))
        #expect(!MaskPattern.pattern4.inverts(x: 3, y: 0))
        #expect(!MaskPattern.pattern4.inverts(x: 0, y: 2))
        // Masks 5–7 at (i, j) = (1, 1) and (2, 3).
        let atOneOne = [MaskPattern.pattern5, .pattern6, .pattern7].map { $0.inverts(x: 1, y: 1) }
        #expect(atOneOne == [false, true, false])
        let atThreeTwo = [MaskPattern.pattern5, .pattern6, .pattern7].map { $0.inverts(x: 3, y: 2) }
        #expect(atThreeTwo == [true, true, false])
        // Every mask inverts the top-left corner module.
        #expect(MaskPattern.allCases.allSatisfy { $0.inverts(x: 0, y: 0) })
    }

    @Test("A mask changes data modules only, and applying it twice restores the symbol")
    func maskTouchesDataOnly() {
        var matrix = Matrix(version: 3)
        var random = SeededBytes(seed: 3)
        matrix.placeCodewords(random.bytes(VersionTable.totalCodewordCount(version: 3)))
        for mask in MaskPattern.allCases {
            var masked = matrix
            masked.apply(mask)
            for y in 0..<matrix.size {
                for x in 0..<matrix.size where matrix.isFunctionModule(x: x, y: y) {
                    #expect(masked[x: x, y: y] == matrix[x: x, y: y])
                }
            }
            masked.apply(mask)
            #expect(masked.modules == matrix.modules)
        }
    }

    @Test("Rule 1: a run of five scores 3, each module more 1")
    func sameColourRuns() {
        // Checkerboard (no runs) with the first row all dark: one run of 7 → 3 + 2.
        var rows = (0..<7).map { y in String((0..<7).map { x in (x + y) % 2 == 0 ? "#" : "." }) }
        rows[0] = "#######"
        #expect(PenaltyScore.sameColourRuns(in: Self.grid(rows)) == 5)
        // All light 5×5: five rows and five columns with a run of exactly five.
        #expect(PenaltyScore.sameColourRuns(in: Matrix(size: 5)) == 30)
    }

    @Test("Rule 2: each 2×2 block of one colour scores 3")
    func sameColourBlocks() {
        #expect(PenaltyScore.sameColourBlocks(in: Matrix(size: 5)) == 16 * 3)
        let grid = Self.grid(["##..", "##.#", "#.#.", ".#.#"])
        #expect(PenaltyScore.sameColourBlocks(in: grid) == 3)
    }

    @Test("Rule 3: 1:1:3:1:1 with four light modules on one side scores 40; without them nothing")
    func finderLikePatterns() {
        let blank = String(repeating: ".", count: 12)
        let lightAfterOnly = Self.grid(["##.###.#...."] + Array(repeating: blank, count: 11))
        #expect(PenaltyScore.finderLikePatterns(in: lightAfterOnly) == 40)
        let lightBeforeOnly = Self.grid(["....#.###.##"] + Array(repeating: blank, count: 11))
        #expect(PenaltyScore.finderLikePatterns(in: lightBeforeOnly) == 40)
        // At the edge, the quiet zone supplies the light side.
        let atEdge = Self.grid(["#.###.###..."] + Array(repeating: blank, count: 11))
        #expect(PenaltyScore.finderLikePatterns(in: atEdge) == 40)
        let enclosed = Self.grid(["##.###.##"] + Array(repeating: ".........", count: 8))
        #expect(PenaltyScore.finderLikePatterns(in: enclosed) == 0)
        // The same pattern down a column counts too.
        let column = Self.grid("#.###.#....".map { "\($0)" + String(repeating: ".", count: 10) })
        #expect(PenaltyScore.finderLikePatterns(in: column) == 40)
    }

    @Test("Rule 4: 10 for every full 5 % away from half dark")
    func darkProportion() {
        #expect(PenaltyScore.darkProportion(of: Matrix(size: 5)) == 100)
        var grid = Matrix(size: 10)
        for index in 0..<45 { grid[x: index % 10, y: index / 10] = true }
        #expect(PenaltyScore.darkProportion(of: grid) == 10)
        for index in 45..<50 { grid[x: index % 10, y: index / 10] = true }
        #expect(PenaltyScore.darkProportion(of: grid) == 0)
        for index in 50..<54 { grid[x: index % 10, y: index / 10] = true }
        #expect(PenaltyScore.darkProportion(of: grid) == 0)
    }

    @Test("The encoder keeps the first mask with the lowest penalty", arguments: [
        "otpauth://totp/Customer%20Portal:ann%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Customer%20Portal",
        "a", String(repeating: "0123456789", count: 30),
    ])
    func lowestPenaltyMaskIsChosen(text: String) throws {
        let chosen = try QRCode(text: text)
        let scores = try MaskPattern.allCases.map { mask in
            let code = try QRCode(bytes: Array(text.utf8), errorCorrection: .medium, forcedMask: mask)
            return PenaltyScore.total(of: Self.matrix(of: code))
        }
        #expect(chosen.mask == scores.firstIndex(of: scores.min()!))
    }

    static func matrix(of code: QRCode) -> Matrix {
        var matrix = Matrix(size: code.size)
        for y in 0..<code.size {
            for x in 0..<code.size { matrix[x: x, y: y] = code.isDark(x: x, y: y) }
        }
        return matrix
    }
}
