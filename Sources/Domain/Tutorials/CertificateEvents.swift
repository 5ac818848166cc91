import Foundation

/// A completion certificate was issued (on the learner's progress stream, so there is one per learner and
/// tutorial). The holder's name and the signature over it are sealed under the learner's key: erasing the
/// person leaves a certificate whose holder is erased.
public struct CertificateIssued: DomainEvent {
    public static let eventType = "CertificateIssued"
    public struct Personal: Codable, Sendable, Equatable {
        public var holderName: String
        /// The signed certificate: base64url(payload JSON) "." base64url(Ed25519 signature).
        public var signed: String
        public init(holderName: String, signed: String) {
            self.holderName = holderName
            self.signed = signed
        }
    }
    public var certificateID: String
    public var tutorial: String
    public var tutorialTitle: String
    public var learner: AccountID
    /// The day of issue, `yyyy-MM-dd` (UTC).
    public var issuedOn: String
    /// Which of the portal's signing keys signed it (first 16 hex digits of the public key's BLAKE2b).
    public var keyID: String
    public var personal: Personal?
    enum CodingKeys: String, CodingKey { case certificateID, tutorial, tutorialTitle, learner, issuedOn, keyID }
    public init(certificateID: String, tutorial: String, tutorialTitle: String, learner: AccountID, issuedOn: String, keyID: String,
                holderName: String, signed: String) {
        self.certificateID = certificateID
        self.tutorial = tutorial
        self.tutorialTitle = tutorialTitle
        self.learner = learner
        self.issuedOn = issuedOn
        self.keyID = keyID
        self.personal = Personal(holderName: holderName, signed: signed)
    }
}

/// An editor revoked a certificate (stream `certificate-<id>`).
public struct CertificateRevoked: DomainEvent {
    public static let eventType = "CertificateRevoked"
    public var certificateID: String
    public var reason: String
    public var by: String
    public init(certificateID: String, reason: String, by: String) {
        self.certificateID = certificateID
        self.reason = reason
        self.by = by
    }
}

/// What a certificate states, signed as canonical JSON (keys sorted, no spaces): `v`, `id`, `tutorial`,
/// `title`, `holder`, `issued`, `key`.
public struct CertificateStatement: Codable, Sendable, Equatable {
    public var v: Int
    public var id: String
    public var tutorial: String
    public var title: String
    public var holder: String
    public var issued: String
    public var key: String

    public init(id: String, tutorial: String, title: String, holder: String, issued: String, key: String) {
        self.v = 1
        self.id = id
        self.tutorial = tutorial
        self.title = title
        self.holder = holder
        self.issued = issued
        self.key = key
    }

    /// The bytes that are signed.
    public func canonicalJSON() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// Whether `text` looks like a certificate id: 32 lower-case hex digits.
    public static func isValidID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// A new certificate id from a fresh UUID.
    public static func makeID(_ uuid: UUID) -> String { uuid.uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
}
