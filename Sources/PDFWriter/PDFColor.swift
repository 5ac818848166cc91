/// A DeviceRGB colour, each component from 0 to 1 (values outside are clamped when written).
public struct PDFColor: Sendable, Equatable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    public init(rgb: UInt32) {
        self.init(red: Double(rgb >> 16 & 0xFF) / 255, green: Double(rgb >> 8 & 0xFF) / 255, blue: Double(rgb & 0xFF) / 255)
    }

    public static let black = PDFColor(red: 0, green: 0, blue: 0)
    public static let white = PDFColor(red: 1, green: 1, blue: 1)

    /// The three components as content-stream operands ("0.2 0.3 0.5").
    var operands: String {
        [red, green, blue].map { PDFSyntax.number(min(max($0, 0), 1)) }.joined(separator: " ")
    }
}
