/// How the codewords of one symbol are divided into blocks, as ISO/IEC 18004 table 9 gives it
/// per version and level.
struct BlockLayout: Sendable, Equatable {
    /// Data codewords in each block, short blocks first.
    let dataLengths: [Int]
    /// Error-correction codewords in every block.
    let errorCorrectionPerBlock: Int

    var dataCodewordCount: Int { dataLengths.reduce(0, +) }
    var totalCodewordCount: Int { dataCodewordCount + dataLengths.count * errorCorrectionPerBlock }
}

/// Capacities of the 40 versions (ISO/IEC 18004 tables 1, 3 and 9).
enum VersionTable {
    /// The versions there are.
    static let versions = 1...40

    /// Per version, per level in L, M, Q, H order: (number of blocks, error-correction codewords
    /// per block). Every other figure follows from these and the module count: when the
    /// codewords do not split evenly, the last blocks carry one data codeword more.
    private static let blocks: [[(count: Int, errorCorrection: Int)]] = [
        /*  1 */ [( 1,  7), ( 1, 10), ( 1, 13), ( 1, 17)],
        /*  2 */ [( 1, 10), ( 1, 16), ( 1, 22), ( 1, 28)],
        /*  3 */ [( 1, 15), ( 1, 26), ( 2, 18), ( 2, 22)],
        /*  4 */ [( 1, 20), ( 2, 18), ( 2, 26), ( 4, 16)],
        /*  5 */ [( 1, 26), ( 2, 24), ( 4, 18), ( 4, 22)],
        /*  6 */ [( 2, 18), ( 4, 16), ( 4, 24), ( 4, 28)],
        /*  7 */ [( 2, 20), ( 4, 18), ( 6, 18), ( 5, 26)],
        /*  8 */ [( 2, 24), ( 4, 22), ( 6, 22), ( 6, 26)],
        /*  9 */ [( 2, 30), ( 5, 22), ( 8, 20), ( 8, 24)],
        /* 10 */ [( 4, 18), ( 5, 26), ( 8, 24), ( 8, 28)],
        /* 11 */ [( 4, 20), ( 5, 30), ( 8, 28), (11, 24)],
        /* 12 */ [( 4, 24), ( 8, 22), (10, 26), (11, 28)],
        /* 13 */ [( 4, 26), ( 9, 22), (12, 24), (16, 22)],
        /* 14 */ [( 4, 30), ( 9, 24), (16, 20), (16, 24)],
        /* 15 */ [( 6, 22), (10, 24), (12, 30), (18, 24)],
        /* 16 */ [( 6, 24), (10, 28), (17, 24), (16, 30)],
        /* 17 */ [( 6, 28), (11, 28), (16, 28), (19, 28)],
        /* 18 */ [( 6, 30), (13, 26), (18, 28), (21, 28)],
        /* 19 */ [( 7, 28), (14, 26), (21, 26), (25, 26)],
        /* 20 */ [( 8, 28), (16, 26), (20, 30), (25, 28)],
        /* 21 */ [( 8, 28), (17, 26), (23, 28), (25, 30)],
        /* 22 */ [( 9, 28), (17, 28), (23, 30), (34, 24)],
        /* 23 */ [( 9, 30), (18, 28), (25, 30), (30, 30)],
        /* 24 */ [(10, 30), (20, 28), (27, 30), (32, 30)],
        /* 25 */ [(12, 26), (21, 28), (29, 30), (35, 30)],
        /* 26 */ [(12, 28), (23, 28), (34, 28), (37, 30)],
        /* 27 */ [(12, 30), (25, 28), (34, 30), (40, 30)],
        /* 28 */ [(13, 30), (26, 28), (35, 30), (42, 30)],
        /* 29 */ [(14, 30), (28, 28), (38, 30), (45, 30)],
        /* 30 */ [(15, 30), (29, 28), (40, 30), (48, 30)],
        /* 31 */ [(16, 30), (31, 28), (43, 30), (51, 30)],
        /* 32 */ [(17, 30), (33, 28), (45, 30), (54, 30)],
        /* 33 */ [(18, 30), (35, 28), (48, 30), (57, 30)],
        /* 34 */ [(19, 30), (37, 28), (51, 30), (60, 30)],
        /* 35 */ [(19, 30), (38, 28), (53, 30), (63, 30)],
        /* 36 */ [(20, 30), (40, 28), (56, 30), (66, 30)],
        /* 37 */ [(21, 30), (43, 28), (59, 30), (70, 30)],
        /* 38 */ [(22, 30), (45, 28), (62, 30), (74, 30)],
        /* 39 */ [(24, 30), (47, 28), (65, 30), (77, 30)],
        /* 40 */ [(25, 30), (49, 28), (68, 30), (81, 30)],
    ]

    /// Codewords in a symbol of `version`, data and error correction together.
    ///
    /// Counted from the modules left once the function patterns are drawn; the few modules that
    /// do not make a whole codeword are the remainder bits, left light before masking.
    static func totalCodewordCount(version: Int) -> Int {
        let size = 17 + 4 * version
        let finders = 3 * 64                       // 7×7 finder plus separator, each 8×8
        let formatAndDarkModule = 2 * 15 + 1
        let timing = 2 * (size - 16)
        // n coordinates give n² − 3 patterns (none under a finder); the 2(n − 2) of them in row
        // or column 6 each cover 5 timing modules already counted.
        let n = AlignmentPatterns.coordinates(version: version).count
        let alignment = n == 0 ? 0 : 25 * (n * n - 3) - 5 * 2 * (n - 2)
        let versionInformation = version >= 7 ? 2 * 18 : 0
        let dataModules = size * size - finders - formatAndDarkModule - timing - alignment - versionInformation
        return dataModules / 8
    }

    /// How the codewords of `version` at `level` are divided into blocks.
    static func blockLayout(version: Int, level: QRCode.ErrorCorrection) -> BlockLayout {
        precondition(versions.contains(version), "QR versions are 1…40")
        let entry = blocks[version - 1][levelIndex(level)]
        let dataTotal = totalCodewordCount(version: version) - entry.count * entry.errorCorrection
        let shortLength = dataTotal / entry.count
        let longBlocks = dataTotal % entry.count
        let lengths = Array(repeating: shortLength, count: entry.count - longBlocks)
            + Array(repeating: shortLength + 1, count: longBlocks)
        return BlockLayout(dataLengths: lengths, errorCorrectionPerBlock: entry.errorCorrection)
    }

    /// Data codewords in a symbol of `version` at `level`.
    static func dataCodewordCount(version: Int, level: QRCode.ErrorCorrection) -> Int {
        blockLayout(version: version, level: level).dataCodewordCount
    }

    /// Width of the byte-mode character count indicator: 16 bits from version 10 on.
    static func characterCountBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// The most bytes a byte-mode segment can carry in `version` at `level`.
    static func byteCapacity(version: Int, level: QRCode.ErrorCorrection) -> Int {
        let headerBits = 4 + characterCountBits(version: version)
        return (dataCodewordCount(version: version, level: level) * 8 - headerBits) / 8
    }

    /// The smallest version that holds `byteCount` bytes at `level`, or nil if none does.
    static func smallestVersion(holding byteCount: Int, at level: QRCode.ErrorCorrection) -> Int? {
        versions.first { byteCapacity(version: $0, level: level) >= byteCount }
    }

    private static func levelIndex(_ level: QRCode.ErrorCorrection) -> Int {
        switch level {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }
}
