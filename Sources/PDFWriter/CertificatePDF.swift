import Foundation

/// A tutorial completion certificate as a one-page printable PDF (A4 landscape), made from plain fields.
///
/// The signed certificate (the caller's opaque base64url `payload`) travels inside the file twice: in the
/// information dictionary under `/PortalCertificate`, and as the comment line `%PortalCertificate: <payload>`
/// right after the header, so ``embeddedPayload(in:)`` finds it without parsing the PDF.
public struct CertificatePDF: Sendable, Equatable {
    /// The portal's name, shown at the top and recorded as the document's author.
    public var portalName: String
    /// The heading, "Certificate of completion" unless told otherwise.
    public var heading: String
    /// The learner's name, the largest line on the page.
    public var holderName: String
    /// The completed tutorial's title.
    public var tutorialTitle: String
    /// The issue date as it should read, e.g. "Issued 9 March 2024".
    public var issuedText: String
    /// The certificate's unique identifier.
    public var certificateID: String
    /// Where the certificate can be checked.
    public var verificationURL: String
    /// The portal's Ed25519 signature over the certificate, base64url; printed small in Courier.
    public var signature: String
    /// The signed certificate JSON, base64url, embedded as it is.
    public var payload: String
    /// The document's `/CreationDate`.
    public var creationDate: Date

    /// The information-dictionary key and comment-line label that carry the payload.
    public static let payloadKey = "PortalCertificate"
    /// The longest payload a certificate carries (and ``embeddedPayload(in:)`` reads), in characters.
    public static let maximumPayloadLength = 65_536

    public init(
        portalName: String, heading: String = "Certificate of completion", holderName: String, tutorialTitle: String,
        issuedText: String, certificateID: String, verificationURL: String, signature: String, payload: String,
        creationDate: Date
    ) {
        self.portalName = portalName
        self.heading = heading
        self.holderName = holderName
        self.tutorialTitle = tutorialTitle
        self.issuedText = issuedText
        self.certificateID = certificateID
        self.verificationURL = verificationURL
        self.signature = signature
        self.payload = payload
        self.creationDate = creationDate
    }

    /// The certificate as a document: one page (``page()``), the payload in the information dictionary and the
    /// header comment. Throws ``CertificatePDFError/invalidPayload`` for a payload that is not base64url.
    public func document() throws -> PDFDocument {
        guard Self.isValidPayload(payload) else { throw CertificatePDFError.invalidPayload }
        let info = PDFDocumentInfo(
            title: "\(heading): \(tutorialTitle)",
            author: portalName,
            subject: "\(holderName), \(tutorialTitle)",
            creator: portalName,
            creationDate: creationDate,
            custom: [Self.payloadKey: payload, "PortalCertificateID": certificateID]
        )
        return PDFDocument(info: info, pages: [page()], headerComments: ["\(Self.payloadKey): \(payload)"])
    }

    /// The PDF file's bytes; the same fields always give the same bytes.
    public func bytes() throws -> [UInt8] {
        try document().bytes()
    }

    /// Whether `payload` can be embedded: 1 to ``maximumPayloadLength`` characters of the base64url alphabet
    /// (A–Z, a–z, 0–9, `-`, `_`), optionally ending in one or two `=` of padding.
    public static func isValidPayload(_ payload: String) -> Bool {
        isValidPayload(Array(payload.utf8))
    }

    static func isValidPayload(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maximumPayloadLength else { return false }
        let body = bytes.reversed().drop { $0 == UInt8(ascii: "=") }
        guard bytes.count - body.count <= 2, !body.isEmpty else { return false }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default: false
            }
        }
    }
}
