/// The WordPiece vocabulary as a byte trie, for greedy longest-match without building substrings.
///
/// Word-initial pieces hang off the root; continuation pieces (`##` + piece) off the node reached
/// by `##`, so both lookups are one walk.
struct VocabularyTrie: Sendable {
    /// Child of a node by byte: key is `node << 8 | byte`.
    private var children: [UInt32: UInt32] = [:]
    /// The token id ending at each node, or -1.
    private var tokens: [Int32] = [-1]
    private(set) var continuationRoot: UInt32 = 0

    init(vocabulary: some Sequence<(String, Int32)>, continuingPrefix: String) {
        for (piece, id) in vocabulary { insert(Array(piece.utf8), id: id) }
        continuationRoot = node(for: Array(continuingPrefix.utf8), creating: true)
    }

    /// The longest vocabulary piece that starts at `start` in `word` and ends on a character
    /// boundary, as (token id, end index).
    func longestMatch(in word: [UInt8], from start: Int, continuation: Bool) -> (id: Int32, end: Int)? {
        var node = continuation ? continuationRoot : 0
        var best: (id: Int32, end: Int)?
        var index = start
        while index < word.count, let next = children[node << 8 | UInt32(word[index])] {
            node = next
            index += 1
            let atBoundary = index == word.count || word[index] & 0xC0 != 0x80
            if atBoundary, tokens[Int(node)] >= 0 { best = (tokens[Int(node)], index) }
        }
        return best
    }

    private mutating func insert(_ bytes: [UInt8], id: Int32) {
        let node = node(for: bytes, creating: true)
        tokens[Int(node)] = id
    }

    private mutating func node(for bytes: [UInt8], creating: Bool) -> UInt32 {
        var node: UInt32 = 0
        for byte in bytes {
            let key = node << 8 | UInt32(byte)
            if let next = children[key] {
                node = next
            } else {
                let next = UInt32(tokens.count)
                tokens.append(-1)
                children[key] = next
                node = next
            }
        }
        return node
    }
}
