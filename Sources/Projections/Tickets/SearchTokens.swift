import EventStore

/// Keyed 32-bit hashes of tokens: what the directory keeps instead of words.
///
/// Without the key a hash cannot be tested against a dictionary, so neither the read model nor its
/// snapshots reveal what a customer wrote; 32 bits keep 100,000 tickets' worth of tokens small, at
/// the price of a rare false match (about one in four billion per token pair).
struct SearchTokenHasher: Sendable {
    private let key: [UInt8]

    init(key: [UInt8]) {
        precondition((16...64).contains(key.count), "a search key has 16 to 64 bytes")
        self.key = key
    }

    func hash(_ token: [UInt8]) -> UInt32 {
        let digest = Sodium.blake2b(token, key: key, outputLength: 8)
        return UInt32(digest[0]) | UInt32(digest[1]) << 8 | UInt32(digest[2]) << 16 | UInt32(digest[3]) << 24
    }

    /// The sorted, distinct token hashes of some texts.
    func tokens(_ texts: [String]) -> [UInt32] {
        var out: [UInt32] = []
        for text in texts { TicketTextTokenizer.forEachToken(in: text) { out.append(hash($0)) } }
        return SortedTokens.normalized(out)
    }
}

/// Operations on sorted arrays of distinct token hashes.
enum SortedTokens {
    static func normalized(_ tokens: [UInt32]) -> [UInt32] {
        guard tokens.count > 1 else { return tokens }
        let sorted = tokens.sorted()
        var out: [UInt32] = []
        out.reserveCapacity(sorted.count)
        for t in sorted where out.last != t { out.append(t) }
        return out
    }

    /// The union of two sorted sets.
    static func union(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [UInt32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let x = a[i], y = b[j]
            out.append(min(x, y))
            if x <= y { i += 1 }
            if y <= x { j += 1 }
        }
        out += a[i...]
        out += b[j...]
        return out
    }

    /// How many tokens two sorted sets share.
    static func overlap(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count, j < b.count {
            let x = a[i], y = b[j]
            if x == y { n += 1 }
            if x <= y { i += 1 }
            if y <= x { j += 1 }
        }
        return n
    }

    static func contains(_ set: [UInt32], _ token: UInt32) -> Bool {
        var low = 0, high = set.count
        while low < high {
            let mid = (low + high) / 2
            if set[mid] < token { low = mid + 1 } else { high = mid }
        }
        return low < set.count && set[low] == token
    }

    /// Whether `set` holds every token of `query`.
    static func containsAll(_ set: [UInt32], _ query: [UInt32]) -> Bool {
        query.allSatisfy { contains(set, $0) }
    }

    /// Dice's coefficient: 2·|a∩b| / (|a|+|b|), 0 for two empty sets.
    static func dice(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return 2 * Double(overlap(a, b)) / Double(a.count + b.count)
    }
}
