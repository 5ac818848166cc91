import Foundation
import JWTKit

extension OIDCRelyingParty {
    /// Verifies an ID token: algorithm, signature with the provider's published key, then the
    /// claims (`iss`, `aud`, `azp`, `exp`, `iat`, `nonce`, `sub`).
    ///
    /// A token naming a `kid` the cached key set lacks makes the relying party fetch the key
    /// set once more before giving up, which is how provider key rotation is picked up.
    /// - Parameters:
    ///   - token: The compact JWS from the token endpoint.
    ///   - nonce: The nonce stored with the pending request.
    ///   - now: The current time.
    /// - Returns: The verified identity.
    public func verifyIDToken(_ token: String, nonce: String, now: Date = Date()) async throws(OIDCError) -> OIDCVerifiedClaims {
        let header = try IDTokenHeader.decode(token)
        let algorithm = try await acceptedAlgorithm(header.alg, now: now)
        let key = try await signingKey(kid: header.kid, algorithm: algorithm, now: now)
        let claims = try await verifySignature(token, key: key, algorithm: algorithm)
        let validator = IDTokenValidator(
            issuer: configuration.issuerIdentifier, clientID: configuration.clientID, nonce: nonce,
            now: now, allowedClockSkew: configuration.allowedClockSkew
        )
        return try validator.validate(claims)
    }

    /// The header's algorithm, if it is asymmetric and the provider advertises it.
    func acceptedAlgorithm(_ name: String, now: Date) async throws(OIDCError) -> SigningAlgorithm {
        guard let algorithm = SigningAlgorithm(rawValue: name) else { throw .unsupportedSigningAlgorithm(name) }
        let advertised = try await metadata(now: now).idTokenSigningAlgValuesSupported
        guard advertised.contains(name) else { throw .unsupportedSigningAlgorithm(name) }
        return algorithm
    }

    /// The published key that fits the token, refetching the key set once if none does.
    func signingKey(kid: String?, algorithm: SigningAlgorithm, now: Date) async throws(OIDCError) -> ProviderKeySet.Key {
        let (keys, fresh) = try await currentKeys(now: now)
        if let key = keys.candidates(kid: kid, algorithm: algorithm).first { return key }
        guard !fresh else { throw .unknownSigningKey(kid: kid) }
        guard let key = try await loadKeys(now: now).candidates(kid: kid, algorithm: algorithm).first else {
            throw .unknownSigningKey(kid: kid)
        }
        return key
    }

    /// Checks the signature with jwt-kit, using a key collection that holds only the chosen
    /// key pinned to the chosen algorithm, so neither the token's header nor jwt-kit's
    /// fallback to a default key can select anything else.
    func verifySignature(_ token: String, key: ProviderKeySet.Key, algorithm: SigningAlgorithm) async throws(OIDCError) -> IDTokenClaims {
        var jwk = key.jwk
        jwk.algorithm = JWK.Algorithm(rawValue: algorithm.rawValue)
        jwk.keyIdentifier = JWKIdentifier(string: key.kid ?? "provider-key")
        let collection = JWTKeyCollection()
        do {
            try await collection.add(jwk: jwk)
        } catch {
            throw .invalidKeySet("the key \(key.kid ?? "without kid") cannot be used: \(error)")
        }
        do {
            return try await collection.verify(token, as: IDTokenClaims.self)
        } catch let error as JWTError where error.errorType == .malformedToken {
            throw .malformedIDToken(error.reason ?? "it cannot be decoded")
        } catch {
            throw .invalidSignature
        }
    }
}
