/// One page: its size and what is drawn on it, in order. Coordinates are PDF user space: points from the page's
/// lower-left corner, y upwards; text is placed by the left end of its baseline.
public struct PDFPage: Sendable, Equatable {
    /// One drawing operation, kept as given so a layout can be inspected before it is written.
    public enum Operation: Sendable, Equatable {
        /// `text` in `font` at `size` points, its baseline starting at `origin`.
        case text(String, font: PDFFont, size: Double, origin: PDFPoint, color: PDFColor)
        /// A straight line.
        case line(from: PDFPoint, to: PDFPoint, lineWidth: Double, color: PDFColor)
        /// A rectangle's outline, centred on its edges.
        case strokedRectangle(PDFRect, lineWidth: Double, color: PDFColor)
        /// A filled rectangle.
        case filledRectangle(PDFRect, color: PDFColor)
    }

    /// The page's width and height in points (its `/MediaBox`).
    public let size: PDFSize
    /// What is drawn, first to last (later operations paint over earlier ones).
    public private(set) var operations: [Operation] = []

    /// An empty page; A4 landscape unless told otherwise.
    public init(size: PDFSize = .a4Landscape) {
        self.size = size
    }

    /// Draws `text` with the left end of its baseline at `origin`. The text is written in WinAnsiEncoding: characters
    /// it lacks (CJK, emoji, control characters, …) show as '?'.
    public mutating func drawText(_ text: String, at origin: PDFPoint, font: PDFFont, size: Double, color: PDFColor = .black) {
        operations.append(.text(text, font: font, size: size, origin: origin, color: color))
    }

    /// Draws `text` centred on `x`, its baseline at `y`; returns where its baseline starts.
    @discardableResult
    public mutating func drawText(
        _ text: String, centeredAt x: Double, baseline y: Double, font: PDFFont, size: Double, color: PDFColor = .black
    ) -> PDFPoint {
        let origin = PDFPoint(x: x - FontMetrics.width(of: text, font: font, size: size) / 2, y: y)
        drawText(text, at: origin, font: font, size: size, color: color)
        return origin
    }

    /// Draws `text` ending at `x`, its baseline at `y`; returns where its baseline starts.
    @discardableResult
    public mutating func drawText(
        _ text: String, rightAlignedAt x: Double, baseline y: Double, font: PDFFont, size: Double, color: PDFColor = .black
    ) -> PDFPoint {
        let origin = PDFPoint(x: x - FontMetrics.width(of: text, font: font, size: size), y: y)
        drawText(text, at: origin, font: font, size: size, color: color)
        return origin
    }

    /// Draws a straight line.
    public mutating func drawLine(from start: PDFPoint, to end: PDFPoint, lineWidth: Double = 1, color: PDFColor = .black) {
        operations.append(.line(from: start, to: end, lineWidth: lineWidth, color: color))
    }

    /// Draws the outline of `rect`.
    public mutating func strokeRect(_ rect: PDFRect, lineWidth: Double = 1, color: PDFColor = .black) {
        operations.append(.strokedRectangle(rect, lineWidth: lineWidth, color: color))
    }

    /// Fills `rect` with `color`.
    public mutating func fillRect(_ rect: PDFRect, color: PDFColor) {
        operations.append(.filledRectangle(rect, color: color))
    }

    /// The fonts the page's text uses, in ``PDFFont`` case order.
    public var fonts: [PDFFont] {
        Set(operations.compactMap { if case .text(_, let font, _, _, _) = $0 { font } else { nil } }).sorted()
    }

    /// The page's content stream (uncompressed). Every operation saves and restores the graphics state, so
    /// colours and line widths never leak from one to the next.
    public func contentStream() -> [UInt8] {
        var out = [UInt8]()
        func line(_ s: String) { out += Array(s.utf8) + [0x0A] }
        let n = PDFSyntax.number
        for operation in operations {
            switch operation {
            case .text(let text, let font, let size, let origin, let color):
                line("q")
                line("BT")
                line("/\(font.resourceName) \(n(size)) Tf")
                line("\(color.operands) rg")
                line("\(n(origin.x)) \(n(origin.y)) Td")
                out += PDFSyntax.literalString(WinAnsiEncoding.encode(text))
                line(" Tj")
                line("ET")
                line("Q")
            case .line(let start, let end, let lineWidth, let color):
                line("q")
                line("\(n(lineWidth)) w")
                line("\(color.operands) RG")
                line("\(n(start.x)) \(n(start.y)) m")
                line("\(n(end.x)) \(n(end.y)) l")
                line("S")
                line("Q")
            case .strokedRectangle(let rect, let lineWidth, let color):
                line("q")
                line("\(n(lineWidth)) w")
                line("\(color.operands) RG")
                line("\(n(rect.x)) \(n(rect.y)) \(n(rect.width)) \(n(rect.height)) re")
                line("S")
                line("Q")
            case .filledRectangle(let rect, let color):
                line("q")
                line("\(color.operands) rg")
                line("\(n(rect.x)) \(n(rect.y)) \(n(rect.width)) \(n(rect.height)) re")
                line("f")
                line("Q")
            }
        }
        return out
    }
}
