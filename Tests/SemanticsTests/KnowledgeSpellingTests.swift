import Testing
@testable import Semantics

@Suite("Knowledge spelling corrections")
struct KnowledgeSpellingTests {
    @Test func findsExactlyWhatTheFullScanOfSpellingCorrectorFinds() {
        // A vocabulary of pseudo-words with shared pieces (so near misses abound), and misspellings of them
        // by every kind of edit; the pair index must agree with the reference scan on every one.
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let pieces = ["pass", "word", "re", "set", "ing", "card", "de", "cline", "acc", "ount", "log", "in", "ship", "ment", "a", "o"]
        var words: [String] = []
        var seen: Set<String> = []
        while words.count < 600 {
            let word = (0..<(2 + next(3))).map { _ in pieces[next(pieces.count)] }.joined()
            if seen.insert(word).inserted { words.append(word) }
        }
        let documents = words.map { _ in 1 + next(5) }
        var index = KnowledgeSpelling()
        var reference = SpellingCorrector()
        for (id, word) in words.enumerated() {
            index.add(Int32(id), word, correctable: true)
            reference.add(Array(repeating: word, count: documents[id]))
        }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var checked = 0, corrected = 0
        for word in words.prefix(300) {
            var typo = Array(word)
            let at = next(typo.count)
            switch next(4) {
            case 0: typo.remove(at: at)
            case 1: typo.insert(letters[next(26)], at: at)
            case 2: typo[at] = letters[next(26)]
            default: if at + 1 < typo.count { typo.swapAt(at, at + 1) }
            }
            if next(3) == 0, typo.count > 2 { typo[next(typo.count)] = letters[next(26)] }
            let misspelt = String(typo)
            guard !seen.contains(misspelt) else { continue }
            let fast = index.correction(for: misspelt, words: words) { documents[Int($0)] }.map { words[Int($0)] }
            #expect(fast == reference.correction(for: misspelt), "\(misspelt)")
            checked += 1
            if fast != nil { corrected += 1 }
        }
        #expect(checked > 250)
        #expect(corrected > 150)
    }

    @Test func countsOnlyWordsTheCallerCounts() {
        var index = KnowledgeSpelling()
        for (id, word) in ["refund", "refunds", "e404", "the"].enumerated() { index.add(Int32(id), word, correctable: word != "the") }
        let words = ["refund", "refunds", "e404", "the"]
        #expect(index.correction(for: "refunnd", words: words) { _ in 1 } == 0)
        #expect(index.correction(for: "refunnd", words: words) { $0 == 0 ? 0 : 1 } == 1)
        #expect(index.correction(for: "refunnd", words: words) { _ in 0 } == nil)
        // Words with digits and stop words are never corrections; short words are never corrected.
        #expect(index.correction(for: "e4044", words: words) { _ in 1 } == nil)
        #expect(index.correction(for: "thee", words: words) { _ in 1 } == nil)
        #expect(index.correction(for: "ref", words: words) { _ in 1 } == nil)
    }
}
