/// A point in PDF user space: points (1/72 inch), origin at the page's lower-left corner, y growing upwards.
public struct PDFPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
