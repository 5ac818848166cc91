import Foundation
import Testing

@testable import Mail

/// Delivery to a real SMTP server (aiosmtpd) in a child process, over real sockets.
@Suite("Sending through SMTP", .timeLimit(.minutes(2)))
struct SMTPTransportTests {
    static func transport(
        _ sink: SMTPSink,
        security: SMTPTransport.Configuration.Security = .none,
        credentials: SMTPTransport.Configuration.Credentials? = nil,
        allowsCredentialsWithoutTLS: Bool = false,
        commandTimeout: Duration = .seconds(30),
        caFile: String? = nil
    ) throws -> SMTPTransport {
        try SMTPTransport(
            configuration: .init(
                host: "127.0.0.1",
                port: sink.port,
                security: security,
                credentials: credentials,
                allowsCredentialsWithoutTLS: allowsCredentialsWithoutTLS,
                heloName: "portal.example.com",
                commandTimeout: commandTimeout,
                additionalTrustedCACertificateFile: caFile,
                tlsServerName: "localhost"
            )
        )
    }

    @Test("A message reaches every recipient unchanged: headers, body, envelope")
    func plainDelivery() async throws {
        try await withSMTPSink { sink in
            let message = try MailMessage(
                from: MailAddress("support@portal.example.com", displayName: "Kundenportal"),
                to: [MailAddress("alice@example.com", displayName: "Älice"), MailAddress("bob@example.org")],
                subject: "Neue Anmeldung bei Ihrem Konto ✅",
                textBody: "Hallo,\n.eine Zeile mit Punkt am Anfang\n.\nund Grüße\n",
                htmlBody: "<p>Hallo</p>\n.<p>Punkt</p>",
                messageID: "event-7@portal.example.com",
                date: Fixtures.date
            )

            try await Self.transport(sink).send(message)

            let received = try sink.received()
            try #require(received.count == 1)
            let delivered = received[0]
            #expect(delivered.bytes == message.rendered())
            #expect(delivered.envelope.mail_from == "support@portal.example.com")
            #expect(delivered.envelope.rcpt_tos == ["alice@example.com", "bob@example.org"])
            #expect(delivered.envelope.mail_options == ["SIZE=\(DotStuffing.encode(message.rendered()).readableBytes)"])
            #expect(!delivered.envelope.encrypted)
            let parsed = delivered.parsed
            #expect(parsed.decodedHeader("Subject") == message.subject)
            #expect(parsed.header("Message-ID") == "<event-7@portal.example.com>")
            #expect(parsed.parts().first?.decodedBody == "Hallo,\r\n.eine Zeile mit Punkt am Anfang\r\n.\r\nund Grüße\r\n")
        }
    }

    @Test("A 5xx to RCPT TO is a permanent error naming the server, the command and the reply; nobody gets the message")
    func rejectedRecipient() async throws {
        try await withSMTPSink(["--reject-rcpt", "nobody@example.com"]) { sink in
            let message = try Fixtures.message(to: [MailAddress("alice@example.com"), MailAddress("nobody@example.com")])

            let error = await #expect(throws: MailError.self) { try await Self.transport(sink).send(message) }

            #expect(error?.kind == .rejected)
            #expect(error?.isPermanent == true)
            #expect(error?.isConfigurationProblem == false)
            #expect(error?.deliveryUncertain == false)
            #expect(error?.reply?.code == 550)
            #expect(error?.reply?.enhancedStatus == "5.1.1")
            #expect(
                error?.description
                    == "SMTP server 127.0.0.1:\(sink.port) refused RCPT TO <nobody@example.com>: 550 5.1.1 <nobody@example.com>: no such user"
            )
            #expect(try sink.received().isEmpty)
        }
    }

    @Test("A server that never answers gives a timeout error, not a hang")
    func silentServer() async throws {
        try await withSMTPSink(["--silent"]) { sink in
            let transport = try Self.transport(sink, commandTimeout: .seconds(1))

            let error = await #expect(throws: MailError.self) { try await transport.send(try Fixtures.message()) }

            #expect(error?.kind == .timedOut)
            #expect(error?.isPermanent == false)
            #expect(error?.isConfigurationProblem == false)
            #expect(error?.description == "SMTP server 127.0.0.1:\(sink.port) did not send the greeting within 1.0 seconds")
        }
    }

    @Test("No server listening is a temporary connection failure")
    func connectionRefused() async throws {
        let sink = try await SMTPSink([])
        let transport = try Self.transport(sink)
        sink.stop()

        let error = await #expect(throws: MailError.self) { try await transport.send(try Fixtures.message()) }

        #expect(error?.kind == .connectionFailed)
        #expect(error?.isPermanent == false)
        #expect(error?.description.hasPrefix("could not connect to SMTP server 127.0.0.1:\(sink.port): ") == true)
    }

    @Test("Security .startTLS fails, before anything is sent, if the server does not offer STARTTLS")
    func startTLSRequired() async throws {
        try await withSMTPSink { sink in
            let error = await #expect(throws: MailError.self) {
                try await Self.transport(sink, security: .startTLS).send(try Fixtures.message())
            }
            #expect(error?.kind == .tlsUnavailable)
            #expect(error?.isConfigurationProblem == true)
            let received = try sink.received()
            #expect(received.isEmpty)
        }
    }
}
