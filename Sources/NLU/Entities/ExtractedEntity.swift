/// One value found in a message: where it is, what it says, and what it means.
///
/// Offsets count Unicode scalars (as Python `str` indices do), so clients in other languages can
/// cut the same text out of the message; `end` is exclusive.
public struct ExtractedEntity: Sendable, Equatable, Codable {
    public var kind: EntityKind
    /// The matched text exactly as in the message.
    public var text: String
    public var start: Int
    public var end: Int
    /// The canonical resolved value (see ``EntityKind`` for each kind's format).
    public var value: String

    public init(kind: EntityKind, text: String, start: Int, end: Int, value: String) {
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.value = value
    }
}

/// A match before its text is cut out; recognisers produce these and the extractor picks among them.
struct EntityCandidate {
    var kind: EntityKind
    var start: Int
    var end: Int
    var value: String

    var length: Int { end - start }
}
