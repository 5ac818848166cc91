import Foundation

/// What an authorization code stands for until it is redeemed.
struct AuthorizationGrant: Sendable {
    var clientID: String
    var redirectURI: String
    var user: TestUser
    var scope: String
    var nonce: String?
    var codeChallenge: String
    var misbehaviours: Set<Misbehaviour>
    var issuedAt: Date
    var redeemed = false
}
