import Testing

@testable import QRCode

@Suite("Version capacities and block structure")
struct VersionTableTests {
    /// Byte-mode capacities from ISO/IEC 18004 table 7, in L, M, Q, H order.
    static let byteCapacities: [(version: Int, capacities: [Int])] = [
        (1, [17, 14, 11, 7]),
        (2, [32, 26, 20, 14]),
        (7, [154, 122, 86, 64]),
        (9, [230, 180, 130, 98]),
        (10, [271, 213, 151, 119]),
        (20, [858, 666, 482, 382]),
        (40, [2953, 2331, 1663, 1273]),
    ]

    /// Remainder bits per version, ISO/IEC 18004 table 1: the modules left after the last codeword.
    static func remainderBits(version: Int) -> Int {
        switch version {
        case 2...6: 7
        case 14...20, 28...34: 3
        case 21...27: 4
        default: 0
        }
    }

    static let levels = QRCode.ErrorCorrection.allCases

    @Test("Total codewords per version match table 1")
    func totalCodewords() {
        let expected = [1: 26, 2: 44, 6: 172, 7: 196, 10: 346, 14: 581, 20: 1085, 21: 1156, 27: 1828, 28: 1921, 40: 3706]
        for (version, total) in expected {
            #expect(VersionTable.totalCodewordCount(version: version) == total, "version \(version)")
        }
    }

    @Test("Every version's data area holds exactly its codewords plus the remainder bits", arguments: VersionTable.versions)
    func dataAreaMatchesCodewords(version: Int) {
        let matrix = Matrix(version: version)
        let dataModules = matrix.isFunction.filter { !$0 }.count
        #expect(dataModules == VersionTable.totalCodewordCount(version: version) * 8 + Self.remainderBits(version: version))
    }

    @Test("Byte-mode capacities match table 7")
    func byteCapacitiesMatchStandard() {
        for (version, capacities) in Self.byteCapacities {
            for (level, capacity) in zip(Self.levels, capacities) {
                #expect(VersionTable.byteCapacity(version: version, level: level) == capacity, "\(version)-\(level)")
            }
        }
    }

    @Test("Block layouts match table 9 for examples with one and two block sizes")
    func blockLayouts() {
        // 5-Q: two blocks of (33, 15) and two of (34, 16).
        #expect(VersionTable.blockLayout(version: 5, level: .quartile) == BlockLayout(dataLengths: [15, 15, 16, 16], errorCorrectionPerBlock: 18))
        // 1-H: a single (26, 9) block.
        #expect(VersionTable.blockLayout(version: 1, level: .high) == BlockLayout(dataLengths: [9], errorCorrectionPerBlock: 17))
        // 40-H: 20 blocks of (45, 15) and 61 of (46, 16).
        let layout = VersionTable.blockLayout(version: 40, level: .high)
        #expect(layout.dataLengths == Array(repeating: 15, count: 20) + Array(repeating: 16, count: 61))
        #expect(layout.errorCorrectionPerBlock == 30)
    }

    @Test("For every version and level the blocks use up all codewords and differ by at most one data codeword")
    func blocksAreConsistent() {
        for version in VersionTable.versions {
            for level in Self.levels {
                let layout = VersionTable.blockLayout(version: version, level: level)
                #expect(layout.totalCodewordCount == VersionTable.totalCodewordCount(version: version))
                #expect((layout.dataLengths.max() ?? 0) - (layout.dataLengths.min() ?? 0) <= 1)
                #expect(layout.dataLengths == layout.dataLengths.sorted())
            }
        }
    }

    @Test("Capacity grows with the version and falls with the error-correction level")
    func capacitiesAreMonotonic() {
        for level in Self.levels {
            let capacities = VersionTable.versions.map { VersionTable.byteCapacity(version: $0, level: level) }
            #expect(zip(capacities, capacities.dropFirst()).allSatisfy { $0 < $1 })
        }
        for version in VersionTable.versions {
            let capacities = Self.levels.map { VersionTable.byteCapacity(version: version, level: $0) }
            #expect(zip(capacities, capacities.dropFirst()).allSatisfy { $0 > $1 })
        }
    }

    @Test("Alignment coordinates start at 6, end 7 from the far edge and are evenly spaced after the first (irregular) gap")
    func alignmentCoordinates() {
        #expect(AlignmentPatterns.coordinates(version: 1).isEmpty)
        for version in 2...40 {
            let values = AlignmentPatterns.coordinates(version: version)
            #expect(values.count == version / 7 + 2, "version \(version)")
            #expect(values.first == 6)
            #expect(values.last == 17 + 4 * version - 7)
            let gaps = zip(values.dropFirst(), values.dropFirst(2)).map { $1 - $0 }
            #expect(Set(gaps).count <= 1, "version \(version)")
            #expect(gaps.allSatisfy { $0 % 2 == 0 })
        }
    }
}
