import Foundation
import Testing
import PDFWriter

/// Strings, names, numbers and dates as PDF spells them.
@Suite struct PDFSyntaxTests {
    private func literal(_ text: String) -> String {
        String(decoding: PDFSyntax.literalString(Array(text.utf8)), as: UTF8.self)
    }

    @Test func parenthesesAndBackslashesAreEscaped() {
        #expect(literal("a(b)c\\d") == "(a\\(b\\)c\\\\d)")
        #expect(literal(")(") == "(\\)\\()")
        #expect(literal("\\") == "(\\\\)")
        #expect(literal("") == "()")
    }

    @Test func controlCharactersAreEscaped() {
        #expect(literal("\n\r\t\u{8}\u{C}") == "(\\n\\r\\t\\b\\f)")
        #expect(literal("\u{0}\u{1}\u{1B}\u{7F}") == "(\\000\\001\\033\\177)")
        // Bytes from 0x80 stay as they are.
        #expect(PDFSyntax.literalString([0x80, 0xE9, 0xFF]) == [0x28, 0x80, 0xE9, 0xFF, 0x29])
    }

    @Test func drawnTextIsEscapedInTheContentStream() {
        var page = PDFPage()
        page.drawText("f(x) = \\x", at: PDFPoint(x: 10, y: 20), font: .courier, size: 12)
        let content = String(decoding: page.contentStream(), as: UTF8.self)
        #expect(content.contains("(f\\(x\\) = \\\\x) Tj"))
    }

    @Test func textStringsAreLiteralWhenASCIIAndUTF16Otherwise() {
        #expect(String(decoding: PDFSyntax.textString("a (b)\n"), as: UTF8.self) == "(a \\(b\\)\\n)")
        #expect(String(decoding: PDFSyntax.textString("é€😀"), as: UTF8.self) == "<feff00e920acd83dde00>")
    }

    @Test func hexStrings() {
        #expect(String(decoding: PDFSyntax.hexString([0x00, 0xAB, 0xFF]), as: UTF8.self) == "<00abff>")
    }

    @Test func namesEscapeDelimitersSpacesAndNonASCII() {
        #expect(PDFSyntax.name("PortalCertificate") == "/PortalCertificate")
        #expect(PDFSyntax.name("A B#(c)/é") == "/A#20B#23#28c#29#2F#C3#A9")
    }

    @Test func numbersHaveAtMostThreeDecimalsAndNoExponent() {
        #expect(PDFSyntax.number(12) == "12")
        #expect(PDFSyntax.number(0.5) == "0.5")
        #expect(PDFSyntax.number(-3.125) == "-3.125")
        #expect(PDFSyntax.number(841.8898) == "841.89")
        #expect(PDFSyntax.number(1e-9) == "0")
        #expect(PDFSyntax.number(-0.0001) == "0")
        #expect(PDFSyntax.number(1e7) == "10000000")
        #expect(PDFSyntax.number(.nan) == "0")
        #expect(PDFSyntax.number(-.infinity) == "0")
        #expect(PDFSyntax.number(0.0625) == "0.063")  // halves round away from zero
        #expect(PDFSyntax.number(-0.05) == "-0.05")
    }

    @Test func datesAreUTCInPDFFormat() {
        #expect(PDFSyntax.date(Date(timeIntervalSince1970: 1_710_016_051)) == "D:20240309202731Z")
        #expect(PDFSyntax.date(Date(timeIntervalSince1970: 0)) == "D:19700101000000Z")
        #expect(PDFSyntax.date(Date(timeIntervalSince1970: 951_825_600.9)) == "D:20000229120000Z")  // leap day, rounded down
        #expect(PDFSyntax.date(Date(timeIntervalSince1970: -1)) == "D:19691231235959Z")
        #expect(PDFSyntax.date(Date.distantFuture) == "D:40010101000000Z")
        #expect(PDFSyntax.date(Date(timeIntervalSince1970: 1e15)) == "D:99991231235959Z")  // kept to four digits
    }
}
