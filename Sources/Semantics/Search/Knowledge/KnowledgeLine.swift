/// A question a suggestion can complete: a document's title (line 0) or one of its phrasings (line 1, 2…).
struct KnowledgeLine: Sendable, Equatable {
    var slot: Int32
    var line: Int32

    /// The questions of a document's word sequences with their words: the title, then each phrasing.
    static func lines(of sequence: KnowledgeFieldValues<[Int32]>) -> [(number: Int32, words: ArraySlice<Int32>)] {
        var lines: [(number: Int32, words: ArraySlice<Int32>)] = [(0, sequence.title[...])]
        if !sequence.phrasings.isEmpty {
            for (n, phrasing) in sequence.phrasings.split(separator: KnowledgeIndex.separator, omittingEmptySubsequences: false).enumerated() {
                lines.append((Int32(n + 1), phrasing))
            }
        }
        return lines
    }
}
