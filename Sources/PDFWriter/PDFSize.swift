/// A page size in points (1/72 inch).
public struct PDFSize: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// ISO A4 upright, 210 × 297 mm.
    public static let a4Portrait = PDFSize(width: 595.28, height: 841.89)
    /// ISO A4 on its side, 297 × 210 mm: the certificate's page.
    public static let a4Landscape = PDFSize(width: 841.89, height: 595.28)
    /// US Letter upright, 8.5 × 11 in.
    public static let letterPortrait = PDFSize(width: 612, height: 792)
    /// US Letter on its side, 11 × 8.5 in.
    public static let letterLandscape = PDFSize(width: 792, height: 612)
}
