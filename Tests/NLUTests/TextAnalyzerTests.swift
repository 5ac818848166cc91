import NLU
import Testing

@Suite("Tokenisation and n-grams")
struct TextAnalyzerTests {
    @Test("words are lower-cased runs of letters, digits and underscores")
    func words() {
        let scalars = IntentTextAnalyzer.normalized("Where's my CARD? Sent 2 days_ago… £5!", maximumLength: 1000)
        #expect(IntentTextAnalyzer.words(scalars) == ["where", "s", "my", "card", "sent", "2", "days_ago", "5"])
    }

    @Test("word n-grams join consecutive words")
    func wordNGrams() {
        let grams = IntentTextAnalyzer.wordNGrams(["top", "up", "fails"], lengths: 1...2)
        #expect(grams == ["top", "up", "fails", "top up", "up fails"])
        #expect(IntentTextAnalyzer.wordNGrams(["one"], lengths: 2...3).isEmpty)
    }

    @Test("character n-grams stay inside space-padded chunks, like scikit-learn's char_wb")
    func characterNGrams() {
        let scalars = IntentTextAnalyzer.normalized("Hi  card!", maximumLength: 1000)
        let grams = IntentTextAnalyzer.characterNGrams(scalars, lengths: 3...5)
        // " hi " is 4 long: two 3-grams, then itself once for length 4, and nothing longer.
        // " card! " is 7 long: five 3-grams, four 4-grams, three 5-grams.
        #expect(grams == [
            " hi", "hi ", " hi ",
            " ca", "car", "ard", "rd!", "d! ", " car", "card", "ard!", "rd! ", " card", "card!", "ard! ",
        ])
    }

    @Test("a chunk shorter than the n-gram counts once, whole")
    func shortChunk() {
        let grams = IntentTextAnalyzer.characterNGrams(IntentTextAnalyzer.normalized("a", maximumLength: 10), lengths: 3...5)
        #expect(grams == [" a "])
    }

    @Test("text is cut to the maximum length before anything else")
    func cut() {
        let scalars = IntentTextAnalyzer.normalized(String(repeating: "ab ", count: 10_000), maximumLength: 7)
        #expect(String(String.UnicodeScalarView(scalars)) == "ab ab a")
        #expect(IntentTextAnalyzer.normalized("", maximumLength: 7).isEmpty)
    }

    @Test("hostile text: control characters, combining marks, emoji and other scripts do not break it")
    func hostile() {
        let text = "\u{0}\u{7}caf\u{65}\u{301} 👩‍👩‍👧 Привет\u{200B}мир 日本語\r\n\t"
        let scalars = IntentTextAnalyzer.normalized(text, maximumLength: 1000)
        #expect(IntentTextAnalyzer.words(scalars).contains("привет"))
        #expect(!IntentTextAnalyzer.characterNGrams(scalars, lengths: 3...5).isEmpty)
    }
}
