import Foundation
import JWTKit

/// Claims of a portal access token.
public struct AccessClaims: JWTPayload, Equatable {
    /// The account id.
    public var sub: SubjectClaim
    /// The session the token belongs to.
    public var sid: String
    public var iat: IssuedAtClaim
    public var exp: ExpirationClaim
    public var iss: IssuerClaim
    /// Token use; refresh and other token kinds never pass as access tokens.
    public var typ: String
    /// Password change required: the session may only change the password (or sign out).
    public var pcr: Bool?

    public static let issuer = "customer-portal"

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard iat.value <= Date().addingTimeInterval(60) else { throw JWTError.claimVerificationFailure(failedClaim: iat, reason: "issued in the future") }
        guard iss.value == Self.issuer else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "wrong issuer") }
        guard typ == "access" else { throw JWTError.generic(identifier: "typ", reason: "not an access token") }
    }
}
