import Testing

@testable import QRCode

/// Round trips through an independent decoder: each symbol is rendered to a PNG and read back
/// with zbarimg (Debian package zbar-tools). Without zbarimg these tests fail, naming the package.
@Suite("Decoding with zbarimg")
struct DecodingTests {
    static let totpURI = "otpauth://totp/Customer%20Portal:ann%40example.com?secret=JBSWY3DPEHPK3PXP"
        + "&issuer=Customer%20Portal&algorithm=SHA1&digits=6&period=30"

    static let levels = QRCode.ErrorCorrection.allCases

    @Test("The portal's TOTP enrolment URI decodes at every level", arguments: levels)
    func totpURI(level: QRCode.ErrorCorrection) throws {
        let code = try QRCode(text: Self.totpURI, errorCorrection: level)
        #expect(try Zbar.decode(PNGImage(code)) == Array(Self.totpURI.utf8))
    }

    @Test("Binary data filling versions 1, 2, 7, 10, 20 and 40 decodes at every level",
          arguments: [1, 2, 7, 10, 20, 40], levels)
    func fullVersions(version: Int, level: QRCode.ErrorCorrection) throws {
        var random = SeededBytes(seed: UInt64(version * 4 + Self.levels.firstIndex(of: level)!))
        let bytes = random.bytes(VersionTable.byteCapacity(version: version, level: level))
        let code = try QRCode(bytes: bytes, errorCorrection: level)
        #expect(code.version == version)
        #expect(try Zbar.decode(PNGImage(code)) == bytes)
    }

    @Test("Every version decodes, with the level varying from one version to the next",
          arguments: VersionTable.versions)
    func everyVersion(version: Int) throws {
        let level = Self.levels[version % 4]
        // One byte more than the version below holds, so this version is the one chosen.
        let length = version == 1 ? 5 : VersionTable.byteCapacity(version: version - 1, level: level) + 1
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ version) }
        let code = try QRCode(bytes: bytes, errorCorrection: level)
        #expect(code.version == version)
        #expect(try Zbar.decode(PNGImage(code)) == bytes)
    }

    @Test("Each of the eight masks decodes (version 7, so version information is read too)",
          arguments: MaskPattern.allCases)
    func everyMask(mask: MaskPattern) throws {
        let level = Self.levels[mask.rawValue % 4]
        let text = String(repeating: "mask \(mask.rawValue) ", count: 40)
        let bytes = Array(text.prefix(VersionTable.byteCapacity(version: 7, level: level)).utf8)
        let code = try QRCode(bytes: bytes, errorCorrection: level, forcedMask: mask)
        #expect(code.version == 7)
        #expect(code.mask == mask.rawValue)
        #expect(try Zbar.decode(PNGImage(code)) == bytes)
    }

    @Test("All 256 byte values, in order and reversed, come back exactly")
    func allByteValues() throws {
        let bytes = (0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init)
        let code = try QRCode(bytes: bytes, errorCorrection: .quartile)
        #expect(try Zbar.decode(PNGImage(code)) == bytes)
    }

    @Test("UTF-8 text in several scripts comes back as the same bytes", arguments: [
        "Grüße aus Köln — Straße № 5",
        "日本語のテキストと emoji 👩‍💻🔐",
        "Ελληνικά, русский, עברית, العربية",
        "",
    ])
    func utf8Text(text: String) throws {
        let code = try QRCode(text: text, errorCorrection: .medium)
        #expect(try Zbar.decode(PNGImage(code)) == Array(text.utf8))
    }

    @Test("The largest 2-M input and one byte more both decode, in versions 2 and 3")
    func capacityBoundary() throws {
        for (length, version) in [(26, 2), (27, 3)] {
            let bytes = Array(String(repeating: "boundary-", count: 4).utf8.prefix(length))
            let code = try QRCode(bytes: bytes)
            #expect(code.version == version)
            #expect(try Zbar.decode(PNGImage(code)) == bytes)
        }
    }

    @Test("The SVG itself, rasterised from its path, decodes to the TOTP URI")
    func svgRoundTrip() throws {
        let code = try QRCode(text: Self.totpURI)
        let document = try SVGDocument.parse(code.svg(quietZone: 4, title: "Two-factor set-up"))
        let pathData = try #require(document.elements(named: "path").first?.attributes["d"])
        let picture = try SVGPicture(pathData: pathData, extent: code.size + 8)
        #expect(try Zbar.decode(PNGImage(picture, scale: 4, quietZone: 0)) == Array(Self.totpURI.utf8))
    }
}
