import Foundation

/// Everything that can go wrong while signing someone in with an OpenID Connect provider.
///
/// Each case says what failed and, where there is one, what the provider said. ``code`` is a
/// stable identifier for logs and problem-detail `type`s; `description` is a sentence for
/// operators. Show end users something general ("Sign-in with X failed, please try again"),
/// never the description, which can quote provider output.
public enum OIDCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration cannot work (a bad issuer URL, an empty client id, …).
    case invalidConfiguration(String)
    /// A URL is not `http` or `https`, or plain `http` to a host that is not loopback.
    case unsupportedURL(String)
    /// The request did not complete: connection refused, DNS failure, timeout, TLS error.
    case network(url: String, reason: String)
    /// The provider answered with an HTTP status the step does not accept.
    case unexpectedStatus(url: String, status: Int)
    /// The response body was larger than the client accepts.
    case responseTooLarge(url: String, limit: Int)
    /// The discovery document is not JSON or lacks a required field.
    case invalidProviderMetadata(String)
    /// The discovery document names another issuer than the one configured.
    case issuerMismatch(expected: String, found: String)
    /// The provider's JWKS could not be read.
    case invalidKeySet(String)
    /// The callback carries `error` (the user declined, the provider refused the request, …).
    case providerError(error: String, description: String?)
    /// The callback's `state` is missing or differs from the one stored for this sign-in.
    case stateMismatch
    /// The callback says it comes from another issuer (RFC 9207 `iss`), or the stored
    /// request was started for another provider.
    case callbackIssuerMismatch(expected: String, found: String)
    /// The callback has neither `code` nor `error`, or repeats a parameter.
    case malformedCallback(String)
    /// The stored request is older than the configured limit.
    case requestExpired(ageSeconds: Int, limitSeconds: Int)
    /// The token endpoint refused the code, with the provider's OAuth `error` and description.
    case tokenEndpointError(status: Int, error: String, description: String?)
    /// The token endpoint answered 200 with something that is not a usable token response.
    case invalidTokenResponse(String)
    /// The ID token cannot be parsed as a signed JWT.
    case malformedIDToken(String)
    /// The ID token's `alg` is refused (`none`, any HMAC, or one the provider does not advertise).
    case unsupportedSigningAlgorithm(String)
    /// No key in the provider's JWKS matches the token's `kid` and algorithm, even after a refetch.
    case unknownSigningKey(kid: String?)
    /// The signature does not verify with the provider's published key.
    case invalidSignature
    /// The ID token's `iss` is not the configured issuer.
    case idTokenIssuerMismatch(expected: String, found: String)
    /// The ID token's `aud` does not name this client.
    case audienceMismatch(clientID: String, audiences: [String])
    /// The ID token has several audiences and `azp` is not this client.
    case authorizedPartyMismatch(clientID: String, found: String?)
    /// The ID token expired.
    case idTokenExpired(expiredAt: Date)
    /// The ID token claims to be issued further in the future than the allowed clock skew.
    case idTokenIssuedInFuture(issuedAt: Date)
    /// The ID token's `nonce` is missing or differs from the one stored for this sign-in.
    case nonceMismatch
    /// A claim the portal relies on is missing or has the wrong type.
    case missingClaim(String)

    /// A stable, machine-readable name for the failure, such as `state_mismatch`.
    public var code: String {
        switch self {
        case .invalidConfiguration: "invalid_configuration"
        case .unsupportedURL: "unsupported_url"
        case .network: "network"
        case .unexpectedStatus: "unexpected_status"
        case .responseTooLarge: "response_too_large"
        case .invalidProviderMetadata: "invalid_provider_metadata"
        case .issuerMismatch: "issuer_mismatch"
        case .invalidKeySet: "invalid_key_set"
        case .providerError: "provider_error"
        case .stateMismatch: "state_mismatch"
        case .callbackIssuerMismatch: "callback_issuer_mismatch"
        case .malformedCallback: "malformed_callback"
        case .requestExpired: "request_expired"
        case .tokenEndpointError: "token_endpoint_error"
        case .invalidTokenResponse: "invalid_token_response"
        case .malformedIDToken: "malformed_id_token"
        case .unsupportedSigningAlgorithm: "unsupported_signing_algorithm"
        case .unknownSigningKey: "unknown_signing_key"
        case .invalidSignature: "invalid_signature"
        case .idTokenIssuerMismatch: "id_token_issuer_mismatch"
        case .audienceMismatch: "audience_mismatch"
        case .authorizedPartyMismatch: "authorized_party_mismatch"
        case .idTokenExpired: "id_token_expired"
        case .idTokenIssuedInFuture: "id_token_issued_in_future"
        case .nonceMismatch: "nonce_mismatch"
        case .missingClaim: "missing_claim"
        }
    }

    /// A sentence that says what failed.
    public var description: String {
        switch self {
        case .invalidConfiguration(let reason):
            "The OpenID Connect configuration is invalid: \(reason)."
        case .unsupportedURL(let url):
            "Refusing \(url): only https URLs (or http to a loopback address) are allowed."
        case .network(let url, let reason):
            "Could not reach \(url): \(reason)."
        case .unexpectedStatus(let url, let status):
            "\(url) answered with HTTP status \(status)."
        case .responseTooLarge(let url, let limit):
            "The response from \(url) is larger than \(limit) bytes."
        case .invalidProviderMetadata(let reason):
            "The provider's discovery document is unusable: \(reason)."
        case .issuerMismatch(let expected, let found):
            "The discovery document names issuer \(found), not the configured \(expected)."
        case .invalidKeySet(let reason):
            "The provider's key set (JWKS) is unusable: \(reason)."
        case .providerError(let error, let description):
            "The provider refused the sign-in: \(error)\(description.map { " (\($0))" } ?? "")."
        case .stateMismatch:
            "The callback's state does not match this sign-in; it may be forged or belong to another browser."
        case .callbackIssuerMismatch(let expected, let found):
            "The callback belongs to issuer \(found), but this sign-in was started with \(expected)."
        case .malformedCallback(let reason):
            "The callback is malformed: \(reason)."
        case .requestExpired(let age, let limit):
            "The sign-in was started \(age) seconds ago; it must finish within \(limit) seconds."
        case .tokenEndpointError(let status, let error, let description):
            "The token endpoint refused the code (HTTP \(status)): \(error)\(description.map { " (\($0))" } ?? "")."
        case .invalidTokenResponse(let reason):
            "The token endpoint's response is unusable: \(reason)."
        case .malformedIDToken(let reason):
            "The ID token is malformed: \(reason)."
        case .unsupportedSigningAlgorithm(let alg):
            "The ID token is signed with \(alg), which is refused: only the provider's asymmetric algorithms (RS256, ES256, …) are accepted."
        case .unknownSigningKey(let kid):
            "The provider publishes no key \(kid.map { "with kid \($0) " } ?? "")that fits the ID token."
        case .invalidSignature:
            "The ID token's signature does not verify with the provider's published key."
        case .idTokenIssuerMismatch(let expected, let found):
            "The ID token was issued by \(found), not \(expected)."
        case .audienceMismatch(let clientID, let audiences):
            "The ID token is meant for \(audiences.joined(separator: ", ")), not for client \(clientID)."
        case .authorizedPartyMismatch(let clientID, let found):
            "The ID token has several audiences and its authorized party is \(found ?? "missing"), not client \(clientID)."
        case .idTokenExpired(let expiredAt):
            "The ID token expired at \(expiredAt.formatted(.iso8601))."
        case .idTokenIssuedInFuture(let issuedAt):
            "The ID token claims to be issued at \(issuedAt.formatted(.iso8601)), beyond the allowed clock skew."
        case .nonceMismatch:
            "The ID token's nonce does not match this sign-in; it may be replayed."
        case .missingClaim(let claim):
            "The ID token lacks a valid \(claim) claim."
        }
    }
}
