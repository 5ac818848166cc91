import Foundation
import Testing
import PDFWriter

/// The certificate read by poppler-utils, a PDF reader that is not ours: text extracted, page rendered, information
/// dictionary parsed, and no complaint on standard error. Without poppler-utils these tests fail, naming the package.
@Suite struct PopplerTests {
    @Test func certificateTextIsExtractedWithAccents() throws {
        try withCertificateFile { folder, path in
            let result = try Poppler.run("pdftotext", ["-enc", "UTF-8", path, "-"], in: folder)
            #expect(result.status == 0, "pdftotext failed: \(result.errors)")
            #expect(result.errors.isEmpty, "pdftotext complained: \(result.errors)")
            for expected in ["Zoë Müller", "Getting started with the knowledge base", "Certificate of completion", "Issued 9 March 2024", "crt_01HRX4Z9Q7M3K2V8B6N5P4T3W2"] {
                #expect(result.output.contains(expected), "'\(expected)' not in:\n\(result.output)")
            }
        }
    }

    @Test func certificateRendersToAPNG() throws {
        try withCertificateFile { folder, path in
            let result = try Poppler.run("pdftoppm", ["-png", "-r", "50", path, folder + "/page"], in: folder)
            #expect(result.status == 0, "pdftoppm failed: \(result.errors)")
            #expect(result.errors.isEmpty, "pdftoppm complained: \(result.errors)")
            let png = try #require(FileManager.default.contents(atPath: folder + "/page-1.png"), "no page-1.png")
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // 841.89 × 595.28 pt at 50 dpi: 585 × 414 pixels (IHDR width and height, big-endian).
            let header = Array(png.prefix(24))
            let width = header[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = header[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 585 && height == 414, "\(width) × \(height)")
        }
    }

    @Test func informationDictionaryIsReadBack() throws {
        try withCertificateFile { folder, path in
            let result = try Poppler.run("pdfinfo", ["-custom", path], in: folder)
            #expect(result.status == 0, "pdfinfo failed: \(result.errors)")
            #expect(result.errors.isEmpty, "pdfinfo complained: \(result.errors)")
            #expect(result.output.contains("PortalCertificate:\(Samples.payload)\n") || result.output.contains("PortalCertificate: \(Samples.payload)\n"), "\(result.output)")
            #expect(result.output.contains("Subject:") && result.output.contains("Zoë Müller, Getting started"))
            let plain = try Poppler.run("pdfinfo", [path], in: folder)
            #expect(plain.output.contains("Page size:       841.89 x 595.28 pts (A4)"), "\(plain.output)")
            #expect(plain.output.contains("Pages:           1\n"))
            #expect(plain.output.contains("PDF version:     1.4\n"))
        }
    }

    private func withCertificateFile(_ body: (_ folder: String, _ path: String) throws -> Void) throws {
        let folder = try TemporaryFolder("pdfwriter-poppler")
        defer { folder.remove() }
        let path = folder.appending("certificate.pdf")
        guard FileManager.default.createFile(atPath: path, contents: Data(try Samples.certificate().bytes())) else {
            throw TestFailure("could not write \(path)")
        }
        try body(folder.path, path)
    }
}
