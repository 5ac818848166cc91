import Foundation

/// One TF-IDF block: the kept terms, their inverse document frequencies, and the weighting.
///
/// Weights follow scikit-learn's `TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm="l2")`:
/// a term occurring `tf` times in a message weighs `(1 + ln tf) · idf`, with
/// `idf = ln((1 + n) / (1 + df)) + 1` over `n` training messages of which `df` contain the term;
/// the message's vector is then scaled to unit length (an empty message stays zero).
public struct TfidfVocabulary: Sendable, Hashable {
    /// The kept terms; a term's feature index is its position.
    public let terms: [String]
    /// The inverse document frequency of each term.
    public let idf: [Float]
    let index: [String: Int32]

    /// A vocabulary from stored terms and idf values.
    /// - Throws: ``IntentModelFormatError`` when the lists differ in length, a term repeats, or an
    ///   idf is not a finite positive number.
    public init(terms: [String], idf: [Float]) throws(IntentModelFormatError) {
        guard terms.count == idf.count else {
            throw .inconsistent("a vocabulary has \(terms.count) terms but \(idf.count) idf values")
        }
        guard terms.count < Int(Int32.max) else { throw .inconsistent("a vocabulary is too large") }
        var index: [String: Int32] = [:]
        index.reserveCapacity(terms.count)
        for (position, term) in terms.enumerated() {
            guard index.updateValue(Int32(position), forKey: term) == nil else {
                throw .inconsistent("the vocabulary term \(term.debugDescription) occurs twice")
            }
        }
        guard idf.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw .inconsistent("an idf value is not a positive number") }
        self.terms = terms
        self.idf = idf
        self.index = index
    }

    /// Learns the vocabulary of `documents` (each a message's term counts): the terms found in at
    /// least `minimumDocumentFrequency` of them, the `limit` most frequent if there are more (ties by
    /// term, so the result never depends on dictionary order).
    public static func fit(_ documents: [[String: Int]], minimumDocumentFrequency: Int, limit: Int) -> TfidfVocabulary {
        var frequency: [String: Int] = [:]
        for document in documents {
            for term in document.keys { frequency[term, default: 0] += 1 }
        }
        let kept = frequency.filter { $0.value >= max(1, minimumDocumentFrequency) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(max(0, limit))
        let n = Double(documents.count)
        let terms = kept.map(\.key)
        let idf = kept.map { Float(log((1 + n) / (1 + Double($0.value))) + 1) }
        // Terms are unique dictionary keys and idf values are ≥ 1, so this cannot fail.
        return try! TfidfVocabulary(terms: terms, idf: idf)
    }

    /// The unit-length TF-IDF vector of one message's term counts; unknown terms are ignored.
    public func vector(_ counts: [String: Int]) -> SparseVector {
        var entries: [(Int32, Float)] = []
        entries.reserveCapacity(counts.count)
        for (term, count) in counts {
            guard let position = index[term], count > 0 else { continue }
            entries.append((position, (1 + Float(log(Double(count)))) * idf[Int(position)]))
        }
        entries.sort { $0.0 < $1.0 }
        var vector = SparseVector(indices: entries.map(\.0), values: entries.map(\.1))
        let norm = vector.norm
        if norm > 0 {
            for i in vector.values.indices { vector.values[i] /= norm }
        }
        return vector
    }
}
