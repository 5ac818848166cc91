/// The module grid of a symbol under construction.
///
/// Besides each module's colour it records which modules belong to function patterns (finders,
/// timing, alignment, format and version information), because codeword placement and masking
/// must leave those alone.
struct Matrix: Sendable {
    /// Modules per side.
    let size: Int
    /// Row-major colours, `true` for dark.
    private(set) var modules: [Bool]
    /// Row-major, `true` where a function pattern (or its reserved area) lies.
    private(set) var isFunction: [Bool]

    /// An empty, all-light grid of `size` × `size` modules with no function patterns; tests use it
    /// to score hand-made patterns.
    init(size: Int) {
        self.size = size
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
    }

    /// The grid for `version` with every function pattern drawn and the format-information areas
    /// reserved, ready for ``placeCodewords(_:)``.
    init(version: Int) {
        self.init(size: 17 + 4 * version)
        drawFunctionPatterns(version: version)
    }

    /// The colour of the module at column `x`, row `y`.
    subscript(x x: Int, y y: Int) -> Bool {
        get { modules[y * size + x] }
        set { modules[y * size + x] = newValue }
    }

    /// Whether the module at column `x`, row `y` belongs to a function pattern.
    func isFunctionModule(x: Int, y: Int) -> Bool {
        isFunction[y * size + x]
    }

    /// Sets a function-pattern module, marking it so data and masks leave it alone.
    mutating func setFunctionModule(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }
}
