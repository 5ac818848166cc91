import Testing
import PDFWriter

/// Widths from the AFM tables, and text placed by them. The expected sums are the AFM files' WX values added by
/// hand, glyph by glyph.
@Suite struct FontMetricsTests {
    @Test func helveticaTwelvePointWidthIsTheAFMSum() {
        // H e l l o , space W o r l d: 722 556 222 222 556 278 278 944 556 333 222 556 = 5445
        #expect(FontMetrics.width(of: "Hello, World", font: .helvetica, size: 12) == 5445.0 * 12 / 1000)
        #expect(abs(FontMetrics.width(of: "Hello, World", font: .helvetica, size: 12) - 65.34) < 1e-9)
        #expect(PDFFont.helveticaOblique.width(of: "Hello, World", size: 12) == 5445.0 * 12 / 1000)
    }

    @Test func otherFontsWidthsAreTheirAFMSums() {
        // C e r t i f i c a t e in Helvetica-Bold: 722 556 389 333 278 333 278 556 556 333 556
        #expect(FontMetrics.width(of: "Certificate", font: .helveticaBold, size: 1000) == 4890)
        // Z o ë space M ü l l e r in Times-Roman: 611 500 444 250 889 500 278 278 444 333
        #expect(FontMetrics.width(of: "Zoë Müller", font: .timesRoman, size: 1000) == 4527)
        // Euro space “ A ” in Times-Bold: 500 250 500 722 500
        #expect(FontMetrics.width(of: "€ “A”", font: .timesBold, size: 1000) == 2472)
        // g r a c e in Times-Italic: 500 389 500 444 444
        #expect(FontMetrics.width(of: "grace", font: .timesItalic, size: 1000) == 2277)
        #expect(FontMetrics.width(of: "any text", font: .courier, size: 10) == 48)
    }

    @Test func glyphWidthsOfSingleCodes() {
        #expect(FontMetrics.glyphWidth(0x20, font: .helvetica) == 278)
        #expect(FontMetrics.glyphWidth(0xE9, font: .helvetica) == 556)  // eacute
        #expect(FontMetrics.glyphWidth(0x80, font: .helvetica) == 556)  // Euro
        #expect(FontMetrics.glyphWidth(0x97, font: .timesRoman) == 1000)  // emdash
        #expect(FontMetrics.glyphWidth(0xC6, font: .timesItalic) == 889)  // AE
        #expect(FontMetrics.glyphWidth(0x40, font: .helveticaBold) == 975)  // at
        #expect(FontMetrics.glyphWidth(0x0A, font: .timesBold) == 0)
        // Characters outside WinAnsi are measured as the '?' that replaces them.
        #expect(FontMetrics.width(of: "中", font: .helvetica, size: 1000) == 556)
    }

    @Test func centredTextStartsHalfItsWidthLeftOfTheCentre() {
        var page = PDFPage()
        // C e r t i f i c a t e in Helvetica: 4501 units; at 20 pt 90.02 pt wide.
        let origin = page.drawText("Certificate", centeredAt: 400, baseline: 300, font: .helvetica, size: 20)
        #expect(abs(origin.x - (400 - 90.02 / 2)) < 1e-9)
        #expect(origin.y == 300)
        #expect(String(decoding: page.contentStream(), as: UTF8.self).contains("/F1 20 Tf\n0 0 0 rg\n354.99 300 Td\n(Certificate) Tj"))
        let right = page.drawText("Certificate", rightAlignedAt: 500, baseline: 100, font: .helvetica, size: 20)
        #expect(abs(right.x - 409.98) < 1e-9)
    }
}
