import Foundation
import Testing

@testable import Mail

@Suite("Quoted-printable and encoded-words")
struct EncodingTests {
    static let texts = [
        "plain ascii",
        "Grüße, Jürgen! 1 + 1 = 2; 100% sicher?",
        "trailing spaces   \nand tabs\t\nnext",
        ".a line starting with a dot\n..and two",
        String(repeating: "ä", count: 120),
        String(repeating: "word ", count: 50) + "\n" + String(repeating: "x", count: 300),
        "emoji 👨‍👩‍👧 and CJK 日本語のテキスト",
        "=3D already looks encoded =\n=",
        "",
    ]

    @Test("Quoted-printable round-trips any text, with CRLF line ends", arguments: texts)
    func quotedPrintableRoundTrip(text: String) {
        let encoded = QuotedPrintable.encode(text)
        let expected = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(decodeQuotedPrintable(encoded) == expected)
    }

    @Test("Quoted-printable output is 7-bit, lines at most 76 characters, no trailing white space", arguments: texts)
    func quotedPrintableLines(text: String) {
        let encoded = QuotedPrintable.encode(text)
        #expect(encoded.allSatisfy { $0 < 128 })
        #expect(encoded.hasOnlyCRLFLineEnds)
        for line in encoded.crlfLines {
            #expect(line.utf8.count <= 76)
            #expect(line.last != " " && line.last != "\t")
        }
    }

    @Test("Quoted-printable escapes '=' and non-ASCII bytes in upper-case hex")
    func quotedPrintableEscapes() {
        #expect(String(decoding: QuotedPrintable.encode("a=b ü"), as: UTF8.self) == "a=3Db =C3=BC")
        #expect(String(decoding: QuotedPrintable.encode("end "), as: UTF8.self) == "end=20")
    }

    @Test("Encoded-words hold whole characters, are at most 75 long and decode back", arguments: texts.filter { !$0.contains("\n") })
    func encodedWordRoundTrip(text: String) {
        let words = EncodedWord.encode(text)
        for word in words {
            #expect(word.utf8.count <= EncodedWord.maxLength)
            #expect(word.hasPrefix("=?UTF-8?Q?") || word.hasPrefix("=?UTF-8?B?"))
            // Each word must decode to valid UTF-8 on its own.
            let decoded = decodeEncodedWords(word)
            #expect(!decoded.contains("\u{FFFD}"))
        }
        #expect(decodeEncodedWords(words.joined(separator: "\r\n ").replacingOccurrences(of: "\r\n", with: "")) == text)
    }

    @Test("Q encoding for mostly-ASCII text, B for mostly non-ASCII text")
    func encodingChoice() {
        #expect(EncodedWord.encode("Grüße") == ["=?UTF-8?Q?Gr=C3=BC=C3=9Fe?="])
        #expect(EncodedWord.encode("日本語")[0].hasPrefix("=?UTF-8?B?"))
    }
}
