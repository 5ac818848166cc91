import Logging
import NIOCore

/// The SMTP dialogue for one message on one connection: greeting, `EHLO`, `STARTTLS`, `AUTH`,
/// `MAIL FROM`, `RCPT TO`, `DATA`, `QUIT`.
///
/// Each step is named in the errors it produces ("RCPT TO <x@y>", "the reply to the message
/// data"), so a failure says exactly where the dialogue stopped.
struct SMTPSession {
    let connection: SMTPConnection
    let configuration: SMTPTransport.Configuration
    let tls: SMTPConnection.TLSSetup?
    let logger: Logger
    private(set) var capabilities = SMTPCapabilities()
    private(set) var isEncrypted: Bool

    init(connection: SMTPConnection, configuration: SMTPTransport.Configuration, tls: SMTPConnection.TLSSetup?, logger: Logger) {
        self.connection = connection
        self.configuration = configuration
        self.tls = tls
        self.logger = logger
        self.isEncrypted = configuration.security == .implicitTLS
    }

    var server: String { configuration.server }

    /// Runs the whole dialogue up to the server's acceptance of the message.
    mutating func deliver(_ message: MailMessage) async throws {
        let greeting = try await reply(to: nil, awaiting: "the greeting")
        guard greeting.code == 220 else { throw unexpected(greeting, step: "the connection", expected: "220") }
        try await hello()
        try await secure()
        if let credentials = configuration.credentials {
            try await authenticate(credentials)
        }
        try await transact(message)
    }

    /// Says goodbye if the connection still works, then closes it. Failures are ignored: by now
    /// the outcome of the delivery is already decided.
    func quitAndClose() async {
        _ = try? await connection.send(ByteBuffer(string: "QUIT\r\n"), timeout: min(configuration.commandTimeout, .seconds(5)))
        await connection.close()
    }

    // MARK: Steps

    private mutating func hello() async throws {
        let ehlo = try await command("EHLO \(configuration.heloName)")
        if ehlo.isPositiveCompletion {
            capabilities = SMTPCapabilities(ehloReply: ehlo)
            return
        }
        // A server that predates ESMTP answers 500 or 502; it may still take HELO, without extensions.
        guard ehlo.code == 500 || ehlo.code == 502 else { throw rejection(ehlo, step: "EHLO", concernsMessage: false) }
        let helo = try await command("HELO \(configuration.heloName)")
        guard helo.isPositiveCompletion else { throw rejection(helo, step: "HELO", concernsMessage: false) }
        capabilities = SMTPCapabilities()
    }

    private mutating func secure() async throws {
        guard configuration.security == .startTLS || configuration.security == .startTLSIfAvailable, let tls else { return }
        guard capabilities.supportsStartTLS else {
            if configuration.security == .startTLS {
                throw MailError(
                    .tlsUnavailable,
                    "SMTP server \(server) does not offer STARTTLS, which the configuration requires (security .startTLS); check the host and port (implicit TLS on 465 needs .implicitTLS)",
                    isConfigurationProblem: true
                )
            }
            logger.notice("SMTP server does not offer STARTTLS; continuing unencrypted as configured (.startTLSIfAvailable)")
            return
        }
        let reply = try await command("STARTTLS")
        guard reply.code == 220 else { throw unexpected(reply, step: "STARTTLS", expected: "220") }
        do {
            try await connection.startTLS(tls)
        } catch {
            throw failure(error, awaiting: "TLS to start after STARTTLS")
        }
        isEncrypted = true
        // RFC 3207 §4.2: forget what was learnt before TLS and ask again.
        let ehlo = try await command("EHLO \(configuration.heloName)", step: "EHLO after STARTTLS")
        guard ehlo.isPositiveCompletion else { throw rejection(ehlo, step: "EHLO after STARTTLS", concernsMessage: false) }
        capabilities = SMTPCapabilities(ehloReply: ehlo)
    }

    private func transact(_ message: MailMessage) async throws {
        let data = DotStuffing.encode(message.rendered())
        var mailFrom = "MAIL FROM:<\(message.from.address)>"
        if let limit = capabilities.maximumMessageSize {
            guard data.readableBytes <= limit else {
                throw MailError(
                    .messageTooLarge,
                    "message \(message.messageID) has \(data.readableBytes) bytes, more than the \(limit) that SMTP server \(server) accepts",
                    isPermanent: true
                )
            }
            mailFrom += " SIZE=\(data.readableBytes)"
        }
        let mailStep = "MAIL FROM <\(message.from.address)>"
        let mail = try await command(mailFrom, step: mailStep)
        guard mail.isPositiveCompletion else { throw rejection(mail, step: mailStep, concernsMessage: true) }

        var seen = Set<String>()
        for recipient in message.to where seen.insert(recipient.address.lowercased()).inserted {
            let step = "RCPT TO <\(recipient.address)>"
            let rcpt = try await command("RCPT TO:<\(recipient.address)>", step: step)
            guard rcpt.isPositiveCompletion else { throw rejection(rcpt, step: step, concernsMessage: true) }
        }

        let dataReply = try await command("DATA")
        guard dataReply.code == 354 else { throw unexpected(dataReply, step: "DATA", expected: "354") }

        let step = "the message data"
        logger.debug("SMTP >>> (\(data.readableBytes) bytes of message data)")
        let accepted: SMTPReply
        do {
            accepted = try await connection.send(data, timeout: configuration.commandTimeout)
        } catch {
            // The whole message is out; the server may have taken it even though no reply came.
            throw failure(error, awaiting: "the reply to \(step)", deliveryUncertain: true)
        }
        logger.debug("SMTP <<< \(accepted)")
        guard accepted.isPositiveCompletion else { throw rejection(accepted, step: step, concernsMessage: true) }
    }

    // MARK: Commands

    /// Sends one command line and returns the reply, whatever its code.
    ///
    /// - Parameter logged: what to log instead of the line, for lines that carry credentials.
    func command(_ line: String, step: String? = nil, logged: String? = nil) async throws -> SMTPReply {
        let step = step ?? String(line.prefix { $0 != " " && $0 != ":" })
        return try await reply(to: line, awaiting: "the reply to \(step)", logged: logged)
    }

    private func reply(to line: String?, awaiting awaited: String, logged: String? = nil) async throws -> SMTPReply {
        do {
            let reply: SMTPReply
            if let line {
                logger.debug("SMTP >>> \(logged ?? line)")
                reply = try await connection.send(ByteBuffer(string: line + "\r\n"), timeout: configuration.commandTimeout)
            } else {
                reply = try await connection.nextReply(timeout: configuration.commandTimeout)
            }
            logger.debug("SMTP <<< \(reply)")
            return reply
        } catch {
            throw failure(error, awaiting: awaited)
        }
    }
}
