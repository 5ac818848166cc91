import Foundation
import Testing

@testable import Mail

/// TLS and authentication against the real SMTP sink, with a self-signed certificate made by openssl.
@Suite("Sending through SMTP with TLS and AUTH", .timeLimit(.minutes(2)))
struct SMTPTransportSecurityTests {
    static let credentials = SMTPTransport.Configuration.Credentials(username: "portal", password: "s3cret äß")

    /// Runs `body` with a fresh certificate and a sink that offers it.
    private func withTLSSink(
        _ options: [String],
        _ body: (SMTPSink, TestCertificate) async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder("smtp-cert")
        defer { folder.remove() }
        let certificate = try await TestCertificate(in: folder)
        try await withSMTPSink(["--tls-cert", certificate.certificateFile, "--tls-key", certificate.keyFile] + options) { sink in
            try await body(sink, certificate)
        }
    }

    @Test("STARTTLS with a certificate trusted through the extra CA file, then AUTH PLAIN")
    func startTLSAndAuth() async throws {
        try await withTLSSink(["--user", "portal", "--password", "s3cret äß"]) { sink, certificate in
            let transport = try SMTPTransportTests.transport(
                sink, security: .startTLS, credentials: Self.credentials, caFile: certificate.certificateFile
            )
            let message = try Fixtures.message()

            try await transport.send(message)

            let received = try sink.received()
            try #require(received.count == 1)
            #expect(received[0].envelope.encrypted)
            #expect(received[0].envelope.authenticated_as == "portal")
            #expect(received[0].bytes == message.rendered())
            #expect(sink.authAttempts() == ["PLAIN portal"])
        }
    }

    @Test("Implicit TLS from the first byte, verifying the certificate against the IP address")
    func implicitTLS() async throws {
        try await withTLSSink(["--implicit-tls"]) { sink, certificate in
            let transport = try SMTPTransport(
                configuration: .init(
                    host: "127.0.0.1", port: sink.port, security: .implicitTLS,
                    additionalTrustedCACertificateFile: certificate.certificateFile
                )
            )
            try await transport.send(try Fixtures.message())
            #expect(try sink.received().map(\.envelope.encrypted) == [true])
        }
    }

    @Test("Certificates are verified by default: an unknown self-signed one is a TLS configuration problem")
    func untrustedCertificate() async throws {
        try await withTLSSink([]) { sink, _ in
            let transport = try SMTPTransportTests.transport(sink, security: .startTLS)

            let error = await #expect(throws: MailError.self) { try await transport.send(try Fixtures.message()) }

            #expect(error?.kind == .tlsFailed)
            #expect(error?.isConfigurationProblem == true)
            #expect(error?.isPermanent == false)
            #expect(error?.description.contains("additionalTrustedCACertificateFile") == true)
            #expect(try sink.received().isEmpty)
        }
    }

    @Test("Credentials are never sent over an unencrypted connection unless explicitly allowed")
    func refusesCredentialsWithoutTLS() async throws {
        try await withSMTPSink(["--user", "portal", "--password", "s3cret äß", "--auth-without-tls"]) { sink in
            // The server offers AUTH in plain text but no STARTTLS.
            let transport = try SMTPTransportTests.transport(sink, security: .startTLSIfAvailable, credentials: Self.credentials)

            let error = await #expect(throws: MailError.self) { try await transport.send(try Fixtures.message()) }

            #expect(error?.kind == .insecureAuthenticationRefused)
            #expect(error?.isConfigurationProblem == true)
            #expect(sink.authAttempts().isEmpty)
            #expect(try sink.received().isEmpty)
        }
    }

    @Test("Credentials with security .none are refused when the transport is created")
    func refusesCredentialsWithoutSecurityUpFront() {
        let error = #expect(throws: MailError.self) {
            try SMTPTransport(configuration: .init(host: "smtp.example.com", security: .none, credentials: Self.credentials))
        }
        #expect(error?.kind == .invalidConfiguration)
    }

    @Test("AUTH LOGIN is used when PLAIN is not offered; plain text only because it is explicitly allowed")
    func loginMechanism() async throws {
        try await withSMTPSink(["--user", "portal", "--password", "s3cret äß", "--auth-without-tls", "--only-mechanism", "LOGIN"]) {
            sink in
            let transport = try SMTPTransportTests.transport(
                sink, security: .none, credentials: Self.credentials, allowsCredentialsWithoutTLS: true
            )
            try await transport.send(try Fixtures.message())
            #expect(sink.authAttempts() == ["LOGIN portal"])
            #expect(try sink.received().map(\.envelope.authenticated_as) == ["portal"])
        }
    }

    @Test("Wrong credentials are an authentication failure an operator must fix")
    func wrongPassword() async throws {
        try await withTLSSink(["--user", "portal", "--password", "right"]) { sink, certificate in
            let transport = try SMTPTransportTests.transport(
                sink, security: .startTLS, credentials: .init(username: "portal", password: "wrong"),
                caFile: certificate.certificateFile
            )

            let error = await #expect(throws: MailError.self) { try await transport.send(try Fixtures.message()) }

            #expect(error?.kind == .authenticationFailed)
            #expect(error?.reply?.code == 535)
            #expect(error?.isConfigurationProblem == true)
            #expect(error?.description.contains("wrong") == false, "the password must not appear in errors")
            #expect(try sink.received().isEmpty)
        }
    }

    @Test("An unreadable CA file is refused when the transport is created")
    func missingCAFile() {
        let error = #expect(throws: MailError.self) {
            try SMTPTransport(
                configuration: .init(host: "smtp.example.com", additionalTrustedCACertificateFile: "/nonexistent/ca.pem")
            )
        }
        #expect(error?.kind == .invalidConfiguration)
    }
}
