/// A question that completes what the user is typing: a document's title (or FAQ question) or one of its
/// phrasings.
public struct KnowledgeSuggestion: Sendable, Equatable {
    public var key: String
    /// The title or phrasing as written.
    public var text: String
    /// Whether ``text`` is one of the document's phrasings rather than its title.
    public var isPhrasing: Bool

    public init(key: String, text: String, isPhrasing: Bool) {
        self.key = key
        self.text = text
        self.isPhrasing = isPhrasing
    }
}
