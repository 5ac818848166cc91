/// A rectangle in PDF user space, from its lower-left corner.
public struct PDFRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The rectangle moved `d` points inwards on every side.
    public func insetBy(_ d: Double) -> PDFRect {
        PDFRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }
}
