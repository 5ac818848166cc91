/// The fixed people who can sign in at the test provider.
struct TestUser: Sendable, Codable, Hashable {
    var subject: String
    var email: String
    var name: String
    var emailVerified: Bool

    static let all: [TestUser] = [
        TestUser(subject: "248289761001", email: "alice@example.com", name: "Alice Example", emailVerified: true),
        TestUser(subject: "248289761002", email: "bob@example.com", name: "Bob Unverified", emailVerified: false),
        TestUser(subject: "248289761003", email: "carol@example.org", name: "Carol Customer", emailVerified: true),
    ]

    /// The user with this e-mail address (case-insensitive), as in `login_hint`.
    static func find(email: String) -> TestUser? {
        all.first { $0.email.lowercased() == email.lowercased() }
    }
}
