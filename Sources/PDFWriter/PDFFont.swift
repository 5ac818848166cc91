/// The standard (base-14) fonts this writer draws with. Every PDF reader has them, so nothing is embedded; text is
/// encoded in WinAnsiEncoding (see ``WinAnsiEncoding``).
public enum PDFFont: String, Sendable, CaseIterable, Comparable {
    case helvetica = "Helvetica"
    case helveticaBold = "Helvetica-Bold"
    case helveticaOblique = "Helvetica-Oblique"
    case timesRoman = "Times-Roman"
    case timesBold = "Times-Bold"
    case timesItalic = "Times-Italic"
    case courier = "Courier"

    /// The PostScript name written as the font's `/BaseFont`.
    public var baseFont: String { rawValue }

    /// The resource name pages use for this font (`F1`, `F2`, …), fixed by the order of the cases.
    var resourceName: String { "F\(Self.allCases.firstIndex(of: self)! + 1)" }

    /// The advance width of a WinAnsi code, in 1/1000 of the font size (0 for the control codes below 32).
    public func glyphWidth(_ code: UInt8) -> Int { FontMetrics.glyphWidth(code, font: self) }

    /// The width of `text` set at `size` points, in points. Same as ``FontMetrics/width(of:font:size:)``.
    public func width(of text: String, size: Double) -> Double { FontMetrics.width(of: text, font: self, size: size) }

    public static func < (lhs: PDFFont, rhs: PDFFont) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
