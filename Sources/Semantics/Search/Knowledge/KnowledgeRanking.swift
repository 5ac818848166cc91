/// How ``KnowledgeIndex`` turns term matches into a score: the BM25 family, per-field weights and
/// length normalisation, and the weights of the words a query gains from synonyms.
///
/// The defaults come from the grid in `docs/search.md`, measured on StackFAQ (title = the question, body =
/// one answer) and on the same threads as long articles, changing only settings that carry over to another
/// knowledge base: true BM25F with the title weighted 8 and k1 7. The k1 looks high because BM25F saturates
/// the *weighted* counts: a title match alone is already 8 occurrences, and at the usual k1 (1.2–2) it
/// saturates the term so far that the body can no longer tell two answers to one question apart (0.77–0.79
/// against 0.81). StackFAQ has no phrasings or summaries: phrasings weigh as much as the title (they are
/// the same question asked otherwise), a summary twice the body (a digest of it, short by design).
public struct KnowledgeRanking: Sendable, Equatable {
    /// How the fields' matches combine.
    public enum Formulation: Sendable, Equatable {
        /// True BM25F (as ``LexicalIndex``): each field's count is length-normalised and weighted, the sum
        /// saturates once. A word repeated in title and body counts as more evidence, but never unboundedly.
        case bm25f
        /// A sum of one BM25 score per field, each multiplied by the field's weight (Whoosh's "BM25F"): every
        /// field saturates on its own, so a title match adds its full weight however often the body repeats
        /// the word. `perFieldIDF` takes each field's own document frequency, as Whoosh does.
        case fieldSum(perFieldIDF: Bool)
    }

    public var formulation: Formulation
    /// How fast repeated occurrences saturate.
    public var k1: Double
    /// Length normalisation per field, 0 (none) to 1 (in full proportion to the field's length).
    public var b: KnowledgeFieldValues<Double>
    /// How much one occurrence in each field is worth, relative to the body.
    public var weights: KnowledgeFieldValues<Double>
    /// The weight of a word a query gains from a synonym group, relative to the word typed.
    public var synonymWeight: Double
    /// The most indexed words a `prefix*` query word expands to (the ones in most documents).
    public var prefixExpansions: Int

    public init(
        formulation: Formulation = .bm25f,
        k1: Double = 7,
        b: KnowledgeFieldValues<Double> = .init(title: 1, phrasings: 1, summary: 0.75, body: 0.75),
        weights: KnowledgeFieldValues<Double> = .init(title: 8, phrasings: 8, summary: 2, body: 1),
        synonymWeight: Double = 0.8,
        prefixExpansions: Int = 50
    ) {
        self.formulation = formulation
        self.k1 = k1
        self.b = b
        self.weights = weights
        self.synonymWeight = synonymWeight
        self.prefixExpansions = prefixExpansions
    }
}
