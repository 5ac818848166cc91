import Hummingbird

/// `/.well-known/openid-configuration` and `/jwks`.
struct DiscoveryController {
    let state: ProviderState

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .get(".well-known/openid-configuration", use: configuration)
            .get("jwks", use: jwks)
    }

    @Sendable func configuration(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let issuer = await state.issuer
        let document = DiscoveryDocument(
            issuer: issuer,
            authorizationEndpoint: issuer + "/authorize",
            tokenEndpoint: issuer + "/token",
            jwksURI: issuer + "/jwks",
            responseTypesSupported: ["code"],
            subjectTypesSupported: ["public"],
            idTokenSigningAlgValuesSupported: ["RS256", "ES256"],
            scopesSupported: ["openid", "email", "profile"],
            tokenEndpointAuthMethodsSupported: ["client_secret_basic", "client_secret_post"],
            codeChallengeMethodsSupported: ["S256"],
            grantTypesSupported: ["authorization_code"],
            claimsSupported: ["iss", "sub", "aud", "azp", "exp", "iat", "auth_time", "nonce", "email", "email_verified", "name"],
            authorizationResponseIssParameterSupported: true
        )
        return try JSONResponse.make(document)
    }

    @Sendable func jwks(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try JSONResponse.make(await state.keys.jwks())
    }
}

/// The provider metadata (OpenID Connect Discovery 1.0 §3).
struct DiscoveryDocument: Codable, Sendable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String
    var responseTypesSupported: [String]
    var subjectTypesSupported: [String]
    var idTokenSigningAlgValuesSupported: [String]
    var scopesSupported: [String]
    var tokenEndpointAuthMethodsSupported: [String]
    var codeChallengeMethodsSupported: [String]
    var grantTypesSupported: [String]
    var claimsSupported: [String]
    var authorizationResponseIssParameterSupported: Bool

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case responseTypesSupported = "response_types_supported"
        case subjectTypesSupported = "subject_types_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case scopesSupported = "scopes_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case grantTypesSupported = "grant_types_supported"
        case claimsSupported = "claims_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
    }
}
