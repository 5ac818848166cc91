import Foundation

extension SMTPSession {
    /// Authenticates with `AUTH PLAIN`, or `AUTH LOGIN` when the server does not offer `PLAIN`
    /// (RFC 4954). Nothing secret is sent before it is certain the connection is encrypted, or
    /// that the configuration explicitly allows plain text.
    func authenticate(_ credentials: SMTPTransport.Configuration.Credentials) async throws {
        guard isEncrypted || configuration.allowsCredentialsWithoutTLS else {
            throw MailError(
                .insecureAuthenticationRefused,
                "did not send the credentials of \(credentials.username) to SMTP server \(server) because the connection is not encrypted"
                    + (configuration.security == .startTLSIfAvailable ? " (the server did not offer STARTTLS)" : "")
                    + "; use security .startTLS or .implicitTLS, or set allowsCredentialsWithoutTLS only for a trusted network",
                isConfigurationProblem: true
            )
        }
        let mechanisms = capabilities.authMechanisms
        let step = "AUTH for user \(credentials.username)"
        let reply: SMTPReply
        if mechanisms.contains("PLAIN") {
            let token = Self.base64("\0\(credentials.username)\0\(credentials.password)")
            reply = try await command("AUTH PLAIN \(token)", step: step, logged: "AUTH PLAIN (credentials hidden)")
        } else if mechanisms.contains("LOGIN") {
            reply = try await login(credentials, step: step)
        } else {
            throw MailError(
                .authenticationUnavailable,
                mechanisms.isEmpty
                    ? "SMTP server \(server) does not offer AUTH, but credentials are configured; remove them or check the server's settings"
                    : "SMTP server \(server) offers AUTH only with \(mechanisms.sorted().joined(separator: ", ")); this client supports PLAIN and LOGIN",
                isConfigurationProblem: true
            )
        }
        guard reply.code == 235 else {
            guard reply.isTransientFailure || reply.isPermanentFailure else {
                throw unexpected(reply, step: step, expected: "235")
            }
            throw MailError(
                .authenticationFailed,
                "SMTP server \(server) refused the credentials of \(credentials.username): \(reply)",
                reply: reply,
                isConfigurationProblem: reply.isPermanentFailure
            )
        }
    }

    /// `AUTH LOGIN`: the server asks (334) for the user name, then the password, each in base64.
    private func login(_ credentials: SMTPTransport.Configuration.Credentials, step: String) async throws -> SMTPReply {
        let first = try await command("AUTH LOGIN", step: step)
        guard first.code == 334 else { return first }
        let second = try await command(Self.base64(credentials.username), step: step, logged: "(user name hidden)")
        guard second.code == 334 else { return second }
        return try await command(Self.base64(credentials.password), step: step, logged: "(password hidden)")
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
