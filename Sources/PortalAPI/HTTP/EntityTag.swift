/// An entity tag (RFC 9110 §8.8.3) as read from a conditional request header, and its two comparisons.
struct EntityTag: Equatable, Sendable {
    /// The opaque tag with its quotes, e.g. `"4f2a…"`.
    var opaque: String
    var isWeak: Bool

    /// A strong tag for `value`, quoted unless it already is.
    init(strong value: String) {
        opaque = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? value : "\"" + value + "\""
        isWeak = false
    }

    init(opaque: String, isWeak: Bool) {
        self.opaque = opaque
        self.isWeak = isWeak
    }

    /// The header form: `"…"` or `W/"…"`.
    var headerValue: String { (isWeak ? "W/" : "") + opaque }

    /// Same tag, both strong (what `If-Range` and `If-Match` ask).
    func matchesStrongly(_ other: EntityTag) -> Bool { !isWeak && !other.isWeak && opaque == other.opaque }

    /// Same tag, weak or not (what `If-None-Match` asks).
    func matchesWeakly(_ other: EntityTag) -> Bool { opaque == other.opaque }

    /// The tags of an `If-None-Match`/`If-Match` field (its lines joined by commas): nil for `*`, which matches any
    /// current representation. A malformed field has no tags, so it matches nothing.
    static func list(_ value: String) -> [EntityTag]? {
        var scanner = Scanner(Array(value.utf8)[...])
        scanner.skipSeparators()
        if scanner.rest.first == UInt8(ascii: "*") {
            scanner.rest = scanner.rest.dropFirst()
            scanner.skipSeparators()
            return scanner.rest.isEmpty ? nil : []
        }
        var tags: [EntityTag] = []
        while !scanner.rest.isEmpty {
            guard let tag = scanner.tag() else { return [] }
            tags.append(tag)
            scanner.skipSeparators()
        }
        return tags
    }

    /// One entity tag filling the whole field (as in `If-Range`), or nil (a date, or anything else).
    static func single(_ value: String) -> EntityTag? {
        var scanner = Scanner(Array(value.utf8)[...])
        scanner.skipSpaces()
        guard let tag = scanner.tag() else { return nil }
        scanner.skipSpaces()
        return scanner.rest.isEmpty ? tag : nil
    }

    /// Reads `[W/] DQUOTE *etagc DQUOTE` from the front of a field value.
    private struct Scanner {
        var rest: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

        mutating func tag() -> EntityTag? {
            let isWeak = rest.starts(with: "W/".utf8)
            var tail = isWeak ? rest.dropFirst(2) : rest
            guard tail.first == UInt8(ascii: "\"") else { return nil }
            tail = tail.dropFirst()
            // etagc: any visible character but DQUOTE, or obs-text.
            guard let close = tail.firstIndex(where: { !($0 == 0x21 || (0x23...0x7E).contains($0) || $0 >= 0x80) }),
                  tail[close] == UInt8(ascii: "\"") else { return nil }
            let opaque = "\"" + String(decoding: tail[..<close], as: UTF8.self) + "\""
            rest = tail[(close + 1)...]
            return EntityTag(opaque: opaque, isWeak: isWeak)
        }

        mutating func skipSpaces() { rest = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }

        mutating func skipSeparators() {
            rest = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ",") }
        }
    }
}
