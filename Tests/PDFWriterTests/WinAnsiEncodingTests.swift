import Foundation
import Testing
import PDFWriter

/// Unicode to WinAnsiEncoding (Windows-1252) and back.
@Suite struct WinAnsiEncodingTests {
    @Test func latinAccentsEuroAndCurlyQuotesMapToTheirCodes() {
        #expect(WinAnsiEncoding.encode("é") == [0xE9])
        #expect(WinAnsiEncoding.encode("€") == [0x80])
        #expect(WinAnsiEncoding.encode("“”") == [0x93, 0x94])
        #expect(WinAnsiEncoding.encode("‘’") == [0x91, 0x92])
        #expect(WinAnsiEncoding.encode("–—…•™") == [0x96, 0x97, 0x85, 0x95, 0x99])
        #expect(WinAnsiEncoding.encode("ŒœŠšŽžŸƒ") == [0x8C, 0x9C, 0x8A, 0x9A, 0x8E, 0x9E, 0x9F, 0x83])
        #expect(WinAnsiEncoding.encode("Zoë Müller") == [0x5A, 0x6F, 0xEB, 0x20, 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72])
        #expect(WinAnsiEncoding.encode("\u{A0}ÿ") == [0xA0, 0xFF])
    }

    @Test func charactersOutsideWinAnsiBecomeQuestionMarks() {
        #expect(WinAnsiEncoding.encode("中") == [0x3F])
        #expect(WinAnsiEncoding.encode("a東京b") == [0x61, 0x3F, 0x3F, 0x62])
        #expect(WinAnsiEncoding.encode("Ω→ő") == [0x3F, 0x3F, 0x3F])
        // One '?' for a whole grapheme cluster: a family emoji is five scalars.
        #expect(WinAnsiEncoding.encode("👨‍👩‍👧") == [0x3F])
        // Control characters have no glyph.
        #expect(WinAnsiEncoding.encode("a\tb\n") == [0x61, 0x3F, 0x62, 0x3F])
        #expect(WinAnsiEncoding.encode("\u{81}\u{9D}") == [0x3F, 0x3F])
    }

    @Test func combiningAccentsArePrecomposed() {
        #expect(WinAnsiEncoding.encode("e\u{301}") == [0xE9])
        #expect(WinAnsiEncoding.encode("Zoe\u{308}") == [0x5A, 0x6F, 0xEB])
        #expect(WinAnsiEncoding.encode("q\u{301}") == [0x3F])  // no precomposed form
    }

    /// Every code agrees with Foundation's Windows-1252 converter, an implementation independent of ours.
    @Test func everyCodeMatchesWindows1252() throws {
        for code in UInt8(0x20)...UInt8(0xFF) where code != 0x7F {
            let expected = String(bytes: [code], encoding: .windowsCP1252)?.unicodeScalars.first
            if [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(code) {
                #expect(WinAnsiEncoding.scalar(for: code) == nil, "code \(code) is unused")
                continue
            }
            let scalar = try #require(WinAnsiEncoding.scalar(for: code), "code \(code)")
            #expect(scalar == expected, "code \(code)")
            #expect(WinAnsiEncoding.code(for: scalar) == code, "code \(code)")
            #expect(WinAnsiEncoding.encode(String(scalar)) == [code])
        }
        #expect(WinAnsiEncoding.scalar(for: 0x7F) == nil)
        #expect(WinAnsiEncoding.scalar(for: 0x0A) == nil)
    }

    @Test func decodeReversesEncode() {
        let text = "Grüße, “Zoë” – 5 € … Œuvre"
        #expect(WinAnsiEncoding.decode(WinAnsiEncoding.encode(text)) == text)
    }
}
