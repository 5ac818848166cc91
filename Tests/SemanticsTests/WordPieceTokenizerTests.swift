import Semantics
import Testing

@Suite("WordPiece tokenization (uncased BERT)")
struct WordPieceTokenizerTests {
    static let pieces = [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "world", ",", "!", "$", "-", "un", "##aff", "##able",
        "cafe", "deja", "vu", "中", "文", "a", "##a", "e", "i", "'", "t", "can", "naive", "ς", "οδος", "ᄒ", "##ᅡ",
    ]
    static let vocabulary = Dictionary(uniqueKeysWithValues: pieces.enumerated().map { ($1, Int32($0)) })
    let tokenizer = try! WordPieceTokenizer(vocabulary: vocabulary)

    func tokens(_ text: String, _ tokenizer: WordPieceTokenizer? = nil) -> [String] {
        (tokenizer ?? self.tokenizer).tokenize(text).map { Self.pieces[Int($0)] }
    }

    @Test("the text is framed by [CLS] and [SEP], lower-cased")
    func framing() {
        #expect(tokens("Hello WORLD") == ["[CLS]", "hello", "world", "[SEP]"])
        #expect(tokens("") == ["[CLS]", "[SEP]"])
    }

    @Test("accents are stripped after lower-casing")
    func accents() {
        #expect(tokens("Café DÉJÀ vu naïve") == ["[CLS]", "cafe", "deja", "vu", "naive", "[SEP]"])
    }

    @Test("CJK ideographs become words of their own")
    func cjk() {
        #expect(tokens("中文hello") == ["[CLS]", "中", "文", "hello", "[SEP]"])
    }

    @Test("punctuation, including ASCII symbols, is split off")
    func punctuation() {
        #expect(tokens("hello,world!") == ["[CLS]", "hello", ",", "world", "!", "[SEP]"])
        #expect(tokens("$a-a") == ["[CLS]", "$", "a", "-", "a", "[SEP]"])
        #expect(tokens("can't") == ["[CLS]", "can", "'", "t", "[SEP]"])
    }

    @Test("whitespace of every kind separates words; control characters, NUL and U+FFFD vanish")
    func cleaning() {
        #expect(tokens("  hello\tworld\n") == ["[CLS]", "hello", "world", "[SEP]"])
        #expect(tokens("hello\u{00A0}world\u{2028}a") == ["[CLS]", "hello", "world", "a", "[SEP]"])
        #expect(tokens("hel\u{0}lo wo\u{FFFD}rld\u{200B}") == ["[CLS]", "hello", "world", "[SEP]"])
    }

    @Test("greedy longest match with ## continuations; a word with an unmatched rest is one [UNK]")
    func wordPiece() {
        #expect(tokens("unaffable") == ["[CLS]", "un", "##aff", "##able", "[SEP]"])
        #expect(tokens("unaffablex hello") == ["[CLS]", "[UNK]", "hello", "[SEP]"])
        #expect(tokens("aaa") == ["[CLS]", "a", "##a", "##a", "[SEP]"])
    }

    @Test("a word of more than 100 characters is [UNK]; 100 are still split")
    func longWord() {
        #expect(tokens(String(repeating: "a", count: 101)) == ["[CLS]", "[UNK]", "[SEP]"])
        #expect(tokens(String(repeating: "a", count: 100)) == ["[CLS]", "a"] + Array(repeating: "##a", count: 99) + ["[SEP]"])
    }

    @Test("the ids are truncated to 256 in all, [SEP] kept last")
    func truncation() {
        let ids = tokenizer.tokenize(String(repeating: "hello ", count: 300))
        #expect(ids.count == 256)
        #expect(ids.first == tokenizer.classifierID)
        #expect(ids.last == tokenizer.separatorID)
        #expect(ids.dropFirst().dropLast().allSatisfy { $0 == 4 })
        let huge = tokenizer.tokenize(String(repeating: "hello, world! ", count: 200_000))
        #expect(huge.count == 256 && huge.last == tokenizer.separatorID)
        #expect(huge[1...4].map { Self.pieces[Int($0)] } == ["hello", ",", "world", "!"])
        let short = try! WordPieceTokenizer(vocabulary: Self.vocabulary, maxLength: 4)
        #expect(tokens("unaffable", short) == ["[CLS]", "un", "##aff", "[SEP]"])
    }

    @Test("words are matched by their exact characters, not by canonical equivalence")
    func decomposed() {
        // 하 decomposes (NFD) into the jamo ᄒ + ᅡ, which the vocabulary holds as pieces.
        #expect(tokens("하") == ["[CLS]", "ᄒ", "##ᅡ", "[SEP]"])
        // A final capital sigma lower-cases to ς, as in Python.
        #expect(tokens("ΟΔΟΣ") == ["[CLS]", "οδος", "[SEP]"])
    }

    @Test("a vocabulary without the special tokens is refused")
    func specialTokens() {
        #expect(throws: TokenizerError.missingSpecialToken("[UNK]")) {
            try WordPieceTokenizer(vocabulary: ["hello": 0])
        }
    }
}
