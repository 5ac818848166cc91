import Foundation

/// Why a message could not be built or delivered.
///
/// Every error carries a ``description`` written for the operator who reads the log ("SMTP server
/// smtp.example.com:587 refused RCPT TO <x@y>: 550 5.1.1 no such user"), and a classification the
/// outbox uses to decide what to do with the message:
///
/// - ``isPermanent``: this message will never be accepted as it is (malformed, or refused by the
///   server with a 5xx reply to `MAIL FROM`, `RCPT TO` or `DATA`). Retrying is pointless; record the
///   failure.
/// - ``isConfigurationProblem``: every message will fail until an operator changes the transport's
///   settings or the server's (TLS verification failed, credentials refused, STARTTLS required but
///   not offered). The message itself is fine: keep it, alert, and retry after the fix.
/// - neither: a temporary failure (4xx reply, connection refused or dropped, timeout, a full
///   disk). Retry later.
///
/// ``deliveryUncertain`` is true when the connection failed after the whole message had been sent
/// but before the server confirmed it. The server may have accepted it, so a retry can deliver it
/// twice; keep the same ``MailMessage/messageID`` so receivers can recognise the duplicate.
public struct MailError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure happened.
    public enum Kind: Sendable, Hashable {
        /// The message, an address or a header is malformed, or would allow header injection.
        case invalidMessage
        /// The transport's configuration is unusable (for example an unreadable CA certificate file).
        case invalidConfiguration
        /// No connection to the server could be made (refused, unreachable, name not resolved).
        case connectionFailed
        /// The server closed the connection before the dialogue was over.
        case connectionClosed
        /// The server did not answer within the configured timeout.
        case timedOut
        /// The TLS handshake failed, typically because the certificate could not be verified.
        case tlsFailed
        /// TLS is required but the server does not offer STARTTLS.
        case tlsUnavailable
        /// Credentials are configured but the connection is not encrypted, so they were not sent.
        case insecureAuthenticationRefused
        /// Credentials are configured but the server offers no mechanism this client supports.
        case authenticationUnavailable
        /// The server refused the credentials.
        case authenticationFailed
        /// The server answered a command with a failure reply; see ``MailError/reply``.
        case rejected
        /// The message is larger than the server's declared `SIZE` limit.
        case messageTooLarge
        /// The server's answer made no sense as SMTP.
        case protocolViolation
        /// The sending task was cancelled before the dialogue was over.
        case cancelled
        /// A message could not be written to the mail folder.
        case storageFailed
    }

    /// What kind of failure happened.
    public let kind: Kind
    /// The server's reply that caused the failure, when there was one.
    public let reply: SMTPReply?
    /// True when retrying cannot help: the message itself was refused or is malformed.
    public let isPermanent: Bool
    /// True when every message will fail until an operator changes a setting.
    public let isConfigurationProblem: Bool
    /// True when the server may have accepted the message although no confirmation arrived.
    public let deliveryUncertain: Bool
    /// What failed, in words an operator can act on.
    public let description: String

    /// Creates an error; transports in this module make them, and test doubles of
    /// ``MailTransport`` can too, to exercise a caller's retry logic.
    public init(
        _ kind: Kind,
        _ description: String,
        reply: SMTPReply? = nil,
        isPermanent: Bool = false,
        isConfigurationProblem: Bool = false,
        deliveryUncertain: Bool = false
    ) {
        self.kind = kind
        self.description = description
        self.reply = reply
        self.isPermanent = isPermanent
        self.isConfigurationProblem = isConfigurationProblem
        self.deliveryUncertain = deliveryUncertain
    }

    static func invalidMessage(_ description: String) -> MailError {
        MailError(.invalidMessage, description, isPermanent: true)
    }

    static func invalidConfiguration(_ description: String) -> MailError {
        MailError(.invalidConfiguration, description, isConfigurationProblem: true)
    }
}

extension MailError: LocalizedError {
    /// The same text as ``description``, for code that reports `localizedDescription`.
    public var errorDescription: String? { description }
}
