import Domain
import EventStore
import Foundation

/// The secrets of single-use links (e-mail verification, password reset).
///
/// A link's secret is BLAKE2b(key, request id) with a key derived from the master key, so nothing
/// secret is stored: the log keeps only the request id and the hash of the secret, and the outbox
/// can still put the link into the mail it sends. The token in the link is
/// base64url(account id ‖ secret).
public struct LinkTokens: Sendable {
    private let key: [UInt8]
    /// Keys the hashes of provider identities (issuer, subject).
    let identityKey: [UInt8]

    public init(masterKey: MasterKey) {
        key = masterKey.derive(purpose: "link-token/v1")
        identityKey = masterKey.derive(purpose: "external-identity/v1")
    }

    /// A new link request: its id and the hash to store.
    public func request(id: UUID) -> LinkRequest {
        LinkRequest(requestID: id, tokenHash: Self.hash(secret(id)))
    }

    /// The token to put into the link of `request`.
    public func token(account: AccountID, requestID: UUID) -> String {
        Base64URL.encode(withUnsafeBytes(of: account.uuid.uuid) { Array($0) } + secret(requestID))
    }

    /// The account and secret hash of a presented token; nil when it is not shaped like one.
    public static func parse(_ token: String) -> (account: AccountID, tokenHash: String)? {
        guard token.utf8.count <= 128, let bytes = Base64URL.decode(token.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 48 else { return nil }
        let id = bytes.prefix(16)
        let uuid = UUID(uuid: (id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12], id[13], id[14], id[15]))
        return (AccountID(uuid), hash(Array(bytes.suffix(32))))
    }

    private func secret(_ requestID: UUID) -> [UInt8] {
        Sodium.blake2b(withUnsafeBytes(of: requestID.uuid) { Array($0) }, key: key, outputLength: 32)
    }

    static func hash(_ secret: [UInt8]) -> String { Sodium.blake2b(secret, outputLength: 32).hex }
}

/// Opaque refresh tokens: `rt_` + base64url(session id ‖ 32 random bytes). Only the hash of the
/// random part is stored; the session id tells which session to check it against.
public enum RefreshTokens {
    public static func make(session: UUID) -> (token: String, hash: String) {
        let secret = Sodium.randomBytes(32)
        return ("rt_" + Base64URL.encode(withUnsafeBytes(of: session.uuid) { Array($0) } + secret), LinkTokens.hash(secret))
    }

    public static func parse(_ token: String) -> (session: UUID, hash: String)? {
        guard token.hasPrefix("rt_"), token.utf8.count <= 128, let bytes = Base64URL.decode(String(token.dropFirst(3))), bytes.count == 48 else { return nil }
        let id = bytes.prefix(16)
        let uuid = UUID(uuid: (id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12], id[13], id[14], id[15]))
        return (uuid, LinkTokens.hash(Array(bytes.suffix(32))))
    }
}
