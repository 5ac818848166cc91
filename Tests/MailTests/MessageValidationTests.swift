import Foundation
import Testing

@testable import Mail

@Suite("Validating messages, addresses and headers")
struct MessageValidationTests {
    @Test(
        "Line breaks in any header text are refused as header injection",
        arguments: ["Hello\r\nBcc: victim@example.com", "Hello\nBcc: x@example.com", "Hello\rX", "a\u{2028}b", "bell\u{7}"]
    )
    func injectedSubject(text: String) throws {
        let subject = #expect(throws: MailError.self) { try Fixtures.message(subject: text) }
        #expect(subject?.kind == .invalidMessage)
        #expect(subject?.isPermanent == true)
        #expect(throws: MailError.self) { try MailAddress("alice@example.com", displayName: text) }
        #expect(throws: MailError.self) { try MailHeader("X-Note", text) }
    }

    @Test("The refusal says which field is wrong")
    func injectionMessage() throws {
        let error = #expect(throws: MailError.self) { try Fixtures.message(subject: "Hi\r\nBcc: x@example.com") }
        #expect(error?.description.contains("subject contains a line break") == true)
    }

    @Test(
        "Plain addresses are accepted",
        arguments: ["alice@example.com", "a.b-c+tag@mail.example.co.uk", "x_y!#$%&'*/=?^`{|}~@example-domain.org", "1@2.io"]
    )
    func validAddresses(address: String) throws {
        #expect(try MailAddress(address).address == address)
    }

    @Test(
        "Malformed or dangerous addresses are refused",
        arguments: [
            "", "alice", "@example.com", "alice@", "alice@localhost", "alice@@example.com", ".alice@example.com",
            "alice.@example.com", "al..ice@example.com", "alice@-example.com", "alice@example-.com", "alice@exa_mple.com",
            "alice@example..com", "al ice@example.com", "\"alice\"@example.com", "alice@[127.0.0.1]", "jürgen@example.com",
            "alice@example.com>\r\nRCPT TO:<eve@example.com", "alice@example.com\r\n", "<alice@example.com>",
            String(repeating: "a", count: 65) + "@example.com",
        ]
    )
    func invalidAddresses(address: String) {
        let error = #expect(throws: MailError.self) { try MailAddress(address) }
        #expect(error?.kind == .invalidMessage)
    }

    @Test("Header names must be printable ASCII without a colon", arguments: ["", "X Note", "X:Note", "Bcc\r\n", "Ü"])
    func invalidHeaderNames(name: String) {
        #expect(throws: MailError.self) { try MailHeader(name, "value") }
    }

    @Test("Headers the message writes itself cannot be added as extra headers", arguments: ["Bcc", "subject", "Content-Type", "MESSAGE-ID"])
    func reservedHeaders(name: String) throws {
        let header = try MailHeader(name, "x")
        #expect(throws: MailError.self) { try Fixtures.message(headers: [header]) }
    }

    @Test("A message needs a recipient")
    func noRecipients() {
        #expect(throws: MailError.self) { try Fixtures.message(to: []) }
    }

    @Test("Message ids are checked, with or without angle brackets")
    func messageIDs() throws {
        #expect(try Fixtures.message(messageID: "<event-42@portal.example.com>").messageID == "event-42@portal.example.com")
        for invalid in ["no-at-sign", "a b@example.com", "a@b>\r\nBcc: x@y", "<>", "a@"] {
            #expect(throws: MailError.self) { try Fixtures.message(messageID: invalid) }
        }
    }

    @Test("Dates are written in RFC 5322 format in UTC")
    func dates() {
        #expect(MailDate.rfc5322(Fixtures.date) == "Tue, 01 Jul 2025 10:00:00 +0000")
        #expect(MailDate.rfc5322(Date(timeIntervalSince1970: 1_709_251_199)) == "Thu, 29 Feb 2024 23:59:59 +0000")
        #expect(MailDate.rfc5322(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
        #expect(MailDate.compactUTC(Date(timeIntervalSince1970: 1_751_364_000.123_4)) == "20250701T100000.123Z")
    }
}
