import Foundation
import Testing
@testable import PDFWriter

/// The certificate page: its payload found again, hostile files refused, and a layout that stays on the page.
@Suite struct CertificatePDFTests {
    @Test func embeddedPayloadRoundTrips() throws {
        let bytes = try Samples.certificate().bytes()
        #expect(CertificatePDF.embeddedPayload(in: bytes) == Samples.payload)
        let longest = String(repeating: "A", count: CertificatePDF.maximumPayloadLength - 2) + "=="
        #expect(CertificatePDF.embeddedPayload(in: try Samples.certificate(payload: longest).bytes()) == longest)
    }

    @Test func payloadIsACommentLineRightAfterTheHeaderAndInTheInfoDictionary() throws {
        let bytes = try Samples.certificate().bytes()
        let expectedStart = Array("%PDF-1.4\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A] + Array("%PortalCertificate: \(Samples.payload)\n1 0 obj\n".utf8)
        #expect(bytes.starts(with: expectedStart))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("/PortalCertificate (\(Samples.payload))\n"))
        #expect(text.contains("/PortalCertificateID (crt_01HRX4Z9Q7M3K2V8B6N5P4T3W2)\n"))
        #expect(text.contains("/Title (Certificate of completion: Getting started with the knowledge base)\n"))
    }

    @Test func payloadIsFoundInTheInfoDictionaryWhenTheCommentIsGone() throws {
        var document = try Samples.certificate().document()
        document.headerComments = []
        let bytes = document.bytes()
        #expect(!String(decoding: bytes, as: UTF8.self).contains("%PortalCertificate"))
        #expect(CertificatePDF.embeddedPayload(in: bytes) == Samples.payload)
    }

    @Test func invalidPayloadsAreRefused() {
        for payload in ["", "abc def", "a+b/c", "abc=def", "abc===", "é", "abc\n", String(repeating: "A", count: CertificatePDF.maximumPayloadLength + 1)] {
            #expect(throws: CertificatePDFError.invalidPayload) { try Samples.certificate(payload: payload).bytes() }
        }
        #expect(CertificatePDF.isValidPayload("abc_DEF-123"))
        #expect(CertificatePDF.isValidPayload("YQ=="))
        #expect(!CertificatePDF.isValidPayload("=="))
    }

    @Test func embeddedPayloadIsNilOnGarbage() {
        var generator = SplitMix64(seed: 7)
        let random = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let inputs: [[UInt8]] = [
            [], Array("%PDF-".utf8), random, Array("%PDF-1.4\n".utf8) + random,
            Array("not a pdf\n%PortalCertificate: abc\n".utf8),
            Array("%PDF-1.4\n%PortalCertificate: abc$def\n".utf8),  // not base64url
            Array("%PDF-1.4\n%PortalCertificate: \n".utf8),  // empty
            Array("%PDF-1.4 %PortalCertificate: abc\n".utf8),  // not at the start of a line
            Array("%PDF-1.4\n/PortalCertificate (abc\\)def)".utf8),  // escapes are not base64url
            Array("%PDF-1.4\n/PortalCertificate <616263>".utf8),
            Array("%PDF-1.4\n/PortalCertificateID (abc)".utf8),  // another key
            Array("%PDF-1.4\n%PortalCertificate: ".utf8) + [UInt8](repeating: 0x41, count: CertificatePDF.maximumPayloadLength + 10) + [0x0A],
            Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x28, count: 2_000_000),
            Array("%PDF-1.4\n".utf8) + Array(repeating: Array("/PortalCertificate (".utf8), count: 10_000).flatMap { $0 },
        ]
        for input in inputs {
            #expect(CertificatePDF.embeddedPayload(in: input) == nil, "\(String(decoding: input.prefix(60), as: UTF8.self).debugDescription)")
        }
    }

    @Test func embeddedPayloadIsNilOnTruncatedFiles() throws {
        var document = try Samples.certificate().document()
        let full = document.bytes()
        let commentEnd = try #require(full.indices.first { full[$0] == 0x0A && $0 > 16 })
        for length in 0..<commentEnd {
            #expect(CertificatePDF.embeddedPayload(in: Array(full.prefix(length))) == nil, "cut at \(length)")
        }
        // Without the comment, a file cut inside the information dictionary's value has no payload either.
        document.headerComments = []
        let bare = document.bytes()
        let key = Array("/PortalCertificate (".utf8)
        let keyStart = try #require(bare.indices.first { bare[$0...].starts(with: key) })
        let valueStart = keyStart + key.count
        for length in stride(from: 0, through: valueStart + Samples.payload.utf8.count, by: 7) {
            #expect(CertificatePDF.embeddedPayload(in: Array(bare.prefix(length))) == nil, "cut at \(length)")
        }
        #expect(CertificatePDF.embeddedPayload(in: Array(bare.prefix(valueStart + Samples.payload.utf8.count + 1))) == Samples.payload)
    }

