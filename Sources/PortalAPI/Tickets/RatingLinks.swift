import Domain
import EventStore
import Foundation

/// The signed links of the satisfaction survey in the "your ticket was solved" mail.
///
/// A token is base64url(ticket id ‖ requester id ‖ expiry (seconds, big-endian) ‖ MAC), the MAC a
/// keyed BLAKE2b-128 over the rest, so nothing is stored and a token cannot be made for another ticket
/// or stretched. Opening a link only shows the page; the rating is recorded when the page is submitted,
/// because mail scanners open links.
public struct RatingLinks: Sendable {
    private let key: [UInt8]
    /// Links stay valid this long after the ticket was solved.
    public static let lifetime: TimeInterval = 30 * 86400

    public init(masterKey: MasterKey) {
        key = masterKey.derive(purpose: "rating-link/v1")
    }

    public func token(ticket: UUID, requester: AccountID, expires: Date) -> String {
        let body = Self.bytes(ticket) + Self.bytes(requester.uuid) + Self.bigEndian(UInt64(max(0, expires.timeIntervalSince1970)))
        return Base64URL.encode(body + Sodium.blake2b(body, key: key, outputLength: 16))
    }

    public enum Refusal: Error, Equatable { case malformed, expired }

    /// The ticket and requester a token was made for; refuses forged, altered and expired ones.
    public func verify(_ token: String, now: Date) throws -> (ticket: UUID, requester: AccountID) {
        guard token.utf8.count <= 100, let bytes = Base64URL.decode(token), bytes.count == 56 else { throw Refusal.malformed }
        let body = Array(bytes.prefix(40)), mac = Array(bytes.suffix(16))
        guard Sodium.constantTimeEqual(Sodium.blake2b(body, key: key, outputLength: 16), mac) else { throw Refusal.malformed }
        let expires = body[32..<40].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard Double(expires) > now.timeIntervalSince1970 else { throw Refusal.expired }
        return (Self.uuid(body[0..<16]), AccountID(Self.uuid(body[16..<32])))
    }

    static func bytes(_ id: UUID) -> [UInt8] { withUnsafeBytes(of: id.uuid) { Array($0) } }

    static func bigEndian(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * UInt64($0))) } }

    static func uuid(_ b: ArraySlice<UInt8>) -> UUID {
        let a = Array(b)
        return UUID(uuid: (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]))
    }
}
