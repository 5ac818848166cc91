import Foundation
import NLU
import Testing

@Suite("Entities: overlaps, offsets and hostile input")
struct EntityExtractorTests {
    typealias S = EntitySupport

    @Test("overlapping matches: the longest wins, and the result is sorted and disjoint")
    func longestWins() {
        let found = S.extract("Call +44 20 7946 0958 on 2 March 2022 about 20 euros from 1 to 5 March, mail dave@abc.com")
        #expect(found.map(\.kind) == [.phone, .date, .money, .dateRange, .email])
        #expect(found.map(\.text) == ["+44 20 7946 0958", "2 March 2022", "20 euros", "from 1 to 5 March", "dave@abc.com"])
        for (a, b) in zip(found, found.dropFirst()) { #expect(a.end <= b.start) }
    }

    @Test("offsets count Unicode scalars, like Python string indices")
    func scalarOffsets() {
        let text = "🎉 naïve café: tomorrow at 3pm, £5 👍🏽 مرحبا"
        let found = S.extract(text)
        let scalars = Array(text.unicodeScalars)
        #expect(!found.isEmpty)
        for entity in found {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[entity.start..<entity.end])
            #expect(String(view) == entity.text)
        }
        let dateTime = found.first { $0.kind == .dateTime }
        let prefix = text[..<text.range(of: "tomorrow")!.lowerBound]
        #expect(dateTime?.start == prefix.unicodeScalars.count)
        #expect(dateTime?.value == "2022-03-16T15:00")
    }

    @Test("empty, blank and punctuation-only input finds nothing")
    func empty() {
        #expect(S.extract("").isEmpty)
        #expect(S.extract("   \n\t ").isEmpty)
        #expect(S.extract("?!.,;:()[]{}@#$%^&*-+=/\\|'\"").isEmpty)
    }

    @Test("long and hostile input: 10,000 characters of emoji, right-to-left text, digits and separators")
    func hostile() {
        let pieces = ["🎉", "שלום", "مرحبا", "\u{202E}", "a.b@", "@@", "..", "12 ", "-", "(", "+", "http://", "www.", "1st ", "£",
                      "from ", "to ", "between ", "and ", "#", "0", "9", ":", "/", "x", "e\u{301}", "\u{0}", " "]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<3 {
            var text = ""
            while text.unicodeScalars.count < 10_000 { text += pieces.randomElement(using: &generator)! }
            let found = S.extract(text)
            let count = text.unicodeScalars.count
            #expect(found.allSatisfy { $0.start >= 0 && $0.start < $0.end && $0.end <= count })
        }
        // Long runs of one character.
        for piece in ["9", "9 ", "one ", "a.", "a@", "(", "+1 ", "http://a", "1-", "the 1st of ", "from 1 to ", "£5 "] {
            let text = String(repeating: piece, count: 10_000 / piece.count)
            _ = S.extract(text)
        }
        _ = S.extract("£" + String(repeating: "9", count: 400) + " in " + String(repeating: "9", count: 30) + " days")
    }

    @Test("the same message gives the same entities at the same reference time")
    func deterministic() {
        let text = "last Friday I paid £20 to bob@example.com, call 0176 1234 5678"
        #expect(S.extract(text) == S.extract(text))
        #expect(S.extract(text).count == 4)
    }
}
