import Foundation
import Testing

@testable import Mail

@Suite("Rendering a message")
struct MailMessageRenderingTests {
    @Test("A plain message has the standard headers and a quoted-printable UTF-8 body")
    func plainMessage() throws {
        let message = try Fixtures.message()
        let parsed = ParsedMessage(message.rendered())

        #expect(parsed.header("Date") == "Tue, 01 Jul 2025 10:00:00 +0000")
        #expect(parsed.header("From") == "Customer Portal <support@portal.example.com>")
        #expect(parsed.header("To") == "Alice Example <alice@example.com>")
        #expect(parsed.header("Message-ID") == "<event-42@portal.example.com>")
        #expect(parsed.header("Subject") == "Confirm your e-mail address")
        #expect(parsed.header("MIME-Version") == "1.0")
        #expect(parsed.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(parsed.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(parsed.decodedBody == "Hello,\r\nplease confirm your address: https://portal.example.com/verify?t=abc\r\n")
    }

    @Test("Every line ends in CRLF, whatever line ends the body used")
    func onlyCRLF() throws {
        let message = try Fixtures.message(textBody: "unix\nmac\rwindows\r\nend", htmlBody: "<p>a</p>\n<p>b</p>")
        let bytes = message.rendered()
        #expect(bytes.hasOnlyCRLFLineEnds)
        #expect(bytes.suffix(2) == [13, 10])
        #expect(ParsedMessage(bytes).parts()[0].decodedBody == "unix\r\nmac\r\nwindows\r\nend")
    }

    @Test("The message is 7-bit and its lines stay within 78 characters")
    func lineLimits() throws {
        let message = try Fixtures.message(
            to: [
                try MailAddress("jurgen@example.com", displayName: "Jürgen Großmann-Müller von und zu Überlingen am Bodensee"),
                try MailAddress("bob@example.com", displayName: "Bob"), try MailAddress("carol@example.org"),
            ],
            subject: String(repeating: "Sicherheitshinweis: neue Anmeldung bei Ihrem Konto ✅ ", count: 4),
            textBody: String(repeating: "Zeile mit Umlauten äöü und einem sehr langen Inhalt ", count: 20)
        )
        let bytes = message.rendered()
        #expect(bytes.allSatisfy { $0 < 128 })
        for line in bytes.crlfLines {
            #expect(line.utf8.count <= 78, "line too long: \(line)")
        }
    }

    @Test("Non-ASCII subjects and display names become encoded-words that decode back exactly")
    func encodedWords() throws {
        let subject = "Grüße aus Köln — Ihr Konto ✅ (neue Anmeldung)"
        let message = try MailMessage(
            from: MailAddress("support@portal.example.com", displayName: "Kundenportal Köln"),
            to: [MailAddress("zoe@example.com", displayName: "Zoë Ä. Ölund")],
            subject: subject,
            textBody: "x",
            date: Fixtures.date
        )
        let parsed = ParsedMessage(message.rendered())
        #expect(parsed.header("Subject")?.hasPrefix("=?UTF-8?") == true)
        #expect(parsed.decodedHeader("Subject") == subject)
        #expect(parsed.decodedHeader("From") == "Kundenportal Köln <support@portal.example.com>")
        #expect(parsed.decodedHeader("To") == "Zoë Ä. Ölund <zoe@example.com>")
    }

