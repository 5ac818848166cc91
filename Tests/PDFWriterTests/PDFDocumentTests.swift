import Foundation
import Testing
@testable import PDFWriter

/// The file's structure: header, objects, cross-reference table, trailer; the same bytes every time.
@Suite struct PDFDocumentTests {
    @Test func headerIsVersionThenBinaryCommentThenComments() {
        let bytes = Samples.document().bytes()
        #expect(Array(bytes.prefix(9)) == Array("%PDF-1.4\n".utf8))
        #expect(Array(bytes[9..<15]) == [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
        #expect(bytes[15...].starts(with: "%a comment\n1 0 obj\n".utf8))
    }

    @Test func everyCrossReferenceEntryPointsAtItsObject() throws {
        for bytes in [Samples.document().bytes(), try Samples.certificate().bytes(), PDFDocument().bytes()] {
            let file = PDFFile(bytes: bytes)
            let entries = try file.xrefEntries()
            #expect(entries.count >= 4)
            #expect(entries[0].offset == 0 && entries[0].generation == 65535 && entries[0].kind == "f")
            for (number, entry) in entries.enumerated().dropFirst() {
                #expect(entry.kind == "n" && entry.generation == 0)
                let header = Array("\(number) 0 obj\n".utf8)
                #expect(
                    entry.offset > 0 && bytes[entry.offset...].starts(with: header),
                    "object \(number): offset \(entry.offset) holds \(String(decoding: bytes[entry.offset...].prefix(12), as: UTF8.self).debugDescription)"
                )
                #expect(bytes[entry.offset - 1] == 0x0A, "object \(number) does not begin a line")
            }
            #expect(file.definedObjects == Array(1..<entries.count), "objects defined and listed differ")
        }
    }

    @Test func startxrefPointsAtTheTable() throws {
        let bytes = Samples.document().bytes()
        let offset = try PDFFile(bytes: bytes).startxref()
        #expect(bytes[offset...].starts(with: "xref\n0 ".utf8))
        #expect(String(decoding: bytes.suffix(6), as: UTF8.self) == "%%EOF\n")
    }

    @Test func trailerNamesSizeRootInfoAndID() throws {
        let file = PDFFile(bytes: Samples.document().bytes())
        let trailer = try file.trailer()
        let size = try file.xrefEntries().count
        #expect(trailer.contains("/Size \(size) "))
        #expect(trailer.contains("/Root 1 0 R"))
        #expect(trailer.contains("/Info 3 0 R"))
        let id = try #require(trailer.firstMatch(of: /\/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]/))
        #expect(id.1 == id.2)
        #expect(file.text.contains("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>"))
        #expect(file.text.contains("/Type /Pages /Kids [11 0 R 13 0 R 15 0 R] /Count 3"))
    }

    @Test func streamLengthsAreExact() {
        let streams = PDFFile(bytes: Samples.document().bytes()).streams()
        #expect(streams.count == 3)
        for stream in streams { #expect(stream.length == stream.data.count) }
    }

    @Test func sameDocumentSameBytesDifferentDocumentDifferentID() throws {
        let first = Samples.document().bytes(), second = Samples.document().bytes()
        #expect(first == second)
        #expect(try Samples.certificate().bytes() == Samples.certificate().bytes())
        var changed = Samples.document()
        changed.info.title = "Another title"
        let ids = try [first, changed.bytes()].map { try PDFFile(bytes: $0).trailer().firstMatch(of: /\/ID \[<([0-9a-f]+)>/)!.1 }
        #expect(ids[0] != ids[1])
    }

    @Test func fontsAreBase14WithWinAnsiEncodingAndNotEmbedded() {
        let text = PDFFile(bytes: Samples.document().bytes()).text
        for font in PDFFont.allCases {
            #expect(text.contains("<< /Type /Font /Subtype /Type1 /BaseFont /\(font.baseFont) /Encoding /WinAnsiEncoding >>"))
        }
        #expect(!text.contains("/FontFile"))
        #expect(!text.contains("/FontDescriptor"))
        // The second page uses Helvetica-Bold (F2, object 5) and Times-Bold (F5, object 8) only.
        #expect(text.contains("/Resources << /Font << /F2 5 0 R /F5 8 0 R >>"))
    }

    @Test func pagesHaveTheirMediaBoxes() {
        let text = PDFFile(bytes: Samples.document().bytes()).text
        #expect(text.contains("/MediaBox [0 0 841.89 595.28]"))
        #expect(text.contains("/MediaBox [0 0 595.28 841.89]"))
        #expect(text.contains("/MediaBox [0 0 612 792]"))
    }

    @Test func anEmptyDocumentGetsOneBlankPage() throws {
        let file = PDFFile(bytes: PDFDocument().bytes())
        #expect(file.text.contains("/Kids [4 0 R] /Count 1"))
        #expect(try file.xrefEntries().count == 6)
    }

    @Test func infoDictionaryHasEscapedTextDateAndCustomKeys() {
        let text = PDFFile(bytes: Samples.document().bytes()).text
        #expect(text.contains("/Title (Report \\(draft\\) \\\\ v2)\n"))
        // Non-ASCII text goes as UTF-16BE with a byte order mark: "Zoë Müller".
        #expect(text.contains("/Author <feff005a006f00eb0020004d00fc006c006c00650072>\n"))
        #expect(text.contains("/CreationDate (D:20240309202731Z)\n"))
        #expect(text.contains("/Producer (Customer Portal PDFWriter)\n"))
        // Custom keys sorted by name, after the standard ones.
        #expect(text.contains("/Note (a \\(b\\) c)\n/PortalCertificate (abc_DEF-123)\n>>"))
    }

    @Test func customKeysCannotReplaceStandardOnesAndOddNamesAreEscaped() {
        let info = PDFDocumentInfo(title: "T", producer: nil, custom: ["Title": "not this", "Odd Key/#": "v", "": "empty"])
        let text = String(decoding: info.dictionary(), as: UTF8.self)
        #expect(text == "<<\n/Title (T)\n/Odd#20Key#2F#23 (v)\n>>")
    }
}
