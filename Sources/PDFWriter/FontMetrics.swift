/// Text widths in the base-14 fonts, from the advance widths in Adobe's AFM files, so text can be centred,
/// right-aligned and wrapped without the font at hand. Kerning is not applied (the writer does not kern either).
public enum FontMetrics {
    /// The advance width of a WinAnsi code in `font`, in 1/1000 of the font size; 0 for the control codes below 32.
    public static func glyphWidth(_ code: UInt8, font: PDFFont) -> Int {
        guard code >= 32 else { return 0 }
        let index = Int(code) - 32
        switch font {
        case .helvetica, .helveticaOblique: return Int(helvetica[index])
        case .helveticaBold: return Int(helveticaBold[index])
        case .timesRoman: return Int(timesRoman[index])
        case .timesBold: return Int(timesBold[index])
        case .timesItalic: return Int(timesItalic[index])
        case .courier: return 600  // Courier.afm: every glyph is 600 units wide
        }
    }

    /// The width of `text` in `font` at `size` points, in points: the sum of the advance widths of its WinAnsi bytes
    /// (characters outside WinAnsi count as the '?' that replaces them).
    public static func width(of text: String, font: PDFFont, size: Double) -> Double {
        width(ofEncoded: WinAnsiEncoding.encode(text), font: font, size: size)
    }

    /// The width of text already encoded in WinAnsi, in points.
    public static func width(ofEncoded bytes: [UInt8], font: PDFFont, size: Double) -> Double {
        Double(bytes.reduce(0) { $0 + glyphWidth($1, font: font) }) * size / 1000
    }
}
