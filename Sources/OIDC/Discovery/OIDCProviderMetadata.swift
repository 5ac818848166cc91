import Foundation

/// The parts of a provider's discovery document (`/.well-known/openid-configuration`)
/// the relying party uses.
public struct OIDCProviderMetadata: Sendable, Codable, Hashable {
    /// The issuer identifier; equal to the configured issuer once accepted.
    public var issuer: String
    /// Where the browser is sent to sign in.
    public var authorizationEndpoint: URL
    /// Where the code is exchanged for tokens.
    public var tokenEndpoint: URL
    /// Where the provider publishes its signing keys.
    public var jwksURI: URL
    /// The user-info endpoint, if the provider has one (not used for sign-in).
    public var userinfoEndpoint: URL?
    /// Algorithms the provider may sign ID tokens with (required by OIDC Discovery).
    public var idTokenSigningAlgValuesSupported: [String]
    /// Token endpoint authentication methods; absent means `client_secret_basic` only.
    public var tokenEndpointAuthMethodsSupported: [String]?
    /// PKCE methods, if the provider advertises them.
    public var codeChallengeMethodsSupported: [String]?
    /// Scopes the provider advertises.
    public var scopesSupported: [String]?
    /// Whether the provider adds `iss` to authorization responses (RFC 9207).
    public var authorizationResponseIssParameterSupported: Bool?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case userinfoEndpoint = "userinfo_endpoint"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case scopesSupported = "scopes_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
    }

    /// Creates metadata (mostly for tests; the relying party decodes it from JSON).
    public init(
        issuer: String, authorizationEndpoint: URL, tokenEndpoint: URL, jwksURI: URL,
        userinfoEndpoint: URL? = nil, idTokenSigningAlgValuesSupported: [String] = ["RS256"],
        tokenEndpointAuthMethodsSupported: [String]? = nil, codeChallengeMethodsSupported: [String]? = nil,
        scopesSupported: [String]? = nil, authorizationResponseIssParameterSupported: Bool? = nil
    ) {
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.jwksURI = jwksURI
        self.userinfoEndpoint = userinfoEndpoint
        self.idTokenSigningAlgValuesSupported = idTokenSigningAlgValuesSupported
        self.tokenEndpointAuthMethodsSupported = tokenEndpointAuthMethodsSupported
        self.codeChallengeMethodsSupported = codeChallengeMethodsSupported
        self.scopesSupported = scopesSupported
        self.authorizationResponseIssParameterSupported = authorizationResponseIssParameterSupported
    }
}

extension OIDCProviderMetadata {
    /// Decodes a discovery document and checks it against the configuration: the issuer must
    /// be exactly the configured one (OIDC Discovery §4.3) and every endpoint must pass the URL policy.
    static func decode(_ body: Data, for configuration: OIDCProviderConfiguration) throws(OIDCError) -> Self {
        let metadata: Self
        do {
            metadata = try JSONDecoder().decode(Self.self, from: body)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .invalidProviderMetadata("\(key.stringValue) is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .invalidProviderMetadata(field.isEmpty ? "it is not a JSON object" : "\(field) is not valid")
        } catch {
            throw .invalidProviderMetadata("it is not valid JSON")
        }
        guard metadata.issuer == configuration.issuerIdentifier else {
            throw .issuerMismatch(expected: configuration.issuerIdentifier, found: metadata.issuer)
        }
        let policy = URLPolicy(allowsInsecureHTTP: configuration.allowsInsecureHTTP)
        for endpoint in [metadata.authorizationEndpoint, metadata.tokenEndpoint, metadata.jwksURI] {
            try policy.check(endpoint)
        }
        return metadata
    }
}
