/// Something that delivers mail: an SMTP relay, a folder on disk, or a test double.
///
/// A transport delivers one message per call and either returns after the message has been
/// handed over durably (accepted by the server, or written and synced to disk) or throws a
/// ``MailError`` that says whether retrying can help. Transports are `Sendable` and may be called
/// concurrently from several tasks.
public protocol MailTransport: Sendable {
    /// Delivers `message` to all of its recipients.
    ///
    /// - Throws: ``MailError``; use ``MailError/isPermanent``, ``MailError/isConfigurationProblem``
    ///   and ``MailError/deliveryUncertain`` to decide whether and how to retry.
    func send(_ message: MailMessage) async throws
}
