import BlobStore
import Foundation
import Testing

/// Client file names are made safe to store, show and send back.
@Suite struct FileNameSanitizerTests {
    func clean(_ raw: String, _ type: SniffedType? = .text) -> String {
        FileNameSanitizer.sanitize(raw, sniffed: type)
    }

    @Test func pathsAreStripped() {
        #expect(clean("../../etc/passwd") == "passwd.txt")
        #expect(clean("C:\\Users\\bob\\Desktop\\report.pdf", .pdf) == "report.pdf")
        #expect(clean("/var/tmp/..\\..\\notes.txt") == "notes.txt")
        #expect(clean("folder/") == "attachment.txt")
    }

    @Test func controlAndBidiCharactersQuotesAndSemicolonsAreRemoved() {
        #expect(clean("invoice\u{202E}fdp.exe", .pdf) == "invoicefdp.pdf")
        #expect(clean("a\u{2066}b\u{2067}c\u{2068}d\u{2069}e\u{202A}f\u{202B}g\u{202C}h\u{202D}i.txt") == "abcdefghi.txt")
        #expect(clean("line\r\nbreak\ttab\u{0}nul\u{7F}del\u{85}.txt") == "linebreaktabnuldel.txt")
        #expect(clean("\"quoted\"; name='x'.txt") == "quoted name=x.txt")
        #expect(clean("a  \u{00A0} b.txt") == "a b.txt")
        #expect(clean("what<>:|?*.txt") == "what______.txt")
    }

    @Test func leadingDotsAndTrailingDotsAndSpacesGo() {
        #expect(clean(".htaccess") == "htaccess.txt")
        #expect(clean("...hidden.txt") == "hidden.txt")
        #expect(clean("  spaced out .txt  ") == "spaced out.txt")
        #expect(clean("name. . .") == "name.txt")
    }

    @Test func theExtensionFollowsTheContent() {
        #expect(clean("report.exe", .pdf) == "report.pdf")
        #expect(clean("report", .pdf) == "report.pdf")
        #expect(clean("photo.JPEG", .jpeg) == "photo.JPEG")
        #expect(clean("photo.jpg", .png) == "photo.png")
        #expect(clean("data.csv", .text) == "data.csv")
        #expect(clean("scan.pdf.exe", .pdf) == "scan.pdf.pdf")
        #expect(clean("Meeting notes v2. final draft", .text) == "Meeting notes v2. final draft.txt")
        // Unknown content keeps its name; the policy refuses it anyway.
        #expect(clean("tool.exe", nil) == "tool.exe")
    }

    @Test func emptyNamesFallBackToAttachment() {
        #expect(clean("", .pdf) == "attachment.pdf")
        #expect(clean("...", .png) == "attachment.png")
        #expect(clean("\u{202E}\u{202C}", .gif) == "attachment.gif")
        #expect(clean("\"\";;", nil) == "attachment.bin")
        #expect(clean(".pdf", .pdf) == "pdf.pdf")
    }

    @Test func namesAreNFCNormalised() {
        let result = clean("Cafe\u{0301} menu.txt")
        #expect(result == "Caf\u{00E9} menu.txt")
        #expect(result.unicodeScalars.count == "Café menu.txt".precomposedStringWithCanonicalMapping.unicodeScalars.count)
    }

    @Test func longNamesAreCutBetweenCharactersKeepingTheExtension() {
        let accented = clean(String(repeating: "é", count: 200) + ".pdf", .pdf)
        #expect(accented.utf8.count <= 120)
        #expect(accented.hasSuffix(".pdf"))
        #expect(accented.dropLast(4).allSatisfy { $0 == "é" })
        #expect(accented.utf8.count == 116 + 4)

        let family = "👨‍👩‍👧"  // one character of 18 UTF-8 bytes
        let emoji = clean(String(repeating: family, count: 20) + ".png", .png)
        #expect(emoji.utf8.count <= 120)
        #expect(emoji.dropLast(4).allSatisfy { $0 == Character(family) })
        #expect(emoji.dropLast(4).count == 6)
    }

    @Test func windowsDeviceNamesAreDefused() {
        #expect(clean("CON.txt") == "_CON.txt")
        #expect(clean("lpt1", .pdf) == "_lpt1.pdf")
        #expect(clean("console.txt") == "console.txt")
    }

    @Test func contentDispositionHasAnASCIIFallbackAndTheUTF8Name() {
        #expect(FileNameSanitizer.contentDisposition(filename: "report.pdf") == "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf")
        #expect(FileNameSanitizer.contentDisposition(filename: "Résumé 2024.pdf")
            == "attachment; filename=\"Resume 2024.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%202024.pdf")
        #expect(FileNameSanitizer.contentDisposition(filename: "日本.txt") == "attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt")
        #expect(FileNameSanitizer.contentDisposition(filename: "100%.png", inline: true) == "inline; filename=\"100_.png\"; filename*=UTF-8''100%25.png")
    }

    @Test func contentDispositionCannotBeBrokenOutOf() {
        let header = FileNameSanitizer.contentDisposition(filename: "a\"; filename=evil.exe\r\nSet-Cookie: x=1\\.txt")
        #expect(!header.contains("\r") && !header.contains("\n"))
        #expect(header.filter { $0 == "\"" }.count == 2)
        #expect(header.hasPrefix("attachment; filename=\"a__ filename=evil.exeSet-Cookie: x=1_.txt\"; filename*=UTF-8''"))
        #expect(!header.split(separator: "filename*=")[1].contains(" "))
    }
}
