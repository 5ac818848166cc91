import Foundation
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
    public var from = "Customer Portal <no-reply@customer-portal.localhost>"

    public init() {}
}

import Logging
import Mail

extension MailSettings {
    /// The sender address, checked.
    func sender() throws -> MailAddress {
        let text = from.trimmingCharacters(in: .whitespaces)
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return try MailAddress(String(text[text.index(after: open)..<text.index(before: text.endIndex)]), displayName: name.isEmpty ? nil : name)
        }
        return try MailAddress(text)
    }

    /// SMTP when a host is set, otherwise .eml files in the mail folder (default `<data>/mail`).
    func transport(dataFolder: String, heloName: String, logger: Logger) throws -> any MailTransport {
        guard let host = smtpHost else { return MailFolderTransport(folder: folder ?? dataFolder + "/mail") }
        let security: SMTPTransport.Configuration.Security =
            switch smtpSecurity {
            case .none: .none
            case .startTLS: .startTLS
            case .startTLSIfAvailable: .startTLSIfAvailable
            case .implicitTLS: .implicitTLS
            }
        let credentials = smtpUsername.map { SMTPTransport.Configuration.Credentials(username: $0, password: smtpPassword ?? "") }
        return try SMTPTransport(
            configuration: .init(host: host, port: smtpPort, security: security, credentials: credentials, heloName: heloName,
                                 additionalTrustedCACertificateFile: smtpTrustedCA),
            logger: logger)
    }
}
