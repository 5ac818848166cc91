/// What a `Range` request header asks of a representation of a known size (RFC 9110 §14.1–14.2).
///
/// Only a single `bytes` range is served. Everything else the RFC lets a server ignore is ignored, and the
/// whole representation is sent with 200: no header, another unit, several ranges, or a header that does not
/// parse (`bytes=5-2`, `bytes = 0-1`, `bytes=+1-2`, `bytes=0x10-`). Positions are plain ASCII digits; no sign,
/// no inner whitespace. A number too large for `Int` is read as "larger than any size": as `first-pos` it is
/// unsatisfiable, as `last-pos` it is clamped to the end, as a suffix length it means the whole representation.
public enum ByteRange: Equatable, Sendable {
    /// Serve the whole representation (200).
    case full
    /// Serve these bytes (206); never empty, always inside `0..<size`.
    case partial(Range<Int>)
    /// No byte of the representation is asked for (416 with `Content-Range: bytes */size`).
    case unsatisfiable

    /// Resolves `header` (the `Range` field value, nil when absent) against a representation of `size` bytes.
    ///
    /// An empty representation has no range to send: `bytes=first-…` is unsatisfiable, and so is `bytes=-0`,
    /// while a non-zero suffix (`bytes=-5`), which the RFC counts as satisfiable, gets the (empty) whole with 200,
    /// since a 206 cannot describe zero bytes.
    public static func resolve(_ header: String?, size: Int) -> ByteRange {
        guard let header, let spec = Spec(header) else { return .full }
        let size = max(size, 0)
        switch spec {
        case let .from(first, last):
            guard let first, first < size else { return .unsatisfiable }
            let end = last.map { min($0, size - 1) } ?? size - 1
            return .partial(first..<(end + 1))
        case let .suffix(length):
            if length == 0 { return .unsatisfiable }
            if size == 0 { return .full }
            guard let length, length < size else { return .partial(0..<size) }
            return .partial((size - length)..<size)
        }
    }

    /// One syntactically valid byte-range-spec. A nil number did not fit in an `Int`.
    enum Spec: Equatable {
        /// `first-last`, or `first-` with a nil last.
        case from(Int?, last: Int?)
        /// `-length`.
        case suffix(Int?)

        /// Parses a field value holding exactly one `bytes` range; nil for anything else.
        init?(_ value: String) {
            let bytes = Self.trimmed(Array(value.utf8)[...])
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            // The unit is case-insensitive; compared on ASCII letters only.
            guard bytes[..<equals].map({ $0 | 0x20 }) == Array("bytes".utf8) else { return nil }
            // A list may hold empty elements ("bytes=0-9,") and spaces around its commas (RFC 9110 §5.6.1).
            let elements = bytes[(equals + 1)...].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                .map { Self.trimmed($0) }.filter { !$0.isEmpty }
            guard elements.count == 1, let spec = Self.range(elements[0]) else { return nil }
            self = spec
        }

        /// `first-pos "-" [ last-pos ]` or `"-" suffix-length`.
        private static func range(_ text: ArraySlice<UInt8>) -> Spec? {
            guard let dash = text.firstIndex(of: UInt8(ascii: "-")) else { return nil }
            let first = text[..<dash], last = text[(dash + 1)...]
            guard last.allSatisfy(isDigit), first.allSatisfy(isDigit) else { return nil }
            if first.isEmpty {
                guard !last.isEmpty else { return nil }
                return .suffix(number(last))
            }
            if last.isEmpty { return .from(number(first), last: nil) }
            guard !isGreater(first, than: last) else { return nil }
            // A last-pos too large for Int is past any end: clamp it like any other.
            return .from(number(first), last: number(last) ?? .max)
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        /// The decimal value of ASCII digits, nil when it does not fit in an `Int`.
        private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
            var value = 0
            for digit in digits {
                let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                if overflowTimes || overflowSum { return nil }
                value = sum
            }
            return value
        }

        /// Compares two runs of digits by value, however long.
        private static func isGreater(_ a: ArraySlice<UInt8>, than b: ArraySlice<UInt8>) -> Bool {
            let a = a.drop { $0 == UInt8(ascii: "0") }, b = b.drop { $0 == UInt8(ascii: "0") }
            return a.count != b.count ? a.count > b.count : b.lexicographicallyPrecedes(a)
        }

        /// Without leading and trailing spaces and tabs (OWS).
        private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
            return bytes[start...end]
        }
    }
}
