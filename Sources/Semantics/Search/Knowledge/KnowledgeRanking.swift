/// How ``KnowledgeIndex`` turns term matches into a score: the BM25 family, per-field weights and
/// length normalisation, and the weights of the words a query gains from synonyms.
///
/// The defaults come from the grid in `docs/search.md`, measured on StackFAQ (title = the question, body =
/// one answer), which changed only settings that carry over to another knowledge base: a sum of per-field
/// BM25 scores, the title weighted 4 (3–5 score within 0.004), k1 1.2 and strong length normalisation (0.9;
/// the surface is flat within 0.002 for k1 0.9–2 and b 0.6–1). StackFAQ has no phrasings or summaries:
/// phrasings weigh as much as the title (they are the same question asked otherwise), a summary twice the
/// body (a digest of it, short by design).
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
        formulation: Formulation = .fieldSum(perFieldIDF: false),
        k1: Double = 1.2,
        b: KnowledgeFieldValues<Double> = .init(all: 0.9),
        weights: KnowledgeFieldValues<Double> = .init(title: 4, phrasings: 4, summary: 2, body: 1),
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
