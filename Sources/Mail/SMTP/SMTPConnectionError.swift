/// How the connection to the server failed, before it is put into words with the server's name
/// and the command that was under way (see ``SMTPSession``).
enum SMTPConnectionError: Error, Sendable, Equatable {
    /// No reply within the command timeout.
    case timedOut
    /// The server closed the connection.
    case closed
    /// The TLS layer failed; the text is NIOSSL's description (certificate, handshake).
    case tls(String)
    /// A socket error.
    case io(String)
    /// The server's bytes are not valid SMTP; the text says how.
    case protocolViolation(String)
}
