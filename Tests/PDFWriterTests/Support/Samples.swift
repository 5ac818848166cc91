import Foundation
import PDFWriter

/// Documents the tests write.
enum Samples {
    /// 2024-03-09T20:27:31Z
    static let date = Date(timeIntervalSince1970: 1_710_016_051)

    /// A base64url payload of realistic length (a signed certificate is a few hundred characters).
    static let payload = String(repeating: "eyJjZXJ0aWZpY2F0ZSI6eyJpZCI6ImNydF8wMUhSWDQifX0_-", count: 9)

    static let signature = "3q2-7wAAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4_QA"

    static func certificate(
        holderName: String = "Zoë Müller", tutorialTitle: String = "Getting started with the knowledge base",
        portalName: String = "Acme Support", certificateID: String = "crt_01HRX4Z9Q7M3K2V8B6N5P4T3W2",
        verificationURL: String = "https://support.example.com/certificates/crt_01HRX4Z9Q7M3K2V8B6N5P4T3W2",
        signature: String = signature, payload: String = payload
    ) -> CertificatePDF {
        CertificatePDF(
            portalName: portalName, holderName: holderName, tutorialTitle: tutorialTitle, issuedText: "Issued 9 March 2024",
            certificateID: certificateID, verificationURL: verificationURL, signature: signature, payload: payload,
            creationDate: date
        )
    }

    /// Three pages of different sizes, every font, lines and rectangles, text needing escapes, a Unicode title.
    static func document() -> PDFDocument {
        var pages: [PDFPage] = []
        for (index, size) in [PDFSize.a4Landscape, .a4Portrait, .letterPortrait].enumerated() {
            var page = PDFPage(size: size)
            page.fillRect(PDFRect(x: 10, y: 10, width: 100, height: 50), color: PDFColor(rgb: 0xFFEECC))
            page.strokeRect(PDFRect(x: 20, y: 20, width: 200, height: 100), lineWidth: 2, color: PDFColor(red: 0.1, green: 0.2, blue: 0.3))
            page.drawLine(from: PDFPoint(x: 0, y: 0), to: PDFPoint(x: size.width, y: size.height), lineWidth: 0.5, color: .black)
            for (row, font) in PDFFont.allCases.enumerated() where row % 3 == index || index == 0 {
                page.drawText("Page \(index + 1) (\(font.baseFont)) \\ 5€ “quoted” é", at: PDFPoint(x: 40, y: 500 - 30 * Double(row)), font: font, size: 14)
            }
            pages.append(page)
        }
        let info = PDFDocumentInfo(
            title: "Report (draft) \\ v2", author: "Zoë Müller", subject: "Tests", creator: "PDFWriterTests",
            creationDate: date, custom: ["PortalCertificate": "abc_DEF-123", "Note": "a (b) c"]
        )
        return PDFDocument(info: info, pages: pages, headerComments: ["a comment"])
    }
}
