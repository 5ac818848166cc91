/// Finds the portal's categories and products by name: whole words, any case, and a simple plural
/// "s" on the last word ("invoices" for "Invoice"). Longer names win over shorter ones through the
/// extractor's overlap rule.
struct CatalogueMatcher: Sendable {
    private let entries: [(id: String, words: [String])]
    /// Entries by their first word, so a message is scanned once whatever the catalogue's size.
    private let byFirstWord: [String: [Int]]

    init(_ catalogue: [CatalogueTerm]) {
        var entries: [(id: String, words: [String])] = []
        var index: [String: [Int]] = [:]
        for term in catalogue {
            for name in term.names {
                let words = EntityTokenizer.tokens(Array(name.unicodeScalars)).map(\.text)
                guard let first = words.first else { continue }
                index[first, default: []].append(entries.count)
                if words.count == 1 { index[first + "s", default: []].append(entries.count) }
                entries.append((term.id, words))
            }
        }
        self.entries = entries
        byFirstWord = index
    }

    func candidates(_ t: [EntityToken]) -> [EntityCandidate] {
        guard !entries.isEmpty else { return [] }
        var found: [EntityCandidate] = []
        for i in t.indices {
            guard let list = byFirstWord[t[i].text] else { continue }
            for e in list {
                let words = entries[e].words
                guard i + words.count <= t.count else { continue }
                var ok = true
                for (k, w) in words.enumerated() {
                    let token = t[i + k].text
                    let last = k == words.count - 1
                    if token != w && !(last && t[i + k].kind == .word && token == w + "s") { ok = false; break }
                    if k > 0, t[i + k].start - t[i + k - 1].end > 1 { ok = false; break }
                }
                if ok {
                    found.append(EntityCandidate(kind: .category, start: t[i].start, end: t[i + words.count - 1].end, value: entries[e].id))
                }
            }
        }
        return found
    }
}
