import Domain
import EventStore
import Foundation

/// The secrets around second factors, each from its own key derived from the master key:
/// recovery codes (stored as keyed hashes), e-mailed sign-in codes (derived from the challenge, so
/// nothing secret is stored and the outbox can mail them), and challenge tokens (which challenge of
/// which account, authenticated so they cannot be forged or retargeted).
public struct SecondFactorTokens: Sendable {
    private let recoveryKey: [UInt8]
    private let emailCodeKey: [UInt8]
    private let challengeKey: [UInt8]
    /// Recovery codes avoid characters that are easy to misread (0/O, 1/l/I).
    private static let recoveryAlphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    public init(masterKey: MasterKey) {
        recoveryKey = masterKey.derive(purpose: "recovery-code/v1")
        emailCodeKey = masterKey.derive(purpose: "sign-in-email-code/v1")
        challengeKey = masterKey.derive(purpose: "second-factor-challenge/v1")
    }

    // MARK: Recovery codes

    /// Ten new codes like `k7mq-x2pd-9f`, and their hashes.
    public func newRecoveryCodes(count: Int = 10) -> (codes: [String], hashes: [String]) {
        let codes = (0..<count).map { _ -> String in
            let chars = Sodium.randomBytes(10).map { Self.recoveryAlphabet[Int($0) % Self.recoveryAlphabet.count] }
            return String(chars[0..<4]) + "-" + String(chars[4..<8]) + "-" + String(chars[8..<10])
        }
        return (codes, codes.map(recoveryHash))
    }

    /// The hash of a recovery code as typed (case, spaces and dashes do not matter).
    public func recoveryHash(_ typed: String) -> String {
        let normalized = typed.lowercased().filter { $0.isLetter || $0.isNumber }
        return Sodium.blake2b(Array(normalized.utf8), key: recoveryKey, outputLength: 32).hex
    }

    // MARK: E-mailed codes

    /// The six-digit code of a challenge.
    public func emailCode(challenge: UUID) -> String {
        let mac = Sodium.blake2b(withUnsafeBytes(of: challenge.uuid) { Array($0) }, key: emailCodeKey, outputLength: 8)
        let value = mac.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % 1_000_000
        let text = String(value)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    /// The hash stored for a challenge's code, and compared with the hash of what was typed.
    public func emailCodeHash(challenge: UUID, code: String) -> String {
        let typed = code.filter { !$0.isWhitespace }
        return Sodium.blake2b(withUnsafeBytes(of: challenge.uuid) { Array($0) } + Array(typed.utf8), key: emailCodeKey, outputLength: 32).hex
    }

    // MARK: Challenge tokens

    /// `ch_` + base64url(account ‖ challenge ‖ MAC).
    public func challengeToken(account: AccountID, challenge: UUID) -> String {
        let body = withUnsafeBytes(of: account.uuid.uuid) { Array($0) } + withUnsafeBytes(of: challenge.uuid) { Array($0) }
        return "ch_" + Base64URL.encode(body + Sodium.blake2b(body, key: challengeKey, outputLength: 16))
    }

    /// The account and challenge of a token, when its MAC holds.
    public func parseChallenge(_ token: String) -> (account: AccountID, challenge: UUID)? {
        guard token.hasPrefix("ch_"), token.utf8.count < 128, let bytes = Base64URL.decode(String(token.dropFirst(3))), bytes.count == 48 else { return nil }
        let body = Array(bytes.prefix(32))
        guard Sodium.constantTimeEqual(Sodium.blake2b(body, key: challengeKey, outputLength: 16), Array(bytes.suffix(16))) else { return nil }
        return (AccountID(Self.uuid(body[0..<16])), Self.uuid(body[16..<32]))
    }

    private static func uuid(_ b: ArraySlice<UInt8>) -> UUID {
        let a = Array(b)
        return UUID(uuid: (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]))
    }
}
