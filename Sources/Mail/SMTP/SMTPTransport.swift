import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers mail to an SMTP server (RFC 5321), with STARTTLS or implicit TLS and `AUTH`.
///
/// Each ``send(_:)`` opens its own connection, runs one mail transaction and closes the
/// connection, whatever happens. That costs a TCP and TLS handshake per message, which is
/// nothing at the volume of security notices, and it means no connection state can leak from one
/// message to the next. Every wait is bounded by ``Configuration/connectTimeout`` or
/// ``Configuration/commandTimeout``, and cancelling the calling task closes the connection.
///
/// Messages with several recipients are all-or-nothing: if the server refuses any `RCPT TO`, the
/// transaction is abandoned and nobody gets the message, so a retry cannot duplicate it for the
/// recipients that had been accepted.
///
/// ```swift
/// let smtp = try SMTPTransport(configuration: .init(
///     host: "smtp.example.com", security: .startTLS,
///     credentials: .init(username: "portal", password: secret), heloName: "portal.example.com"))
/// try await smtp.send(message)
/// ```
public struct SMTPTransport: MailTransport {
    /// The settings this transport was created with.
    public let configuration: Configuration
    private let tls: SMTPConnection.TLSSetup?
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger

    /// Creates a transport after checking the configuration and loading the TLS settings.
    ///
    /// Creating it makes no connection; problems with the server show up on the first send.
    ///
    /// - Parameters:
    ///   - eventLoopGroup: where the connections run; the process-wide NIO group by default.
    ///   - logger: receives the dialogue and failures at `debug` level (credentials never
    ///     appear), deliveries at `info`, and a `notice` when `.startTLSIfAvailable` goes on
    ///     without TLS. Failures are not logged above `debug`: they are thrown to the caller.
    /// - Throws: ``MailError`` of kind ``MailError/Kind/invalidConfiguration`` if a setting is
    ///   unusable, for example an unreadable CA certificate file, or credentials with
    ///   ``Configuration/Security/none`` without ``Configuration/allowsCredentialsWithoutTLS``.
    public init(
        configuration: Configuration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "portal.mail.smtp")
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.tls = configuration.security == .none ? nil : try Self.makeTLSSetup(configuration)
    }

    /// Delivers `message` in one SMTP transaction on a new connection.
    ///
    /// Returns once the server has accepted the message for every recipient.
    ///
    /// - Throws: ``MailError``; see its documentation for how to tell permanent, temporary and
    ///   configuration failures apart.
    public func send(_ message: MailMessage) async throws {
        var logger = self.logger
        logger[metadataKey: "smtp.server"] = "\(configuration.server)"
        logger[metadataKey: "mail.message-id"] = "\(message.messageID)"

        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.connect(
                host: configuration.host,
                port: configuration.port,
                implicitTLS: configuration.security == .implicitTLS ? tls : nil,
                connectTimeout: configuration.connectTimeout,
                group: eventLoopGroup
            )
        } catch {
            throw MailError(
                .connectionFailed,
                "could not connect to SMTP server \(configuration.server): \(Self.describeConnectError(error, configuration))"
            )
        }

        try await withTaskCancellationHandler {
            var session = SMTPSession(connection: connection, configuration: configuration, tls: tls, logger: logger)
            do {
                try await session.deliver(message)
            } catch {
                await session.quitAndClose()
                // Debug only: the caller gets the error and decides whether it is worth a warning (a retry may follow).
                logger.debug("mail not delivered", metadata: ["error": "\(error)"])
                throw error
            }
            await session.quitAndClose()
            logger.info("mail delivered", metadata: ["mail.recipients": "\(message.to.count)"])
        } onCancel: {
            connection.channel.close(promise: nil)
        }
    }

    private static func makeTLSSetup(_ configuration: Configuration) throws -> SMTPConnection.TLSSetup {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.additionalTrustedCACertificateFile {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw MailError.invalidConfiguration(
                    "the CA certificate file \(file) for SMTP server \(configuration.server) does not exist or cannot be read"
                )
            }
            tlsConfiguration.additionalTrustRoots = [.file(file)]
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tlsConfiguration)
        } catch {
            throw MailError.invalidConfiguration(
                "could not set up TLS for SMTP server \(configuration.server)"
                    + (configuration.additionalTrustedCACertificateFile.map { " with the CA certificate file \($0)" } ?? "")
                    + ": \(error)"
            )
        }
        let name = configuration.tlsServerName ?? configuration.host
        // SNI may only carry host names; for an IP address NIOSSL checks the certificate against the peer's address.
        let isIPAddress = (try? SocketAddress(ipAddress: name, port: 0)) != nil
        return SMTPConnection.TLSSetup(context: context, serverHostname: isIPAddress ? nil : name)
    }

    private static func describeConnectError(_ error: any Error, _ configuration: Configuration) -> String {
        switch error {
        case ChannelError.connectTimeout:
            return "no connection within \(configuration.connectTimeout)"
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return "\(first.error) (\(first.target))" }
            if let dns = error.dnsAError ?? error.dnsAAAAError { return "could not resolve \(configuration.host): \(dns)" }
            return "could not resolve \(configuration.host) to any address"
        default:
            return "\(error)"
        }
    }
}
