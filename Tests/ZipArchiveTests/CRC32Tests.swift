import Testing
import ZipArchive

/// CRC-32 (IEEE) against published check values.
@Suite struct CRC32Tests {
    @Test func checkValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("a".utf8)) == 0xE8B7_BE43)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([UInt8](repeating: 0, count: 32)) == 0x190A_55AD)
        #expect(CRC32.checksum([UInt8](repeating: 0xFF, count: 32)) == 0xFF6C_AB0B)
    }

    @Test func updatingInPiecesEqualsTheWhole() {
        let data = randomBytes(100_003, seed: 1)
        var crc = CRC32()
        var start = 0
        for size in [0, 1, 7, 4096, 65_536] + Array(repeating: 10_000, count: 10) {
            let end = min(start + size, data.count)
            crc.update(data[start..<end])
            start = end
        }
        crc.update(data[start...].lazy.map { $0 })  // a non-contiguous collection
        #expect(crc.value == CRC32.checksum(data))
    }
}
