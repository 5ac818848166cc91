import EventStore
import Foundation
import Hummingbird

/// Signed double-submit CSRF tokens for every form.
///
/// The browser holds a random nonce in an HttpOnly, SameSite=Strict cookie; each form carries
/// HMAC(key, nonce) in a hidden field. A forged cross-site POST has neither the cookie's value nor
/// the key, and a planted cookie does not help without the key. Compared in constant time.
struct CSRFProtection: Sendable {
    static let cookieName = "portal_csrf"
    static let fieldName = "csrf"
    private let key: [UInt8]
    let secure: Bool

    init(masterKey: MasterKey, secure: Bool) {
        key = masterKey.derive(purpose: "csrf/v1")
        self.secure = secure
    }

    /// The form token for this browser, and a cookie to set when it has no nonce yet.
    func token(for request: Request) -> (token: String, cookie: Cookie?) {
        if let nonce = request.cookies[Self.cookieName]?.value, nonce.utf8.count == 32 {
            return (sign(nonce), nil)
        }
        let nonce = Sodium.randomBytes(16).hex
        return (sign(nonce), Cookie(name: Self.cookieName, value: nonce, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// Throws a 403 problem unless `submitted` matches this browser's nonce.
    func check(_ submitted: String?, request: Request) throws {
        guard let nonce = request.cookies[Self.cookieName]?.value, let submitted,
              Sodium.constantTimeEqual(Array(sign(nonce).utf8), Array(submitted.utf8))
        else {
            throw ProblemDetails(type: "csrf", title: "This form has expired", status: .forbidden,
                                 detail: "The form could not be verified (it may be from an old tab). Reload the page and send it again.")
        }
    }

    private func sign(_ nonce: String) -> String {
        Sodium.blake2b(Array(nonce.utf8), key: key, outputLength: 32).hex
    }
}
