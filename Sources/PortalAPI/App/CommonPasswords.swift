import Domain
import Foundation

/// The list of common and breached passwords new passwords are checked against: the 11,611 entries
/// of at least eight characters from the 30,000 most frequent passwords of public breach corpora, as
/// collected by the zxcvbn project (MIT licence; see docs/architecture.md).
enum CommonPasswords {
    static func load() throws -> Set<String> {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("common-passwords.txt"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw PortalStartupError.missingResources("common-passwords.txt") }
        return Set(text.split(separator: "\n").map { $0.lowercased() }).union(PasswordPolicy.builtInCommon)
    }
}
