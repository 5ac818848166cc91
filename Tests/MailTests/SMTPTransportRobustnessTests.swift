import Foundation
import Testing

@testable import Mail

/// Servers that misbehave in ways a real one won't on request, played by the sink's scripted mode.
@Suite("SMTP against misbehaving servers", .timeLimit(.minutes(2)))
struct SMTPTransportRobustnessTests {
    static let hello = "250-sink.test\r\n250-SIZE 1000000\r\n250 8BITMIME\r\n"

    @Test("No reply after the message data is a timeout that flags the delivery as uncertain")
    func silentAfterData() async throws {
        try await withScriptedSMTPServer(["220 sink.test ESMTP\r\n", Self.hello, "250 ok\r\n", "250 ok\r\n", "354 go ahead\r\n", nil]) {
            sink in
            let transport = try SMTPTransportTests.transport(sink, commandTimeout: .seconds(1))

            let error = await #expect(throws: MailError.self) { try await transport.send(try Fixtures.message()) }

            #expect(error?.kind == .timedOut)
            #expect(error?.deliveryUncertain == true)
            #expect(error?.isPermanent == false)
            #expect(error?.description.contains("may have accepted the message") == true)
            #expect(sink.commands().last == "<message data>")
        }
    }

    @Test("Bytes sent along with the reply to STARTTLS are refused before TLS starts (command injection)")
    func startTLSInjection() async throws {
        let helloWithTLS = "250-sink.test\r\n250 STARTTLS\r\n"
        try await withScriptedSMTPServer(["220 sink.test\r\n", helloWithTLS, "220 go ahead\r\n250 injected\r\n", "221 bye\r\n"]) { sink in
            let transport = try SMTPTransportTests.transport(sink, security: .startTLS, caFile: nil)

            let error = await #expect(throws: MailError.self) { try await transport.send(try Fixtures.message()) }

            #expect(error?.kind == .protocolViolation)
            #expect(error?.description.contains("STARTTLS") == true)
            #expect(!sink.commands().contains { $0.hasPrefix("MAIL") || $0.hasPrefix("AUTH") })
        }
    }

    @Test("A server without ESMTP gets HELO after refusing EHLO")
    func heloFallback() async throws {
        let replies = [
            "220 old.sink.test\r\n", "502 5.5.1 EHLO not implemented\r\n", "250 old.sink.test\r\n", "250 ok\r\n", "250 ok\r\n",
            "354 go ahead\r\n", "250 queued\r\n", "221 bye\r\n",
        ]
        try await withScriptedSMTPServer(replies) { sink in
            try await SMTPTransportTests.transport(sink).send(try Fixtures.message())
            #expect(
                sink.commands() == [
                    "EHLO portal.example.com", "HELO portal.example.com", "MAIL FROM:<support@portal.example.com>",
                    "RCPT TO:<alice@example.com>", "DATA", "<message data>", "QUIT",
                ]
            )
        }
    }

    @Test("A 421 greeting is a temporary refusal")
    func busyServer() async throws {
        try await withScriptedSMTPServer(["421 4.3.2 too busy, try later\r\n", "CLOSE"]) { sink in
            let error = await #expect(throws: MailError.self) {
                try await SMTPTransportTests.transport(sink).send(try Fixtures.message())
            }
            #expect(error?.kind == .rejected)
            #expect(error?.reply?.code == 421)
            #expect(error?.isPermanent == false)
            #expect(error?.isConfigurationProblem == false)
            #expect(error?.description == "SMTP server 127.0.0.1:\(sink.port) refused the connection: 421 4.3.2 too busy, try later")
        }
    }

    @Test("A 4xx to RCPT TO is temporary; the transaction is abandoned")
    func temporaryRecipientFailure() async throws {
        let replies = ["220 sink.test\r\n", Self.hello, "250 ok\r\n", "452 4.2.2 mailbox full\r\n", "221 bye\r\n"]
        try await withScriptedSMTPServer(replies) { sink in
            let error = await #expect(throws: MailError.self) {
                try await SMTPTransportTests.transport(sink).send(try Fixtures.message())
            }
            #expect(error?.kind == .rejected)
            #expect(error?.isPermanent == false)
            #expect(error?.reply?.code == 452)
            #expect(sink.commands().last == "QUIT")
        }
    }

    @Test("A server that hangs up mid-dialogue is a temporary failure")
    func hangUp() async throws {
        try await withScriptedSMTPServer(["220 sink.test\r\n", Self.hello, "CLOSE"]) { sink in
            let error = await #expect(throws: MailError.self) {
                try await SMTPTransportTests.transport(sink).send(try Fixtures.message())
            }
            #expect(error?.kind == .connectionClosed)
            #expect(error?.isPermanent == false)
            #expect(error?.deliveryUncertain == false)
        }
    }

    @Test("A message over the server's SIZE limit is refused before it is sent")
    func tooLarge() async throws {
        let replies = ["220 sink.test\r\n", "250-sink.test\r\n250 SIZE 100\r\n", "221 bye\r\n"]
        try await withScriptedSMTPServer(replies) { sink in
            let error = await #expect(throws: MailError.self) {
                try await SMTPTransportTests.transport(sink).send(try Fixtures.message())
            }
            #expect(error?.kind == .messageTooLarge)
            #expect(error?.isPermanent == true)
            #expect(sink.commands() == ["EHLO portal.example.com", "QUIT"])
        }
    }

    @Test("Garbage instead of a reply is a protocol violation, not a crash or a hang")
    func garbage() async throws {
        try await withScriptedSMTPServer(["HTTP/1.1 400 Bad Request\r\n\r\n"]) { sink in
            let error = await #expect(throws: MailError.self) {
                try await SMTPTransportTests.transport(sink).send(try Fixtures.message())
            }
            #expect(error?.kind == .protocolViolation)
            #expect(error?.description.contains("HTTP/1.1 400") == true)
        }
    }
}
