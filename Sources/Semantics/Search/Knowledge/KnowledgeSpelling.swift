/// Finds the indexed word nearest to a misspelt query word, with the rules of ``SpellingCorrector`` (two
/// edits at most, one for words of four or five letters, nothing under four; fewest edits, then the word in
/// most documents, then the alphabetically first), but without reading the whole vocabulary.
///
/// ``SpellingCorrector`` compares the query word with every indexed word: about 1 ms at StackFAQ's 3,600
/// words, and tens of milliseconds at the 50,000 or more distinct words of 10,000 articles. Here a word's
/// padded letter pairs (`#p pa as ss sw ... d#`) point to the words holding them. Within k edits two words
/// share at least `max(length) + 1 − 3k` pairs (an insertion, deletion or substitution breaks at most two
/// pairs, a swap of neighbours three), so counting shared pairs through those lists and computing the edit
/// distance only for words at or above that count finds exactly what the full scan would.
///
/// Which words count, and how many documents hold each, is the caller's to say (``KnowledgeIndex`` counts only
/// documents the viewer may read), so a correction never reveals a word of a document the viewer cannot see.
struct KnowledgeSpelling: Sendable {
    /// Pair → (word id << 8 | how often the pair occurs in the word).
    private var pairs: [UInt64: [UInt32]] = [:]
    private var lengths: [Int16] = []

    /// Adds word `id` (ids arrive in order, as the vocabulary hands them out); stop words pass
    /// `correctable: false`. Words with digits are not corrected to, nor from: they are codes, versions and
    /// numbers, where a near miss is another thing.
    mutating func add(_ id: Int32, _ word: String, correctable: Bool) {
        precondition(Int(id) == lengths.count, "words are added in id order")
        let scalars = Array(word.unicodeScalars)
        lengths.append(Int16(clamping: scalars.count))
        guard correctable, Self.isCorrectable(scalars) else { return }
        for (pair, count) in Self.pairCounts(scalars) {
            pairs[pair, default: []].append(UInt32(id) << 8 | UInt32(min(count, 255)))
        }
    }

    /// The best correction of `word` among the words `documents` gives a count above zero.
    /// - Parameter documents: how many documents (that count) hold a word id; 0 excludes the word.
    func correction(for word: String, words: [String], documents: (Int32) -> Int) -> Int32? {
        let target = Array(word.unicodeScalars)
        guard target.count >= SpellingCorrector.minLength, Self.isCorrectable(target) else { return nil }
        let limit = target.count <= 5 ? 1 : SpellingCorrector.maxDistance
        // Shared pairs per word, in a dense array: the lists of common pairs run to thousands of words.
        var shared = [UInt16](repeating: 0, count: lengths.count)
        var touched: [Int32] = []
        for (pair, count) in Self.pairCounts(target) {
            guard let list = pairs[pair] else { continue }
            for entry in list {
                let id = Int(entry >> 8)
                if shared[id] == 0 { touched.append(Int32(id)) }
                shared[id] &+= UInt16(min(count, Int(entry & 0xFF)))
            }
        }
        var best: (id: Int32, distance: Int, documents: Int)?
        for id in touched {
            let length = Int(lengths[Int(id)])
            guard abs(length - target.count) <= limit, Int(shared[Int(id)]) >= max(length, target.count) + 1 - 3 * limit else { continue }
            let held = documents(id)
            guard held > 0 else { continue }
            guard let distance = SpellingCorrector.distance(target, Array(words[Int(id)].unicodeScalars), limit: limit) else { continue }
            if let b = best {
                if distance > b.distance { continue }
                if distance == b.distance && (held < b.documents || (held == b.documents && words[Int(id)] > words[Int(b.id)])) { continue }
            }
            best = (id, distance, held)
        }
        return best?.id
    }

    static func isCorrectable(_ scalars: [Unicode.Scalar]) -> Bool {
        !scalars.contains { $0.properties.numericType != nil }
    }

    /// The word's letter pairs, padded with a boundary mark at both ends, and how often each occurs.
    static func pairCounts(_ scalars: [Unicode.Scalar]) -> [UInt64: Int] {
        // Scalar values stop at 0x10FFFF, so 0x110000 can mark both ends.
        let boundary: UInt32 = 0x11_0000
        var counts: [UInt64: Int] = [:]
        var previous = boundary
        for current in scalars.map(\.value) + [boundary] {
            counts[UInt64(previous) << 32 | UInt64(current), default: 0] += 1
            previous = current
        }
        return counts
    }
}
