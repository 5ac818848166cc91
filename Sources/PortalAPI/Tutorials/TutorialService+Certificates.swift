import Domain
import EventStore
import Foundation
import Projections

/// A certificate's standing as the public verification page and `portalctl certificates verify` report it.
public enum CertificateStanding: String, Codable, Sendable {
    case valid
    case revoked
    /// The holder was erased: the certificate's id and tutorial remain, the name and signature are gone.
    case holderErased = "holder-erased"
    /// No certificate has this id, or the file's signature does not check out.
    case unknown
}

extension TutorialService {
    /// What the verification page shows.
    public struct CertificateReport: Codable, Sendable, Equatable {
        public var id: String
        public var standing: CertificateStanding
        public var tutorial: String?
        public var tutorialTitle: String?
        public var holderName: String?
        public var issuedOn: String?
        public var revokedReason: String?
        /// For a file or token: whether its Ed25519 signature is the portal's over exactly what it states.
        public var signatureValid: Bool?
    }

    /// Issues the learner's certificate for a finished tutorial, or hands back the one issued before.
    public func issueCertificate(_ slug: String, learner: AccountID, now: Date = Date()) async throws -> LearningProjection.Certificate {
        if let id = learning.progress(slug, learner: learner).progress.certificateID, let existing = learning.certificate(id) { return existing }
        guard let name = try identity.profile(learner)?.name else { throw DomainError.notFound("account") }
        let issuedOn = Self.day(now)
        var id = ""
        try await learn(slug, learner: learner) { p, content, _ in
            id = CertificateStatement.makeID(UUID())
            let statement = try p.decideCertificate(tutorial: slug, content: content, holderName: name, id: id, issuedOn: issuedOn, key: keyID)
            let signed = try sign(statement)
            return [CertificateIssued(certificateID: id, tutorial: slug, tutorialTitle: statement.title, learner: learner, issuedOn: issuedOn,
                                      keyID: keyID, holderName: statement.holder, signed: signed)]
        }
        guard let issued = learning.certificate(id) else { throw DomainError.notFound("certificate") }
        logger.info("certificate issued", metadata: ["certificate": "\(id)", "tutorial": "\(slug)"])
        return issued
    }

    /// base64url(canonical JSON) "." base64url(Ed25519 signature over those bytes).
    func sign(_ statement: CertificateStatement) throws -> String {
        let payload = try statement.canonicalJSON()
        return Base64URL.encode(payload) + "." + Base64URL.encode(try Sodium.ed25519Sign(payload, seed: signingSeed))
    }

    /// The holder's own certificate (for the printable page and the PDF); anyone else gets "not found".
    public func ownCertificate(_ id: String, learner: AccountID) throws -> LearningProjection.Certificate {
        guard CertificateStatement.isValidID(id), let c = learning.certificate(id), c.learner == learner, c.holderName != nil else {
            throw DomainError.notFound("certificate")
        }
        return c
    }

    /// The public verification of a certificate id.
    public func verify(id: String) -> CertificateReport {
        guard CertificateStatement.isValidID(id), let c = learning.certificate(id) else {
            return CertificateReport(id: String(id.prefix(64)), standing: .unknown)
        }
        let standing: CertificateStanding = c.revokedReason != nil ? .revoked : c.holderErased ? .holderErased : .valid
        return CertificateReport(id: id, standing: standing, tutorial: c.tutorial, tutorialTitle: c.tutorialTitle,
                                 holderName: standing == .valid ? c.holderName : nil, issuedOn: c.issuedOn, revokedReason: c.revokedReason)
    }

    /// Verifies a signed certificate (from a PDF or the JSON download): the signature first, then the standing of its id.
    public func verify(signed token: String) -> CertificateReport {
        guard let statement = checkSignature(token) else {
            return CertificateReport(id: "", standing: .unknown, signatureValid: false)
        }
        var report = verify(id: statement.id)
        report.signatureValid = true
        // What the file states, even when the holder was erased since.
        report.tutorialTitle = statement.title
        report.issuedOn = statement.issued
        if report.standing == .valid, report.holderName != statement.holder { report.standing = .unknown }
        if report.standing != .unknown { report.holderName = report.standing == .holderErased ? nil : statement.holder }
        return report
    }

    /// The statement when `token` is signed by this portal's key, else nil.
    public func checkSignature(_ token: String) -> CertificateStatement? {
        guard token.utf8.count <= 8_192 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(String(parts[0])), let signature = Base64URL.decode(String(parts[1])),
              Sodium.ed25519Verify(signature, message: payload, publicKey: publicKey),
              let statement = try? JSONDecoder().decode(CertificateStatement.self, from: Data(payload)),
              statement.key == keyID, (try? statement.canonicalJSON()) == payload else { return nil }
        return statement
    }

    /// Revokes a certificate, with a reason; the verification page shows it.
    @discardableResult
    public func revoke(_ id: String, reason: String, by account: AccountID) async throws -> UInt64 {
        let editor = try requireEditor(account)
        return try await revoke(id, reason: reason, actor: editor)
    }

    func revoke(_ id: String, reason: String, actor: String) async throws -> UInt64 {
        guard CertificateStatement.isValidID(id), let c = learning.certificate(id) else { throw DomainError.notFound("certificate") }
        let event = try CertificateIssued.decideRevoke(id, reason: reason, by: actor, alreadyRevoked: c.revokedReason != nil)
        let position = try await append([event], stream: "certificate-\(id)", expected: c.revocationVersion == 0 ? .noStream : .exact(c.revocationVersion),
                                        actor: actor)
        await settle(position)
        return position
    }

    static func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }
}
