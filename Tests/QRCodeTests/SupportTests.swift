import Testing

/// The test's own PNG writer is checked against published check values, so a decoding failure
/// points at the encoder, not at the image.
@Suite("Test support: PNG writer")
struct SupportTests {
    @Test("CRC-32 and Adler-32 match their standard check values")
    func checksums() {
        #expect(PNGImage.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test("Stored zlib blocks split at 65 535 bytes, only the last marked final")
    func storedBlocks() {
        let stream = PNGImage.zlibStored(Array(repeating: 7, count: 70_000))
        #expect(Array(stream.prefix(3)) == [0x78, 0x01, 0])
        #expect(Array(stream[3..<7]) == [0xFF, 0xFF, 0x00, 0x00])
        let second = 2 + 5 + 65_535
        #expect(stream[second] == 1)
        #expect(stream.count == 2 + 5 + 65_535 + 5 + 4_465 + 4)
    }
}
