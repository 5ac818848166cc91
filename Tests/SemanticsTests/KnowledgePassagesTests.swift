import Testing
@testable import Semantics

@Suite("Knowledge passages and fusion")
struct KnowledgePassagesTests {
    /// A stand-in for the WordPiece count: one token per word plus [CLS] and [SEP], capped at 256 like the
    /// real tokenizer (which cuts long texts).
    static func tokens(_ text: String) -> Int { min(256, text.split(whereSeparator: \.isWhitespace).count + 2) }

    static func words(_ n: Int, _ tag: String) -> String { (0..<n).map { "\(tag)\($0)" }.joined(separator: " ") }

    @Test func aShortDocumentIsOnePassageWithItsTitle() {
        #expect(KnowledgePassages.split(title: "Reset a password", text: "Open Settings.\n\nChoose Reset.", tokenCount: Self.tokens)
            == ["Reset a password\nOpen Settings.\n\nChoose Reset."])
        #expect(KnowledgePassages.split(title: "Only a title", text: "  \n ", tokenCount: Self.tokens) == ["Only a title"])
    }

    @Test func aLongDocumentIsCutAtParagraphsThenSentencesThenWordsAndLosesNothing() {
        // Three paragraphs of 40, 40 and 440 words; the last one in sentences of 40 words and one of 120.
        let long = (0..<8).map { Self.words(40, "s\($0)w") + "." }.joined(separator: " ") + " " + Self.words(120, "huge") + "."
        let text = [Self.words(40, "a"), Self.words(40, "b"), long].joined(separator: "\n\n")
        let title = "Title words here"
        let passages = KnowledgePassages.split(title: title, text: text, maxTokens: 100, tokenCount: Self.tokens)
        // Each passage fits (below the limit with the title), and starts with the title.
        for passage in passages {
            #expect(Self.tokens(passage) < 100)
            #expect(passage.hasPrefix(title + "\n"))
        }
        // The two short paragraphs share a passage; sentences are never split while they fit.
        #expect(passages[0] == title + "\n" + Self.words(40, "a") + "\n\n" + Self.words(40, "b"))
        #expect(passages[1].hasPrefix(title + "\ns0w0 ") && passages[1].contains("s1w39.") && !passages[1].contains("s2w0"))
        // Every word of the text, in order, exactly once.
        let rejoined = passages.flatMap { $0.dropFirst(title.count + 1).split(whereSeparator: \.isWhitespace) }
        #expect(rejoined == text.split(whereSeparator: \.isWhitespace))
        // A passage holds as much as fits: no two neighbours could have been one.
        for (a, b) in zip(passages, passages.dropFirst()) {
            #expect(Self.tokens(a + " " + String(b.dropFirst(title.count + 1))) >= 100)
        }
    }

    @Test func sentencesEndAtStopsFollowedBySpace() {
        #expect(KnowledgePassages.sentences("Version 2.5 is out. Really?! Yes (see \"notes.\") Done")
            == ["Version 2.5 is out.", "Really?!", "Yes (see \"notes.\")", "Done"])
        #expect(KnowledgePassages.paragraphs("one\ntwo\n\n\n three \n  \nfour") == ["one\ntwo", "three", "four"])
    }

    @Test func fusionScoresADocumentByItsBestPassage() {
        let lexical = [KnowledgeHit(key: "a", score: 12), KnowledgeHit(key: "b", score: 6), KnowledgeHit(key: "c", score: 2)]
        let passages: [(key: String, score: Float)] = [("c", 0.9), ("b", 0.6), ("c", 0.1), ("d", 0.3), ("b", 0.85)]
        // Encoder alone: c (0.9), b (0.85), then a and d at 0 (ties by key).
        #expect(KnowledgeFusion.fuse(lexical: lexical, passages: passages, semanticWeight: 1, limit: 10).map(\.key) == ["c", "b", "a", "d"])
        // Keywords alone: a, b, then c and d at 0.
        #expect(KnowledgeFusion.fuse(lexical: lexical, passages: passages, semanticWeight: 0, limit: 10).map(\.key) == ["a", "b", "c", "d"])
        // Half and half, each side min–max normalised: a 0.5·1, b 0.5·0.4 + 0.5·0.55/0.6, c 0.5·1, d 0.
        let fused = KnowledgeFusion.fuse(lexical: lexical, passages: passages, semanticWeight: 0.5, limit: 3)
        #expect(fused.map(\.key) == ["b", "a", "c"])
        #expect(abs(fused[0].score - (0.2 + 0.5 * 0.55 / 0.6)) < 1e-6)
        #expect(abs(fused[1].score - 0.5) < 1e-6 && abs(fused[2].score - 0.5) < 1e-6)
        // A share of the second-best passage: b's 0.6 lifts it over c (second best 0.1).
        let shared = KnowledgeFusion.fuse(lexical: [], passages: passages, semanticWeight: 1, limit: 10, secondPassageShare: 0.5)
        #expect(shared.map(\.key) == ["b", "c", "d"])
    }
}
