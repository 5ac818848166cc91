extension SMTPTransport {
    /// Where and how to reach the SMTP server (usually the organisation's submission server).
    public struct Configuration: Sendable {
        /// How the connection is protected.
        public enum Security: Sendable, Hashable {
            /// Plain text throughout. Only for a relay on the same host or a trusted network.
            case none
            /// Upgrade with `STARTTLS` (usually port 587) and fail if the server does not offer it.
            case startTLS
            /// Upgrade with `STARTTLS` if the server offers it, otherwise go on in plain text.
            /// If the server offers it but TLS then fails, the send fails: there is no silent
            /// fallback. An active attacker can hide the offer, so credentials are still never
            /// sent in plain text unless ``Configuration/allowsCredentialsWithoutTLS`` says so.
            case startTLSIfAvailable
            /// TLS from the first byte ("SMTPS", usually port 465).
            case implicitTLS
        }

        /// A user name and password for SMTP `AUTH` (`PLAIN`, or `LOGIN` if `PLAIN` is not offered).
        public struct Credentials: Sendable, Hashable, CustomStringConvertible {
            public var username: String
            public var password: String

            public init(username: String, password: String) {
                self.username = username
                self.password = password
            }

            /// The user name only, so credentials can be logged without leaking the password.
            public var description: String { "\(username) (password hidden)" }
        }

        /// The server's host name or IP address.
        public var host: String
        /// The server's port.
        public var port: Int
        /// How the connection is protected; see ``Security``.
        public var security: Security
        /// Credentials for `AUTH`, or nil to send without authenticating.
        public var credentials: Credentials?
        /// Allows sending ``credentials`` over an unencrypted connection. Off by default; turn it
        /// on only for a server on the same host or a network you trust.
        public var allowsCredentialsWithoutTLS: Bool
        /// The name this client gives in `EHLO`; ideally the portal's own public host name, since
        /// some servers check it.
        public var heloName: String
        /// How long to wait for the TCP connection.
        public var connectTimeout: Duration
        /// How long to wait for each reply, including the one that confirms the message.
        public var commandTimeout: Duration
        /// A PEM file of CA certificates to trust in addition to the system's, for a server whose
        /// certificate comes from a private CA or is self-signed. Verification is never turned off.
        public var additionalTrustedCACertificateFile: String?
        /// The name to verify the server's certificate against, and to send as SNI; defaults to
        /// ``host``. Set it when ``host`` is an IP address but the certificate names a host.
        public var tlsServerName: String?

        /// Creates a configuration.
        ///
        /// - Parameter port: defaults to 465 for ``Security/implicitTLS``, 25 for ``Security/none``,
        ///   and 587 (submission) otherwise.
        public init(
            host: String,
            port: Int? = nil,
            security: Security = .startTLS,
            credentials: Credentials? = nil,
            allowsCredentialsWithoutTLS: Bool = false,
            heloName: String = "localhost",
            connectTimeout: Duration = .seconds(10),
            commandTimeout: Duration = .seconds(60),
            additionalTrustedCACertificateFile: String? = nil,
            tlsServerName: String? = nil
        ) {
            self.host = host
            self.port = port ?? Self.defaultPort(for: security)
            self.security = security
            self.credentials = credentials
            self.allowsCredentialsWithoutTLS = allowsCredentialsWithoutTLS
            self.heloName = heloName
            self.connectTimeout = connectTimeout
            self.commandTimeout = commandTimeout
            self.additionalTrustedCACertificateFile = additionalTrustedCACertificateFile
            self.tlsServerName = tlsServerName
        }

        /// The usual port for `security`.
        public static func defaultPort(for security: Security) -> Int {
            switch security {
            case .implicitTLS: 465
            case .none: 25
            case .startTLS, .startTLSIfAvailable: 587
            }
        }

        /// `host:port`, as error messages name the server.
        var server: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

        /// Refuses settings that could only fail, or that would put text into a command line.
        func validate() throws {
            let invalid = { (reason: String) in MailError.invalidConfiguration("SMTP configuration for \(server): \(reason)") }
            let isToken = { (text: String) in
                !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
            }
            guard isToken(host) else { throw invalid("the host must be a host name or IP address") }
            guard (1...65535).contains(port) else { throw invalid("the port must be between 1 and 65535") }
            guard isToken(heloName) else { throw invalid("the HELO name must be a host name without spaces") }
            guard connectTimeout > .zero, commandTimeout > .zero else { throw invalid("timeouts must be positive") }
            if let tlsServerName, !isToken(tlsServerName) { throw invalid("the TLS server name must be a host name") }
            if let credentials {
                // AUTH PLAIN separates the fields with NUL bytes, so a NUL inside one would shift them.
                guard !credentials.username.isEmpty, !credentials.username.contains("\0"), !credentials.password.contains("\0")
                else { throw invalid("the user name must not be empty, and neither it nor the password may contain NUL") }
                if security == .none && !allowsCredentialsWithoutTLS {
                    throw invalid(
                        "credentials are set but security is .none, so they would travel unencrypted; use .startTLS or .implicitTLS, or set allowsCredentialsWithoutTLS for a trusted network"
                    )
                }
            }
        }
    }
}
