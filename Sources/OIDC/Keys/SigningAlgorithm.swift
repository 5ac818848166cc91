/// The JWS algorithms accepted for ID tokens: RSA and ECDSA only.
///
/// `none` and the HMAC family (`HS256` …) are deliberately absent: an HMAC token would be
/// keyed with the client secret, which the portal shares with the provider and must never
/// accept as proof that the provider signed something.
enum SigningAlgorithm: String, Sendable, CaseIterable {
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"
    case es256 = "ES256", es384 = "ES384", es512 = "ES512"

    /// The JWK `kty` a key for this algorithm has.
    var keyType: String {
        switch self {
        case .rs256, .rs384, .rs512, .ps256, .ps384, .ps512: "RSA"
        case .es256, .es384, .es512: "EC"
        }
    }

    /// The JWK `crv` an ECDSA key for this algorithm has; nil for RSA.
    var curve: String? {
        switch self {
        case .es256: "P-256"
        case .es384: "P-384"
        case .es512: "P-521"
        default: nil
        }
    }
}
