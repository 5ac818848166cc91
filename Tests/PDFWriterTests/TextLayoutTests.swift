import Testing
import PDFWriter

/// Wrapping, shrinking and shortening text to a width.
@Suite struct TextLayoutTests {
    @Test func wrapsAtSpacesWithinTheWidth() {
        let text = "the quick brown fox jumps over the lazy dog"
        let lines = TextLayout.wrap(text, font: .helvetica, size: 12, maxWidth: 100)
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == text)
        for line in lines { #expect(FontMetrics.width(of: line, font: .helvetica, size: 12) <= 100) }
        // Each line is as full as it can be: the next word would not have fitted.
        for (line, next) in zip(lines, lines.dropFirst()) {
            let word = next.split(separator: " ").first!
            #expect(FontMetrics.width(of: line + " " + word, font: .helvetica, size: 12) > 100)
        }
    }

    @Test func breaksAWordLongerThanALine() {
        let signature = String(repeating: "AbCdEfGh_-", count: 30)
        let lines = TextLayout.wrap(signature, font: .courier, size: 10, maxWidth: 60)  // 10 Courier characters a line
        #expect(lines.count == 30)
        #expect(lines.allSatisfy { $0.count == 10 })
        #expect(lines.joined() == signature)
    }

    @Test func blankTextHasNoLines() {
        #expect(TextLayout.wrap("", font: .helvetica, size: 12, maxWidth: 100).isEmpty)
        #expect(TextLayout.wrap(" \n\t ", font: .helvetica, size: 12, maxWidth: 100).isEmpty)
    }

    @Test func fitShrinksBeforeItWraps() {
        let fitted = TextLayout.fit("A rather long name", font: .timesBold, size: 40, minimumSize: 10, maxWidth: 200, maxLines: 1)
        #expect(fitted.lines == ["A rather long name"])
        #expect(fitted.size < 40)
        #expect(FontMetrics.width(of: "A rather long name", font: .timesBold, size: fitted.size) <= 200)
        #expect(FontMetrics.width(of: "A rather long name", font: .timesBold, size: fitted.size + 0.5) > 200)
    }

    @Test func fitEndsInAnEllipsisWhenEvenTheSmallestSizeIsTooBig() {
        let text = String(repeating: "word ", count: 200)
        let fitted = TextLayout.fit(text, font: .helvetica, size: 20, minimumSize: 12, maxWidth: 300, maxLines: 2)
        #expect(fitted.size == 12)
        #expect(fitted.lines.count == 2)
        #expect(fitted.lines[1].hasSuffix("…"))
        for line in fitted.lines { #expect(FontMetrics.width(of: line, font: .helvetica, size: 12) <= 300) }
    }

    @Test func truncateKeepsWhatFitsAndClosesWithAnEllipsis() {
        #expect(TextLayout.truncate("short", font: .helvetica, size: 10, maxWidth: 100) == "short")
        let cut = TextLayout.truncate("https://support.example.com/a/very/long/path", font: .helvetica, size: 10, maxWidth: 80)
        #expect(cut.hasSuffix("…") && cut.hasPrefix("https://"))
        #expect(FontMetrics.width(of: cut, font: .helvetica, size: 10) <= 80)
        #expect(TextLayout.truncate("Wide", font: .helvetica, size: 10, maxWidth: 1) == "…")
    }
}
