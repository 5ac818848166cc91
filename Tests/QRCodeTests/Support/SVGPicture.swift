/// The module grid drawn by the encoder's SVG: its path data read back into dark squares.
///
/// It understands exactly the commands the encoder writes (`M x y h n v1 h-n z`, absolute
/// move, relative lines) and rejects anything else, so a change of output format fails loudly.
struct SVGPicture: ModuleGrid {
    /// Modules per side of the whole drawing, quiet zone included.
    let size: Int
    private var dark: Set<[Int]> = []

    init(pathData: String, extent: Int) throws {
        size = extent
        var scanner = Substring(pathData)
        while !scanner.isEmpty {
            let x = try Self.number(after: "M", in: &scanner)
            let y = try Self.number(after: " ", in: &scanner)
            let length = try Self.number(after: "h", in: &scanner)
            guard try Self.number(after: "v", in: &scanner) == 1,
                try Self.number(after: "h", in: &scanner) == -length,
                scanner.first == "z"
            else { throw TestFailure("unexpected path segment before: \(scanner.prefix(30))") }
            scanner.removeFirst()
            guard length > 0 else { throw TestFailure("empty run at \(x),\(y)") }
            for column in x..<x + length {
                guard dark.insert([column, y]).inserted else { throw TestFailure("module \(column),\(y) drawn twice") }
            }
        }
    }

    func isDark(x: Int, y: Int) -> Bool { dark.contains([x, y]) }

    private static func number(after prefix: Character, in scanner: inout Substring) throws -> Int {
        guard scanner.first == prefix else { throw TestFailure("expected '\(prefix)' before: \(scanner.prefix(30))") }
        scanner.removeFirst()
        let digits = scanner.prefix { $0 == "-" || $0.isNumber }
        scanner.removeFirst(digits.count)
        guard let value = Int(digits) else { throw TestFailure("expected a number before: \(scanner.prefix(30))") }
        return value
    }
}
