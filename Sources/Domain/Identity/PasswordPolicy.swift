import Foundation

/// The rules a new password must meet, after NIST SP 800-63B: long enough, not absurdly long, not a
/// commonly used password and not the e-mail address — and no composition rules, which only make
/// passwords harder to remember without making them stronger.
public struct PasswordPolicy: Sendable {
    public var minimumLength: Int
    public var maximumLength: Int

    public init(minimumLength: Int = 12, maximumLength: Int = 256) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    /// Throws a ``FieldError`` for `field` when `password` may not be used.
    public func check(_ password: String, email: String?, field: String = "password") throws {
        let length = password.count
        guard length >= minimumLength else {
            throw FieldError(field: field, message: "Use at least \(minimumLength) characters; a few unrelated words make a strong password.")
        }
        guard length <= maximumLength else { throw FieldError(field: field, message: "Use at most \(maximumLength) characters.") }
        let lowered = password.lowercased()
        if let email, !email.isEmpty, lowered.contains(email.lowercased()) || lowered == email.split(separator: "@").first.map(String.init) {
            throw FieldError(field: field, message: "Don't use your e-mail address as your password.")
        }
        if Self.common.contains(lowered) || Set(lowered).count <= 2 {
            throw FieldError(field: field, message: "This password is too common; choose one that is harder to guess.")
        }
    }

    /// Frequent passwords of at least twelve characters (from public breach corpora).
    static let common: Set<String> = [
        "123456789012", "1234567890123", "12345678901234", "123456789123", "qwertyuiopas", "qwertyuiop123",
        "password1234", "password12345", "password123!", "passwordpassword", "iloveyou1234", "1q2w3e4r5t6y",
        "1qaz2wsx3edc", "qwerty123456", "abcdefghijkl", "abc123456789", "letmein12345", "welcome12345",
        "administrator", "adminadmin123", "changeme1234", "football1234", "baseball1234", "princess1234",
        "sunshine1234", "monkey123456", "trustno11234", "superman1234", "starwars1234", "zaq12wsxcde3",
        "aaaaaaaaaaaa", "111111111111", "000000000000", "qazwsxedcrfv", "asdfghjkl123", "mypassword123",
        "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "correcthorsebatterystaple",
    ]
}
