import Crypto
import Domain
import Foundation

/// Who is asking to read or write a conversation: a signed-in account, or an anonymous visitor proving access
/// with the token handed out when the conversation started.
public struct ChatParticipant: Sendable, Equatable {
    public var account: AccountID?
    public var visitorToken: String?

    public init(account: AccountID?, visitorToken: String? = nil) {
        self.account = account
        self.visitorToken = visitorToken
    }

    /// SHA-256 (hex) of the visitor token: only the hash is recorded.
    var visitorTokenHash: String? { visitorToken.map(Self.hash) }

    static func hash(_ token: String) -> String { SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined() }

    /// A fresh visitor token: 32 random bytes, base64url.
    static func newVisitorToken() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &g) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The rate-limit key.
    var key: String { account.map { "account:\($0)" } ?? "visitor:\(visitorTokenHash ?? "-")" }
}
