import Foundation
import Hummingbird

/// `POST /token`: client authentication, code redemption with PKCE, and the ID token.
struct TokenController {
    let state: ProviderState

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self).post("token", use: token)
    }

    @Sendable func token(_ request: Request, context: BasicRequestContext) async throws -> Response {
        do {
            return try await issue(request, context: context)
        } catch let error as OAuthError {
            context.logger.info("token request refused: \(error.error): \(error.errorDescription)")
            guard error.error == "invalid_client" else { return try JSONResponse.make(error, status: .badRequest) }
            // RFC 6749 §5.2: a client that tried HTTP Basic gets 401 with a Basic challenge.
            let triedBasic = request.headers[.authorization] != nil
            let headers: HTTPFields = triedBasic ? [.wwwAuthenticate: #"Basic realm="token""#] : [:]
            return try JSONResponse.make(error, status: .unauthorized, headers: headers)
        }
    }

    private func issue(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw OAuthError.invalidRequest("the body must be application/x-www-form-urlencoded")
        }
        let fields = try FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let clientID = try authenticateClient(request, fields)
        guard fields["grant_type"] == "authorization_code" else {
            throw OAuthError(error: "unsupported_grant_type", errorDescription: "only authorization_code is supported")
        }
        guard let code = fields["code"] else { throw OAuthError.invalidRequest("code is missing") }
        let grant = try await state.redeem(
            code: code, clientID: clientID, redirectURI: fields["redirect_uri"], verifier: fields["code_verifier"]
        ).get()

        var body = TokenResponseBody(accessToken: Base64URL.randomToken(), scope: grant.scope)
        if !grant.misbehaviours.contains(.noIDToken) {
            let payload = await makePayload(for: grant)
            body.idToken = try await state.keys.sign(payload, misbehaviours: grant.misbehaviours, clientSecret: state.options.clientSecret)
        }
        context.logger.info("issued tokens for \(grant.user.email); misbehaviours: \(grant.misbehaviours.map(\.rawValue).sorted())")
        return try JSONResponse.make(body)
    }

    /// The client id, from HTTP Basic (`client_secret_basic`) or the body (`client_secret_post`).
    private func authenticateClient(_ request: Request, _ fields: FormFields) throws -> String {
        let options = state.options
        let credentials: (id: String, secret: String)
        if let header = request.headers[.authorization] {
            guard fields["client_secret"] == nil else { throw OAuthError.invalidRequest("use one client authentication method") }
            guard header.lowercased().hasPrefix("basic "),
                let decoded = Data(base64Encoded: String(header.dropFirst(6))).flatMap({ String(data: $0, encoding: .utf8) }),
                let colon = decoded.firstIndex(of: ":"),
                let id = String(decoded[..<colon]).removingPercentEncoding,
                let secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
            else { throw OAuthError.invalidClient("malformed Basic credentials") }
            credentials = (id, secret)
        } else if let id = fields["client_id"], let secret = fields["client_secret"] {
            credentials = (id, secret)
        } else {
            throw OAuthError.invalidClient("client authentication is required")
        }
        guard credentials.id == options.clientID, credentials.secret == options.clientSecret else {
            throw OAuthError.invalidClient("unknown client or wrong secret")
        }
        return credentials.id
    }

    private func makePayload(for grant: AuthorizationGrant) async -> IDTokenPayload {
        let issuer = await state.issuer
        let now = Int(Date().timeIntervalSince1970)
        let lifetime = state.options.idTokenLifetime
        let bad = grant.misbehaviours
        var issuedAt = now
        var expiresAt = now + lifetime
        if bad.contains(.expired) { (issuedAt, expiresAt) = (now - 3600, now - 1800) }
        if bad.contains(.issuedInFuture) { (issuedAt, expiresAt) = (now + 3600, now + 3600 + lifetime) }
        var audience = IDTokenPayload.Audience.one(grant.clientID)
        var authorizedParty: String?
        if bad.contains(.wrongAudience) { audience = .one("some-other-client") }
        if bad.contains(.extraAudience) { (audience, authorizedParty) = (.many([grant.clientID, "some-other-client"]), grant.clientID) }
        if bad.contains(.extraAudienceWithoutAZP) { audience = .many([grant.clientID, "some-other-client"]) }
        var nonce = grant.nonce
        if bad.contains(.wrongNonce) { nonce = "not-the-nonce-you-sent" }
        if bad.contains(.missingNonce) { nonce = nil }
        let verified = grant.user.emailVerified
        return IDTokenPayload(
            iss: bad.contains(.wrongIssuer) ? "https://impostor.example" : issuer,
            sub: grant.user.subject, aud: audience, azp: authorizedParty,
            exp: expiresAt, iat: issuedAt, authTime: Int(grant.issuedAt.timeIntervalSince1970), nonce: nonce,
            email: grant.user.email,
            emailVerified: bad.contains(.emailVerifiedAsString) ? .string(verified ? "true" : "false") : .bool(verified),
            name: grant.user.name
        )
    }
}

/// A successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3).
struct TokenResponseBody: Encodable {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn = 3600
    var scope: String
    var idToken: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", scope, idToken = "id_token"
    }

    init(accessToken: String, scope: String) {
        self.accessToken = accessToken
        self.scope = scope
    }
}
