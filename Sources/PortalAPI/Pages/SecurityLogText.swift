import Foundation

/// Readable lines of the security log, shared by the account page and the activity page.
enum SecurityLogText {
    static func rows(_ items: [SecurityLogItem], currentDevice: String?) -> [[String: Any]] {
        items.map { item in
            var row: [String: Any] = ["kind": describe(item.kind), "at": PageDate.values(item.at), "ip": item.ip ?? "—",
                                      "device": device(item, currentDevice: currentDevice)]
            if let detail = detail(item) { row["detail"] = detail }
            row["warning"] = warnings.contains(item.kind)
            return row
        }
    }

    /// Kinds a customer should look at twice: highlighted in the table.
    static let warnings: Set<String> = ["signInFailed", "duplicateRegistration", "locked", "flaggedCompromised", "refreshTokenReused"]

    /// One line per `SecurityLogProjection.Kind` name.
    static func describe(_ kind: String) -> String {
        switch kind {
        case "registered": return "Account created"
        case "signedIn": return "Signed in"
        case "signInFailed": return "Failed sign-in"
        case "duplicateRegistration": return "Someone tried to create an account with your address"
        case "personalDataErased": return "Personal data erased"
        case "emailVerified": return "E-mail address verified"
        case "passwordResetRequested": return "Password reset link requested"
        case "passwordReset": return "Password reset with an e-mail link; every session was signed out"
        case "passwordChanged": return "Password changed; other sessions were signed out"
        case "locked": return "Account locked for a while after repeated failed sign-ins"
        case "unlocked": return "Account unlocked"
        case "flaggedCompromised": return "Account flagged as possibly compromised; the password must be changed"
        case "sessionRevoked": return "A session was signed out"
        case "refreshTokenReused": return "A session's sign-in token was used twice (possible theft); that session was ended"
        default: return kind
        }
    }

    private static func detail(_ item: SecurityLogItem) -> String? {
        switch item.reason {
        case "wrongPassword"?: return "wrong password"
        case "locked"?: return "the account was locked, so the password was not checked"
        case let other: return other
        }
    }

    /// The browser and system from the user agent when the event has one, and whether it was this device.
    private static func device(_ item: SecurityLogItem, currentDevice: String?) -> String {
        let described = item.userAgent.map { DeviceName.describe($0) }
        if let currentDevice, item.deviceID == currentDevice { return described.map { "\($0) (this device)" } ?? "This device" }
        if let described { return described }
        if let id = item.deviceID, id.hasPrefix("name:") { return String(id.dropFirst(5)) }
        return "—"
    }
}

/// Dates on pages: readable UTC text, and the exact instant for `<time datetime>`.
enum PageDate {
    static func values(_ date: Date) -> [String: Any] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let text = String(format: "%04d-%02d-%02d %02d:%02d UTC", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
        return ["text": text, "iso": ISO8601DateFormatter().string(from: date)]
    }
}
