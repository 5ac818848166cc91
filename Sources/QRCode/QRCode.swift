/// A QR code symbol (ISO/IEC 18004, Model 2) that holds a sequence of bytes.
///
/// The encoder uses byte mode only: it is what authenticator apps expect for `otpauth://` URIs,
/// and it carries any text as UTF-8. The smallest version that holds the data at the requested
/// error-correction level is chosen, and of the eight data masks the one with the lowest
/// penalty score, as the standard prescribes.
///
/// ```swift
/// let code = try QRCode(text: "otpauth://totp/Portal:ann?secret=JBSWY3DPEHPK3PXP")
/// let markup = code.svg(title: "Scan to set up two-factor sign-in")
/// ```
///
/// A `QRCode` is an immutable value; it is safe to share between tasks.
public struct QRCode: Sendable, Hashable {
    /// The version, 1 through 40: the smallest that holds the data at ``errorCorrection``.
    public let version: Int

    /// Modules per side, `17 + 4 × version`, not counting the quiet zone.
    public let size: Int

    /// The error-correction level the symbol was encoded with.
    public let errorCorrection: ErrorCorrection

    /// The data mask applied, 0 through 7 (the pattern references of ISO/IEC 18004, table 10).
    public let mask: Int

    /// Row-major, `true` for a dark module.
    private let modules: [Bool]

    /// Encodes `bytes` in byte mode.
    ///
    /// - Parameters:
    ///   - bytes: The data to encode, at most 2953 bytes (at level L; fewer at higher levels).
    ///   - errorCorrection: How much of the symbol may be damaged and still read; `.medium`
    ///     (about 15 %) by default.
    /// - Throws: ``QRCodeError`` when the data does not fit in a version 40 symbol at this level.
    public init(bytes: [UInt8], errorCorrection: ErrorCorrection = .medium) throws {
        try self.init(bytes: bytes, errorCorrection: errorCorrection, forcedMask: nil)
    }

    /// Encodes the UTF-8 bytes of `text` in byte mode.
    ///
    /// No ECI header is added: common readers recognise UTF-8 in byte-mode data, whereas not
    /// every reader understands an ECI header.
    ///
    /// - Throws: ``QRCodeError`` when the text does not fit in a version 40 symbol at this level.
    public init(text: String, errorCorrection: ErrorCorrection = .medium) throws {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection)
    }

    /// Encodes with a chosen mask instead of the lowest-penalty one, so that tests can show every
    /// mask decodes.
    init(bytes: [UInt8], errorCorrection: ErrorCorrection, forcedMask: MaskPattern?) throws {
        guard let version = VersionTable.smallestVersion(holding: bytes.count, at: errorCorrection) else {
            throw QRCodeError.dataTooLong(
                byteCount: bytes.count,
                capacity: VersionTable.byteCapacity(version: VersionTable.versions.upperBound, level: errorCorrection),
                errorCorrection: errorCorrection
            )
        }
        let data = DataCodewords.encode(bytes, version: version, level: errorCorrection)
        let codewords = BlockInterleaver.addErrorCorrection(to: data, version: version, level: errorCorrection)

        var matrix = Matrix(version: version)
        matrix.placeCodewords(codewords)
        let chosen = forcedMask ?? MaskPattern.lowestPenalty(for: matrix, level: errorCorrection)
        matrix.apply(chosen)
        matrix.drawFormatInformation(level: errorCorrection, mask: chosen)

        self.version = version
        self.size = matrix.size
        self.errorCorrection = errorCorrection
        self.mask = chosen.rawValue
        self.modules = matrix.modules
    }

    /// Whether the module at column `x`, row `y` is dark; (0, 0) is the top-left corner.
    ///
    /// Coordinates outside the symbol are light, as the quiet zone around it is.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }
}
