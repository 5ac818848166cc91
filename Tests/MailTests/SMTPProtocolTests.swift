import NIOCore
import Testing

@testable import Mail

@Suite("SMTP replies, capabilities and dot-stuffing")
struct SMTPProtocolTests {
    private func replies(_ chunks: [String]) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        var result: [SMTPReply] = []
        for chunk in chunks {
            var buffer = ByteBuffer(string: chunk)
            parser.append(&buffer)
            while let reply = try parser.nextReply() { result.append(reply) }
        }
        return result
    }

    @Test("A multi-line reply becomes one reply, even when split across reads")
    func multiLine() throws {
        let result = try replies(["250-mail.example.com Hello\r\n250-SIZE 1000", "0\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r", "\n220 next\r\n"])
        #expect(result.count == 2)
        #expect(result[0].code == 250)
        #expect(result[0].lines == ["mail.example.com Hello", "SIZE 10000", "STARTTLS", "AUTH PLAIN LOGIN"])
        #expect(result[1] == SMTPReply(code: 220, lines: ["next"]))
    }

    @Test("Bare LF line ends and code-only lines are accepted")
    func lenientLines() throws {
        #expect(try replies(["354\n", "250 ok\n"]) == [SMTPReply(code: 354, lines: [""]), SMTPReply(code: 250, lines: ["ok"])])
    }

    @Test("An incomplete reply is kept until the rest arrives, and is reported as unconsumed input")
    func incomplete() throws {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer(string: "250-first\r\n")
        parser.append(&buffer)
        #expect(try parser.nextReply() == nil)
        #expect(parser.hasUnconsumedInput)
    }

    @Test(
        "Malformed replies are protocol violations, not crashes",
        arguments: ["hello\r\n", "25\r\n", "650 nope\r\n", "250x\r\n", "250-a\r\n251 b\r\n", "2a0 x\r\n"]
    )
    func malformed(text: String) {
        #expect(throws: SMTPConnectionError.self) { try replies([text]) }
    }

    @Test("An endless line is refused instead of buffered")
    func endlessLine() {
        #expect(throws: SMTPConnectionError.self) { try replies([String(repeating: "2", count: 5000)]) }
    }

    @Test("Control characters in server text are neutralised")
    func controlCharacters() throws {
        #expect(try replies(["550 bad\u{1B}[31m\tuser\r\n"])[0].lines == ["bad?[31m?user"])
    }

    @Test("Enhanced status codes and failure classes are recognised")
    func classes() {
        let reply = SMTPReply(code: 550, lines: ["5.1.1 <x@example.com>: no such user"])
        #expect(reply.enhancedStatus == "5.1.1")
        #expect(reply.isPermanentFailure && !reply.isTransientFailure)
        #expect(reply.description == "550 5.1.1 <x@example.com>: no such user")
        #expect(SMTPReply(code: 451, lines: ["try later"]).enhancedStatus == nil)
        #expect(SMTPReply(code: 451, lines: ["try later"]).isTransientFailure)
    }

    @Test("EHLO capabilities: STARTTLS, AUTH mechanisms (also the old AUTH= form), SIZE")
    func capabilities() {
        let reply = SMTPReply(code: 250, lines: ["mail.example.com", "SIZE 35882577", "starttls", "AUTH=LOGIN", "AUTH plain CRAM-MD5"])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.supportsStartTLS)
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN", "CRAM-MD5"])
        #expect(capabilities.maximumMessageSize == 35_882_577)
        #expect(SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: ["x", "SIZE 0"])).maximumMessageSize == nil)
        #expect(!SMTPCapabilities().supportsStartTLS)
    }

    @Test("Dot-stuffing doubles leading dots and ends the data with CRLF . CRLF")
    func dotStuffing() {
        let stuffed = DotStuffing.encode(Array(".first\r\nmiddle.\r\n.\r\n..two\r\nlast".utf8))
        #expect(String(buffer: stuffed) == "..first\r\nmiddle.\r\n..\r\n...two\r\nlast\r\n.\r\n")
        #expect(String(buffer: DotStuffing.encode(Array("a\r\n".utf8))) == "a\r\n.\r\n")
    }
}
