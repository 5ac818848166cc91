/// Why a QR code could not be made.
///
/// The only cause with byte-mode encoding is data longer than the largest symbol holds; the
/// message says by how much and what to change.
public struct QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How many bytes were given.
    public let byteCount: Int
    /// The most bytes a version 40 symbol holds at ``errorCorrection``.
    public let capacity: Int
    /// The level that was asked for.
    public let errorCorrection: QRCode.ErrorCorrection

    static func dataTooLong(byteCount: Int, capacity: Int, errorCorrection: QRCode.ErrorCorrection) -> Self {
        Self(byteCount: byteCount, capacity: capacity, errorCorrection: errorCorrection)
    }

    /// A sentence for logs and error pages.
    public var description: String {
        let advice = errorCorrection == .low
            ? "shorten the data"
            : "shorten the data or choose a lower error-correction level"
        return "The data is \(byteCount) bytes, but a QR code holds at most \(capacity) bytes "
            + "at error-correction level \(errorCorrection) (version 40); \(advice)."
    }
}
