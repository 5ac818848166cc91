import EventStore
import Foundation
import Hummingbird

/// The session cookies of browsers: the same token pair API clients get. `portal_session` holds the
/// short-lived access token, `portal_refresh` the rotating refresh token; both HttpOnly (no script can
/// read them), SameSite=Lax (not sent on cross-site POSTs) and Secure.
enum SessionCookie {
    static let name = "portal_session"
    static let refreshName = "portal_refresh"

    /// Cookies for a fresh token pair; the refresh cookie lives as long as the session can.
    static func set(_ tokens: SessionTokens, refreshMaxAge: Int, secure: Bool) -> [Cookie] {
        [
            access(tokens.accessToken, maxAge: tokens.expiresIn, secure: secure),
            Cookie(name: refreshName, value: tokens.refreshToken, maxAge: refreshMaxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax),
        ]
    }

    /// Only a new access token, for the same session (after its password was changed).
    static func access(_ token: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static let challengeName = "portal_challenge"

    /// The second-factor challenge between the password and the code: HttpOnly, Strict, short-lived,
    /// and sent only to `/signin…`. See ``PendingSecondFactor`` for what it holds.
    static func challenge(_ challenge: SecondFactorChallenge, secure: Bool) -> Cookie {
        Cookie(name: challengeName, value: PendingSecondFactor(challenge).cookieValue, maxAge: challenge.expiresIn, path: "/signin",
               secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func clearChallenge(secure: Bool) -> Cookie {
        Cookie(name: challengeName, value: "", maxAge: 0, path: "/signin", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func clear(secure: Bool) -> [Cookie] {
        [name, refreshName].map { Cookie(name: $0, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax) }
    }
}

/// A sign-in waiting for its second factor, as the challenge cookie carries it: the service's opaque
/// token, and for the page's wording how the code comes (`totp` or `emailCode`) and whether the
/// sign-in looked unusual. The service decides by its own record of the challenge, so a changed
/// cookie changes nothing but the text on the page.
struct PendingSecondFactor: Equatable {
    var token: String
    var method: String
    var risky: Bool

    init(_ challenge: SecondFactorChallenge) {
        token = challenge.challenge
        method = challenge.method
        risky = challenge.riskySignIn
    }

    /// `<method>.<risky|usual>.<token>`; the token (`ch_` and base64url) has no dots.
    var cookieValue: String { "\(method).\(risky ? "risky" : "usual").\(token)" }

    init?(cookieValue value: String) {
        let parts = value.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count == 3, ["totp", "emailCode"].contains(parts[0]), ["risky", "usual"].contains(parts[1]), !parts[2].isEmpty else { return nil }
        method = parts[0]
        risky = parts[1] == "risky"
        token = parts[2]
    }
}

/// A long-lived random id per browser, so the portal recognises a returning device.
enum DeviceCookie {
    static let name = "portal_device"

    static func make(secure: Bool) -> (id: String, cookie: Cookie) {
        let id = Sodium.randomBytes(16).hex
        return (id, Cookie(name: name, value: id, maxAge: 400 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
    }

    /// The cookie's value when it has the expected shape (32 hex digits), nil otherwise.
    static func validated(_ value: String) -> String? {
        value.utf8.count == 32 && value.allSatisfy(\.isHexDigit) ? value : nil
    }
}
