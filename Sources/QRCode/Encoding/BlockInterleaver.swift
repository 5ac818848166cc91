/// Splits the data codewords into blocks, adds each block's Reed–Solomon codewords and
/// interleaves the result (ISO/IEC 18004 sections 7.5 and 7.6).
///
/// Interleaving spreads each block over the whole symbol, so that a local smudge damages a few
/// codewords of many blocks rather than many codewords of one block.
enum BlockInterleaver {
    /// The final codeword sequence to place in a symbol of `version` at `level`.
    static func addErrorCorrection(to data: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let layout = VersionTable.blockLayout(version: version, level: level)
        precondition(data.count == layout.dataCodewordCount, "expected \(layout.dataCodewordCount) data codewords")

        let encoder = ReedSolomonEncoder(degree: layout.errorCorrectionPerBlock)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var start = data.startIndex
        for length in layout.dataLengths {
            dataBlocks.append(data[start..<start + length])
            start += length
        }
        let eccBlocks = dataBlocks.map { encoder.errorCorrection(for: Array($0)) }

        // Column by column: the first codeword of every block, then the second, and so on.
        // Short blocks come first and simply have no codeword in the last data column.
        var result: [UInt8] = []
        result.reserveCapacity(layout.totalCodewordCount)
        for column in 0..<(layout.dataLengths.max() ?? 0) {
            for block in dataBlocks where column < block.count {
                result.append(block[block.startIndex + column])
            }
        }
        for column in 0..<layout.errorCorrectionPerBlock {
            for block in eccBlocks { result.append(block[column]) }
        }
        return result
    }
}
