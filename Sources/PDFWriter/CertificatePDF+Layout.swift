extension CertificatePDF {
    /// The page's colours.
    enum Palette {
        static let ink = PDFColor(rgb: 0x1F2937)
        static let navy = PDFColor(rgb: 0x1E3A5F)
        static let gold = PDFColor(rgb: 0xB08D3C)
        static let muted = PDFColor(rgb: 0x5B6472)
        static let paper = PDFColor(rgb: 0xFDFBF5)
    }

    /// The side margin of the text: every line fits between the margins, centred on the page.
    static let textMargin = 72.0

    /// The certificate page, A4 landscape: a double border, the portal's name, the heading, the holder's name (large),
    /// the tutorial's title, the issue date, and at the foot the certificate's id, the verification address and the
    /// signature. Long values shrink, wrap (the title, the signature) or, past that, end in "…"; nothing is drawn
    /// outside the inner border.
    public func page() -> PDFPage {
        var page = PDFPage(size: .a4Landscape)
        let size = page.size
        let centre = size.width / 2
        let width = size.width - 2 * Self.textMargin
        let outer = PDFRect(x: 0, y: 0, width: size.width, height: size.height).insetBy(22)
        let inner = outer.insetBy(8)

        page.fillRect(inner, color: Palette.paper)
        page.strokeRect(outer, lineWidth: 2.5, color: Palette.navy)
        page.strokeRect(inner, lineWidth: 0.75, color: Palette.navy)

        /// One line centred on the page, shrunk (then shortened) to fit; returns its width.
        @discardableResult
        func centred(_ text: String, y: Double, font: PDFFont, size: Double, minimumSize: Double, color: PDFColor) -> Double {
            let fitted = TextLayout.fit(text, font: font, size: size, minimumSize: minimumSize, maxWidth: width, maxLines: 1)
            guard let line = fitted.lines.first else { return 0 }
            page.drawText(line, centeredAt: centre, baseline: y, font: font, size: fitted.size, color: color)
            return FontMetrics.width(of: line, font: font, size: fitted.size)
        }

        // The upper block: who issued it, what it is, to whom, for what.
        centred(portalName, y: 494, font: .helveticaBold, size: 13, minimumSize: 8, color: Palette.navy)
        centred(heading, y: 440, font: .timesBold, size: 36, minimumSize: 16, color: Palette.ink)
        page.drawLine(from: PDFPoint(x: centre - 70, y: 422), to: PDFPoint(x: centre + 70, y: 422), lineWidth: 1.5, color: Palette.gold)
        centred("This certifies that", y: 384, font: .timesItalic, size: 15, minimumSize: 15, color: Palette.muted)
        let nameWidth = centred(holderName, y: 334, font: .timesBold, size: 40, minimumSize: 16, color: Palette.ink)
        let ruleHalf = min(width, max(380, nameWidth + 40)) / 2
        page.drawLine(from: PDFPoint(x: centre - ruleHalf, y: 318), to: PDFPoint(x: centre + ruleHalf, y: 318), lineWidth: 0.6, color: Palette.muted)
        centred("has completed the tutorial", y: 288, font: .timesItalic, size: 15, minimumSize: 15, color: Palette.muted)

        let title = TextLayout.fit(tutorialTitle, font: .helveticaBold, size: 22, minimumSize: 13, maxWidth: width, maxLines: 2)
        let titleLeading = title.size * 1.25
        var baseline = 252.0
        for line in title.lines {
            page.drawText(line, centeredAt: centre, baseline: baseline, font: .helveticaBold, size: title.size, color: Palette.navy)
            baseline -= titleLeading
        }
        centred(issuedText, y: baseline - 16, font: .helvetica, size: 12, minimumSize: 8, color: Palette.ink)

        // The foot: how to check it.
        page.drawLine(from: PDFPoint(x: Self.textMargin, y: 140), to: PDFPoint(x: size.width - Self.textMargin, y: 140), lineWidth: 0.5, color: Palette.gold)
        centred("Certificate ID: \(certificateID)", y: 122, font: .helvetica, size: 9.5, minimumSize: 6, color: Palette.ink)
        centred("Verify at \(verificationURL)", y: 108, font: .helvetica, size: 9.5, minimumSize: 6, color: Palette.ink)
        centred("Signature (Ed25519)", y: 90, font: .helveticaBold, size: 7.5, minimumSize: 7.5, color: Palette.muted)
        let signatureLines = TextLayout.fit(signature, font: .courier, size: 7, minimumSize: 5, maxWidth: width, maxLines: 3)
        var signatureBaseline = 79.0
        for line in signatureLines.lines {
            page.drawText(line, centeredAt: centre, baseline: signatureBaseline, font: .courier, size: signatureLines.size, color: Palette.muted)
            signatureBaseline -= signatureLines.size * 1.3
        }
        return page
    }
}
