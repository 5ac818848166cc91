import EventStore
import Foundation
import Hummingbird

/// The session cookie of browsers: the access token itself, HttpOnly (no script can read it),
/// SameSite=Lax (not sent on cross-site POSTs) and Secure.
enum SessionCookie {
    static let name = "portal_session"

    static func set(_ token: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func clear(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
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
