import Domain
import Foundation
import PDFWriter
import Projections

extension TutorialService {
    /// The holder's certificate as a one-page PDF. The signed certificate travels inside it (base64url of the
    /// signed token), so `portalctl certificates verify FILE` checks the file itself.
    public func pdf(_ c: LearningProjection.Certificate) throws -> [UInt8] {
        guard let name = c.holderName, let signed = c.signed else { throw DomainError.notFound("certificate") }
        let signature = signed.split(separator: ".").last.map(String.init) ?? ""
        let base = settings.publicURL.hasSuffix("/") ? String(settings.publicURL.dropLast()) : settings.publicURL
        return try CertificatePDF(portalName: "Customer Portal", holderName: name, tutorialTitle: c.tutorialTitle, issuedText: "Issued \(Self.longDay(c.issuedOn))",
                                  certificateID: c.id, verificationURL: "\(base)/certificates/\(c.id)", signature: signature,
                                  payload: Base64URL.encode(Array(signed.utf8)), creationDate: Self.date(c.issuedOn) ?? Date(timeIntervalSince1970: 0)).bytes()
    }

    /// The signed token inside a certificate PDF, or nil when the file carries none.
    public static func signedToken(inPDF bytes: [UInt8]) -> String? {
        guard let payload = CertificatePDF.embeddedPayload(in: bytes), let token = Base64URL.decode(payload) else { return nil }
        return String(bytes: token, encoding: .utf8)
    }

    static func date(_ day: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.date(from: day)
    }

    /// "26 November 2026".
    static func longDay(_ day: String) -> String {
        guard let date = date(day) else { return day }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "d MMMM yyyy"
        return f.string(from: date)
    }
}
