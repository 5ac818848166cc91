extension QRCode {
    /// The error-correction level: the share of codewords that may be damaged and still be
    /// recovered. Higher levels make a larger symbol for the same data.
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// About 7 % of codewords recoverable.
        case low
        /// About 15 % of codewords recoverable; the usual choice for screens.
        case medium
        /// About 25 % of codewords recoverable.
        case quartile
        /// About 30 % of codewords recoverable.
        case high

        /// The level's letter as the standard writes it: L, M, Q or H.
        public var description: String {
            switch self {
            case .low: "L"
            case .medium: "M"
            case .quartile: "Q"
            case .high: "H"
            }
        }

        /// The two bits that stand for the level in the format information. They are not in
        /// L, M, Q, H order (ISO/IEC 18004, table 12), so they cannot be derived from the case.
        var formatBits: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }
    }
}