    @Test func normalCertificateHasEveryLineAndTheNameLarge() {
        let page = Samples.certificate().page()
        #expect(page.size == .a4Landscape)
        let texts = page.texts
        #expect(texts.map(\.text).prefix(8) == [
            "Acme Support", "Certificate of completion", "This certifies that", "Zoë Müller", "has completed the tutorial",
            "Getting started with the knowledge base", "Issued 9 March 2024", "Certificate ID: crt_01HRX4Z9Q7M3K2V8B6N5P4T3W2",
        ])
        let name = texts.first { $0.text == "Zoë Müller" }!
        #expect(name.size == 40 && name.font == .timesBold)
        #expect(texts.allSatisfy { $0.size <= name.size })
        #expect(texts.last!.font == .courier && texts.last!.text == Samples.signature)
        // Double border: two stroked rectangles, one inside the other.
        let borders = page.operations.compactMap { if case .strokedRectangle(let rect, _, _) = $0 { rect } else { nil } }
        #expect(borders.count == 2)
        #expect(borders[1].minX > borders[0].minX && borders[1].maxX < borders[0].maxX)
    }

    @Test(arguments: [
        Samples.certificate(),
        Samples.certificate(
            holderName: String(repeating: "Wolfeschlegelsteinhausenbergerdorff ", count: 8) + "東京",
            tutorialTitle: String(repeating: "Configuring single sign-on with OpenID Connect and SCIM provisioning ", count: 20),
            portalName: String(repeating: "A very long portal name ", count: 20),
            certificateID: String(repeating: "crt_X", count: 100),
            verificationURL: "https://support.example.com/" + String(repeating: "verify/", count: 100),
            signature: String(repeating: "MMMMWWWW__--", count: 200)
        ),
        Samples.certificate(holderName: "W", tutorialTitle: "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"),
    ])
    func everythingStaysInsideTheBorderWithoutOverlapping(certificate: CertificatePDF) {
        let page = certificate.page()
        let border = PDFRect(x: 0, y: 0, width: page.size.width, height: page.size.height).insetBy(30)
        var previousBottom = Double.infinity
        for text in page.texts {
            let width = FontMetrics.width(of: text.text, font: text.font, size: text.size)
            let top = text.origin.y + 0.75 * text.size, bottom = text.origin.y - 0.22 * text.size
            #expect(text.origin.x >= CertificatePDF.textMargin - 1e-6, "\(text.text) starts at \(text.origin.x)")
            #expect(text.origin.x + width <= page.size.width - CertificatePDF.textMargin + 1e-6, "\(text.text) ends at \(text.origin.x + width)")
            #expect(bottom > border.minY && top < border.maxY, "\(text.text) at \(text.origin.y)")
            #expect(top < previousBottom, "\(text.text) overlaps the line above it")
            previousBottom = bottom
        }
        for operation in page.operations {
            if case .line(let from, let to, _, _) = operation {
                for point in [from, to] { #expect(point.x >= border.minX && point.x <= border.maxX && point.y >= border.minY && point.y <= border.maxY) }
            }
        }
        #expect(page.texts.count >= 11)
    }

    @Test func longValuesShrinkWrapAndShorten() {
        let long = Samples.certificate(
            holderName: "Maximiliane Theodora Konstantinopoulou-Wolfeschlegelsteinhausen",
            tutorialTitle: String(repeating: "Escalations, service levels and the knowledge base ", count: 6),
            signature: String(repeating: "abcdefgh", count: 60)
        ).page()
        let name = long.texts.first { $0.font == .timesBold && $0.text.hasPrefix("Maximiliane") }!
        #expect(name.size < 40 && name.size >= 16)
        #expect(name.text == "Maximiliane Theodora Konstantinopoulou-Wolfeschlegelsteinhausen")
        let texts = long.texts.map(\.text)
        let first = texts.firstIndex(of: "has completed the tutorial")!, last = texts.firstIndex(of: "Issued 9 March 2024")!
        let title = texts[(first + 1)..<last]
        #expect(title.count == 2)
        #expect(title.first!.hasPrefix("Escalations, service levels"))
        #expect(title.last!.hasSuffix("…"))
        let signature = long.texts.filter { $0.font == .courier }
        #expect(signature.count == 3)
        #expect(signature.map(\.text).joined() == String(repeating: "abcdefgh", count: 60))
    }
}

/// One text operation of a page.
struct DrawnText {
    let text: String
    let font: PDFFont
    let size: Double
    let origin: PDFPoint
}

extension PDFPage {
    /// The page's text operations, in the order drawn (top to bottom on the certificate).
    var texts: [DrawnText] {
        operations.compactMap {
            if case .text(let text, let font, let size, let origin, _) = $0 { DrawnText(text: text, font: font, size: size, origin: origin) } else { nil }
        }
    }
}

/// A seeded generator, so the garbage is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
