/// One scored part of a resolved query: a word, a phrase, a prefix or a synonym group.
///
/// A document's score for a clause is the best of its alternatives (each times its weight), so a document
/// holding a word and its synonym, or three expansions of a prefix, counts the clause once; clauses add up.
struct KnowledgeClause: Sendable, Equatable {
    var alternatives: [Alternative]
    /// How often the clause occurs in the query (repeating a word stresses it, as in BM25's query term counts).
    var weight: Double = 1

    struct Alternative: Sendable, Equatable {
        var matcher: Matcher
        var weight: Double
    }

    enum Matcher: Sendable, Hashable {
        /// Documents holding the term.
        case term(Int32)
        /// Documents holding these words next to each other, in this order, in one field.
        case phrase([PhraseElement])

        /// How many indexed terms it looks up (a phrase's stop words are not counted).
        var termCount: Int {
            switch self {
            case .term: 1
            case .phrase(let elements): elements.filter { if case .term = $0 { true } else { false } }.count
            }
        }
    }

    /// A word of a phrase: an indexed term (any word with that stem), or a stop word by its own id.
    enum PhraseElement: Sendable, Hashable {
        case term(Int32)
        case word(Int32)
    }

    /// Every term the clause can match (for highlighting).
    var terms: [Int32] {
        alternatives.flatMap { alternative -> [Int32] in
            switch alternative.matcher {
            case .term(let t): [t]
            case .phrase(let elements): elements.compactMap { if case .term(let t) = $0 { t } else { nil } }
            }
        }
    }
}
