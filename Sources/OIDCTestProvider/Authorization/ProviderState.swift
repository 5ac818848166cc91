import Crypto
import Foundation

/// Everything the provider remembers: its issuer, the outstanding codes and the misbehaviours
/// switched on for every sign-in.
actor ProviderState {
    let options: ProviderOptions
    let keys: ProviderKeys
    private(set) var issuer: String
    private(set) var globalMisbehaviours: Set<Misbehaviour>
    private var grants: [String: AuthorizationGrant] = [:]

    init(options: ProviderOptions, keys: ProviderKeys) {
        self.options = options
        self.keys = keys
        self.issuer = options.issuer ?? "http://\(options.host):\(options.port)"
        self.globalMisbehaviours = Misbehaviour.parse(options.misbehave.joined(separator: ",")) ?? []
    }

    /// Called once the port is known, for the default issuer.
    func serverStarted(port: Int) {
        if options.issuer == nil { issuer = "http://\(options.host):\(port)" }
    }

    func setGlobalMisbehaviours(_ value: Set<Misbehaviour>) { globalMisbehaviours = value }

    /// Stores a grant and returns its new single-use code.
    func issueCode(for grant: AuthorizationGrant) -> String {
        let now = Date()
        grants = grants.filter { now.timeIntervalSince($0.value.issuedAt) < Double(options.codeLifetime) * 2 }
        let code = Base64URL.randomToken()
        grants[code] = grant
        return code
    }

    /// Redeems a code: it must exist, be unused and unexpired, belong to this client and
    /// redirect URI, and the PKCE verifier must hash to the stored challenge.
    func redeem(code: String, clientID: String, redirectURI: String?, verifier: String?) -> Result<AuthorizationGrant, OAuthError> {
        guard var grant = grants[code] else { return .failure(.invalidGrant("unknown authorization code")) }
        guard !grant.redeemed else { return .failure(.invalidGrant("the authorization code was already used")) }
        // Any attempt uses the code up, as a real provider would after a failed redemption.
        grant.redeemed = true
        grants[code] = grant
        guard Date().timeIntervalSince(grant.issuedAt) <= Double(options.codeLifetime) else {
            return .failure(.invalidGrant("the authorization code expired"))
        }
        guard grant.clientID == clientID else { return .failure(.invalidGrant("the code was issued to another client")) }
        guard redirectURI == grant.redirectURI else { return .failure(.invalidGrant("redirect_uri does not match the authorization request")) }
        guard let verifier else { return .failure(.invalidGrant("code_verifier is required (PKCE)")) }
        guard (43...128).contains(verifier.count), verifier.allSatisfy(Self.isUnreserved) else {
            return .failure(.invalidGrant("code_verifier must be 43–128 unreserved characters"))
        }
        guard Base64URL.encode(SHA256.hash(data: Array(verifier.utf8))) == grant.codeChallenge else {
            return .failure(.invalidGrant("code_verifier does not match code_challenge"))
        }
        return .success(grant)
    }

    private static func isUnreserved(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-._~".contains(character))
    }
}
