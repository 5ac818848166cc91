/// A piece of a snippet or title: plain text, or text that matched the query. The caller escapes each
/// piece for its output (HTML, terminal) and marks the highlighted ones its own way.
public struct KnowledgeSnippetPart: Sendable, Equatable {
    public var text: String
    public var highlighted: Bool

    public init(_ text: String, highlighted: Bool = false) {
        self.text = text
        self.highlighted = highlighted
    }
}
