/// One document's occurrences of one term, per field: an entry of a term's posting list.
///
/// A posting list is an array of these sorted by slot, 12 bytes an entry, rather than a dictionary from
/// slot to counts: scoring a term is one linear pass, phrase candidates are a merge of sorted lists, and a
/// list takes a tenth of a dictionary's memory. New documents take the next slot, so appending keeps the
/// order; removing is a binary search and one move.
struct KnowledgePosting: Sendable, Equatable {
    var slot: Int32
    var counts: KnowledgeFieldValues<UInt16>

    /// Whether the term occurs in the title or a phrasing (what suggestions complete).
    var isInQuestion: Bool { counts.title > 0 || counts.phrasings > 0 }
}

extension [KnowledgePosting] {
    /// The index of the first posting whose slot is not below `slot`.
    func firstIndex(atOrAfter slot: Int32) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].slot < slot { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