    @Test("A long non-ASCII subject is split into several encoded-words on folded lines")
    func longEncodedSubject() throws {
        let subject = String(repeating: "Привет, это ваш портал поддержки. ", count: 5)
        let rendered = try Fixtures.message(subject: subject).rendered()
        let subjectLines = rendered.crlfLines.drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count > 3)
        for word in subjectLines.flatMap({ $0.split(separator: " ") }) where word.hasPrefix("=?") {
            #expect(word.count <= 75)
        }
        #expect(ParsedMessage(rendered).decodedHeader("Subject") == subject)
    }

    @Test("A long ASCII subject is folded at spaces and unfolds to the original")
    func longASCIISubject() throws {
        let subject = "Your ticket 4711 about the  invoice for March has a new reply from our support team, please have a look"
        let rendered = try Fixtures.message(subject: subject).rendered()
        #expect(rendered.crlfLines.contains { $0.hasPrefix(" ") })
        #expect(ParsedMessage(rendered).header("Subject") == subject)
    }

    @Test("ASCII text that looks like an encoded-word is encoded so it is not misread", arguments: ["=?UTF-8?Q?pwned?=", "a =?x?"])
    func lookalikeEncodedWord(subject: String) throws {
        let parsed = ParsedMessage(try Fixtures.message(subject: subject).rendered())
        #expect(parsed.header("Subject") != subject)
        #expect(parsed.decodedHeader("Subject") == subject)
    }

    @Test("Display names with specials are quoted strings")
    func quotedDisplayName() throws {
        let message = try Fixtures.message(to: [MailAddress("jd@example.com", displayName: #"Doe, John "JD" \ Jr."#)])
        #expect(ParsedMessage(message.rendered()).header("To") == #""Doe, John \"JD\" \\ Jr." <jd@example.com>"#)
    }

    @Test("With an HTML body the message is multipart/alternative, plain text first")
    func multipart() throws {
        let html = "<p>Bitte bestätigen: <a href=\"https://portal.example.com/v?t=a=b\">Link</a></p>\n"
        let message = try Fixtures.message(textBody: "Bitte bestätigen.", htmlBody: html)
        let bytes = message.rendered()
        let parsed = ParsedMessage(bytes)

        let contentType = try #require(parsed.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/alternative; boundary=\"=_"))
        #expect(parsed.header("Content-Transfer-Encoding") == nil)
        let parts = parsed.parts()
        try #require(parts.count == 2)
        #expect(parts[0].header("Content-Type") == "text/plain; charset=utf-8")
        #expect(parts[0].decodedBody == "Bitte bestätigen.")
        #expect(parts[1].header("Content-Type") == "text/html; charset=utf-8")
        #expect(parts[1].decodedBody == html.replacingOccurrences(of: "\n", with: "\r\n"))
        let boundary = contentType.split(separator: "\"")[1]
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("\r\n--\(boundary)--\r\n"))
    }

    @Test("Rendering is deterministic, so a resend carries the same bytes and Message-ID")
    func deterministic() throws {
        let message = try MailMessage(
            from: MailAddress("support@portal.example.com"), to: [MailAddress("a@example.com")],
            subject: "s", textBody: "b", htmlBody: "<b>b</b>"
        )
        #expect(message.rendered() == message.rendered())
        #expect(message.messageID.hasSuffix("@portal.example.com"))
    }

    @Test("Extra headers are written after the standard ones, non-ASCII values encoded")
    func extraHeaders() throws {
        let message = try Fixtures.message(headers: [
            MailHeader("Auto-Submitted", "auto-generated"), MailHeader("X-Portal-Note", "für Jürgen"),
        ])
        let parsed = ParsedMessage(message.rendered())
        #expect(parsed.header("Auto-Submitted") == "auto-generated")
        #expect(parsed.decodedHeader("X-Portal-Note") == "für Jürgen")
    }

    @Test("Python's email package reads the message back without defects")
    func pythonReadsItBack() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let message = try MailMessage(
            from: MailAddress("support@portal.example.com", displayName: "Kundenportal Köln"),
            to: [MailAddress("zoe@example.com", displayName: "Zoë Ölund"), MailAddress("bob@example.com")],
            subject: "Neue Anmeldung — " + String(repeating: "Sicherheit ✅ ", count: 8),
            textBody: "Zeile 1 =\n.Zeile 2 mit Ümlaut   \n" + String(repeating: "lang ", count: 60),
            htmlBody: "<p>Grüße</p>",
            date: Fixtures.date
        )
        let file = folder.appending("message.eml")
        try Data(message.rendered()).write(to: URL(fileURLWithPath: file))
        let script = """
            import email, email.policy, json, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            parts = {p.get_content_type(): p.get_content() for p in m.walk() if not p.is_multipart()}
            defects = [str(d) for p in m.walk() for d in p.defects]
            print(json.dumps({"subject": str(m["subject"]), "from": str(m["from"]), "to": str(m["to"]),
                              "text": parts.get("text/plain"), "html": parts.get("text/html"), "defects": defects}))
            """
        let output = try await run("/usr/bin/python3", ["-c", script, file])
        let result = try JSONDecoder().decode([String: JSONValue].self, from: Data(output.utf8))
        #expect(result["subject"] == .string(message.subject))
        #expect(result["from"] == .string("Kundenportal Köln <support@portal.example.com>"))
        #expect(result["to"] == .string("Zoë Ölund <zoe@example.com>, bob@example.com"))
        #expect(result["text"] == .string(message.textBody.replacingOccurrences(of: "\n", with: "\r\n")))
        #expect(result["html"] == .string("<p>Grüße</p>"))
        #expect(result["defects"] == .array([]))
    }
}

/// Just enough JSON to compare what Python printed.
enum JSONValue: Decodable, Equatable {
    case string(String), array([JSONValue]), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }
}
