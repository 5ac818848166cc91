import Foundation

/// The one policy for new passwords, after NIST SP 800-63B: at least 8 characters, at most 256; not
/// a commonly used or breached password; not built from the person's own e-mail address or name; not
/// one of their last five. No composition rules, which make passwords harder to remember without
/// making them stronger.
public struct PasswordPolicy: Sendable {
    public var minimumLength: Int
    public var maximumLength: Int
    /// How many earlier passwords (including the current one) cannot be used again.
    public var historyDepth: Int
    /// Lower-cased common and breached passwords (injected: the list is a resource of the app).
    public var commonPasswords: Set<String>

    public init(minimumLength: Int = 8, maximumLength: Int = 256, historyDepth: Int = 5, commonPasswords: Set<String> = PasswordPolicy.builtInCommon) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.historyDepth = historyDepth
        self.commonPasswords = commonPasswords
    }

    /// Throws a ``FieldError`` for `field` when `password` may not be used by this person.
    public func check(_ password: String, email: String?, name: String? = nil, field: String = "password") throws {
        let length = password.count
        guard length >= minimumLength else {
            throw FieldError(field: field, message: "Use at least \(minimumLength) characters; a few unrelated words make a strong password.")
        }
        guard length <= maximumLength else { throw FieldError(field: field, message: "Use at most \(maximumLength) characters.") }
        let lowered = password.lowercased()
        if commonPasswords.contains(lowered) || Set(lowered).count <= 2 {
            throw FieldError(field: field, message: "This password is too common or appears in known data breaches; choose one that is harder to guess.")
        }
        let personal = Self.personalWords(email: email, name: name)
        let stripped = lowered.filter { $0.isLetter || $0.isNumber }
        if personal.contains(where: { stripped == $0 || ($0.count >= 4 && stripped.contains($0) && Double($0.count) >= Double(stripped.count) * 0.5) }) {
            throw FieldError(field: field, message: "Don't build your password from your e-mail address or name.")
        }
    }

    /// The words of a person's address and name that a password must not consist of.
    static func personalWords(email: String?, name: String?) -> [String] {
        var words: [String] = []
        if let email {
            let lowered = email.lowercased()
            let local = lowered.split(separator: "@").first.map(String.init) ?? lowered
            words.append(lowered.filter { $0.isLetter || $0.isNumber })
            words.append(local.filter { $0.isLetter || $0.isNumber })
            words += local.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        if let name {
            let lowered = name.lowercased()
            words.append(lowered.filter { $0.isLetter || $0.isNumber })
            words += lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        return words.filter { $0.count >= 3 }
    }

    /// A small fallback list for when the app has not loaded its full list (tests, tools).
    public static let builtInCommon: Set<String> = [
        "password", "password1", "password12", "password123", "password1234", "12345678", "123456789", "1234567890",
        "qwertyuiop", "qwerty123", "iloveyou", "11111111", "00000000", "abcdefgh", "abc12345", "letmein1",
        "welcome1", "welcome123", "admin123", "sunshine", "football", "baseball", "princess", "superman",
        "trustno1", "passw0rd", "p@ssw0rd", "p@ssword", "changeme", "starwars", "1q2w3e4r", "1qaz2wsx",
        "zaq12wsx", "qazwsxedc", "correcthorsebatterystaple",
    ]
}
