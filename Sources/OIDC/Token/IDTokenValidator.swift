import Foundation

/// The claim checks of OIDC Core §3.1.3.7 for a token whose signature already verified.
struct IDTokenValidator: Sendable {
    var issuer: String
    var clientID: String
    var nonce: String
    var now: Date
    var allowedClockSkew: TimeInterval

    func validate(_ claims: IDTokenClaims) throws(OIDCError) -> OIDCVerifiedClaims {
        guard let iss = claims.iss else { throw .missingClaim("iss") }
        guard iss == issuer else { throw .idTokenIssuerMismatch(expected: issuer, found: iss) }

        guard let audiences = claims.aud, !audiences.isEmpty else { throw .missingClaim("aud") }
        guard audiences.contains(clientID) else { throw .audienceMismatch(clientID: clientID, audiences: audiences) }
        // With several audiences the token must say it was issued to this client; a present
        // `azp` must name this client in any case.
        if audiences.count > 1 || claims.azp != nil {
            guard claims.azp == clientID else { throw .authorizedPartyMismatch(clientID: clientID, found: claims.azp) }
        }

        guard let exp = claims.exp else { throw .missingClaim("exp") }
        let expiresAt = Date(timeIntervalSince1970: exp)
        guard now.timeIntervalSince(expiresAt) < allowedClockSkew else { throw .idTokenExpired(expiredAt: expiresAt) }

        guard let iat = claims.iat else { throw .missingClaim("iat") }
        let issuedAt = Date(timeIntervalSince1970: iat)
        guard issuedAt.timeIntervalSince(now) <= allowedClockSkew else { throw .idTokenIssuedInFuture(issuedAt: issuedAt) }

        guard let tokenNonce = claims.nonce, ConstantTime.equals(tokenNonce, nonce) else { throw .nonceMismatch }

        guard let subject = claims.sub, !subject.isEmpty else { throw .missingClaim("sub") }

        return OIDCVerifiedClaims(
            issuer: iss, subject: subject, email: claims.email, emailVerified: claims.emailVerified ?? false,
            name: claims.name, issuedAt: issuedAt, expiresAt: expiresAt,
            authenticatedAt: claims.authTime.map(Date.init(timeIntervalSince1970:))
        )
    }
}
