@testable import BlobStore
import Foundation
import Testing

/// Types come from content: magic bytes for binaries, tags for markup, UTF-8 for text.
@Suite struct ContentSnifferTests {
    @Test func imagesDocumentsAndVideosByTheirMagicBytes() {
        #expect(ContentSniffer.sniff(Samples.png) == .png)
        #expect(ContentSniffer.sniff(Samples.jpeg) == .jpeg)
        #expect(ContentSniffer.sniff(Samples.gif) == .gif)
        #expect(ContentSniffer.sniff(Array("GIF87a".utf8) + [1, 0, 1, 0, 0, 0, 0]) == .gif)
        #expect(ContentSniffer.sniff(Samples.webp) == .webp)
        #expect(ContentSniffer.sniff(Samples.pdf) == .pdf)
        #expect(ContentSniffer.sniff(Samples.docx) == .zip)
        #expect(ContentSniffer.sniff(Samples.mp4) == .mp4)
        #expect(ContentSniffer.sniff(Samples.webm) == .webm)
    }

    @Test func theDemoTutorialFilesAreSniffedAsWhatTheyAre() throws {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/PortalAPI/Resources/tutorials/demo").standardized
        let bytes = { (name: String) in Array(try Data(contentsOf: demo.appendingPathComponent(name))) }
        let video = try bytes("first-ticket.webm")
        #expect(video.starts(with: [0x1A, 0x45, 0xDF, 0xA3]))
        #expect(ContentSniffer.sniff(video) == .webm)
        #expect(ContentSniffer.sniff(try bytes("first-ticket.png")) == .png)
        #expect(ContentSniffer.sniff(try bytes("first-ticket.vtt")) == .text)
    }

    @Test func lookalikesAreNotTakenForTheRealThing() {
        #expect(ContentSniffer.sniff(Samples.quickTime) == nil)
        #expect(ContentSniffer.sniff(Samples.matroska) == nil)
        #expect(ContentSniffer.sniff(Array(Samples.png.prefix(7))) == nil)  // a truncated signature
        #expect(ContentSniffer.sniff(Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVEfmt ".utf8) + [0x10, 0, 0, 0, 1, 0]) == nil)
        #expect(ContentSniffer.sniff(Array("GIF88a".utf8) + [0, 0xFF, 0, 0x01]) == nil)
    }

    @Test func programsAreRecognised() {
        #expect(ContentSniffer.sniff(Samples.exe) == .executable)
        #expect(ContentSniffer.sniff(Samples.elf) == .executable)
        #expect(ContentSniffer.sniff([0xCF, 0xFA, 0xED, 0xFE, 0x0C, 0x00, 0x00, 0x01]) == .executable)
        // Text that happens to start with "MZ" is still text.
        #expect(ContentSniffer.sniff(Array("MZ-2024 order list\nitem one\nitem two, with a longer description of the order\n".utf8)) == .text)
    }

    @Test func markupIsToldApartFromText() {
        #expect(ContentSniffer.sniff(Samples.html) == .html)
        #expect(ContentSniffer.sniff(Samples.htmlScriptOnly) == .html)
        #expect(ContentSniffer.sniff(Array("<HTML><BODY>x".utf8)) == .html)
        #expect(ContentSniffer.sniff(Array("<!-- saved from url --><html>".utf8)) == .html)
        #expect(ContentSniffer.sniff(Samples.svg) == .svg)
        #expect(ContentSniffer.sniff(Samples.bareSVG) == .svg)
        #expect(ContentSniffer.sniff(Array("<?xml version=\"1.0\"?><order id=\"1\"/>".utf8)) == .xml)
        // A tag-like word in the middle of a text is not markup.
        #expect(ContentSniffer.sniff(Array("Please run <script> in the console.".utf8)) == .text)
        #expect(ContentSniffer.sniff(Array("<ab> is not a tag we know".utf8)) == .text)
    }

    @Test func plainTextIsValidUTF8WithoutNULAndFewControlCharacters() {
        #expect(ContentSniffer.sniff(Array("Hello, world\r\n\tindented\n".utf8)) == .text)
        #expect(ContentSniffer.sniff(Samples.csv) == .text)
        #expect(ContentSniffer.sniff(Array("Grüße aus Köln — 你好 🎉\n".utf8)) == .text)
        #expect(ContentSniffer.sniff([0xEF, 0xBB, 0xBF] + Array("with a byte-order mark".utf8)) == .text)
        #expect(ContentSniffer.sniff(Array("with a NUL\0byte".utf8)) == nil)
        #expect(ContentSniffer.sniff(Array("caf".utf8) + [0xE9] + Array(" in Latin-1".utf8)) == nil)
        #expect(ContentSniffer.sniff(Array("bell\u{7}\u{7}\u{7}\u{7}".utf8)) == nil)
        #expect(ContentSniffer.sniff([]) == nil)
        #expect(ContentSniffer.sniff(randomBytes(4096, seed: 1)) == nil)
    }

    @Test func aHeadCutInsideACharacterIsStillText() {
        let text = Array(String(repeating: "日本語のテキスト。", count: 200).utf8)  // 3-byte characters
        let head = Array(text.prefix(ContentSniffer.headLength))
        #expect(ContentSniffer.headLength % 3 != 0)
        #expect(ContentSniffer.sniff(head) == .text)
        // A short file that really ends inside a character is not text.
        #expect(ContentSniffer.sniff(Array(text.prefix(10))) == nil)
    }

    @Test func everyTypeHasAMimeTypeAndAnExtensionItAccepts() {
        for type in SniffedType.allCases {
            #expect(!type.mimeType.isEmpty)
            #expect(type.acceptedExtensions.contains(type.fileExtension))
        }
        #expect(SniffedType.jpeg.fileExtension == "jpg")
        #expect(SniffedType.text.mimeType == "text/plain; charset=utf-8")
        #expect(SniffedType.text.acceptedExtensions.contains("csv"))
    }
}
