/// Outgoing mail: where it goes and who it is from.
public struct MailSettings: Sendable {
    public enum Security: String, Sendable { case none, startTLS = "starttls", startTLSIfAvailable = "starttls-if-available", implicitTLS = "tls" }

    /// `nil`: write .eml files into `folder` (default `<data>/mail`) instead of sending.
    public var smtpHost: String?
    public var smtpPort = 587
    public var smtpSecurity = Security.startTLS
    public var smtpUsername: String?
    public var smtpPassword: String?
    /// A CA certificate (PEM) to trust in addition to the system's, e.g. for an internal relay.
    public var smtpTrustedCA: String?
    /// Folder for .eml files when no SMTP host is set.
    public var folder: String?
    public var from = "Customer Portal <no-reply@localhost>"

    public init() {}
}
