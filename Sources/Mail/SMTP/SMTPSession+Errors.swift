extension SMTPSession {
    /// A failure reply to `step`, classified by its code.
    ///
    /// - Parameter concernsMessage: true for the commands that carry this message (`MAIL FROM`,
    ///   `RCPT TO`, the data), where a 5xx means the message will never be accepted. A 5xx to any
    ///   other command means the server refuses this client, which an operator must fix.
    func rejection(_ reply: SMTPReply, step: String, concernsMessage: Bool) -> MailError {
        MailError(
            .rejected,
            "SMTP server \(server) refused \(step): \(reply)",
            reply: reply,
            isPermanent: reply.isPermanentFailure && concernsMessage,
            isConfigurationProblem: reply.isPermanentFailure && !concernsMessage
        )
    }

    /// A reply with a code other than the one `step` calls for: a rejection if it is a failure
    /// code, otherwise a protocol violation.
    func unexpected(_ reply: SMTPReply, step: String, expected: String) -> MailError {
        if reply.isTransientFailure || reply.isPermanentFailure {
            return rejection(reply, step: step, concernsMessage: false)
        }
        return MailError(
            .protocolViolation,
            "SMTP server \(server) answered \(step) with \(reply) where \(expected) was expected",
            reply: reply
        )
    }

    /// The connection failed while waiting for `awaited` ("the greeting", "the reply to EHLO").
    func failure(_ error: any Error, awaiting awaited: String, deliveryUncertain: Bool = false) -> MailError {
        if let error = error as? MailError { return error }
        let uncertainty =
            deliveryUncertain ? "; the server may have accepted the message anyway, so a resend could be a duplicate" : ""
        if Task.isCancelled {
            return MailError(
                .cancelled,
                "sending to SMTP server \(server) was cancelled while waiting for \(awaited)\(uncertainty)",
                deliveryUncertain: deliveryUncertain
            )
        }
        switch SMTPClientHandler.classify(error) {
        case .timedOut:
            return MailError(
                .timedOut,
                "SMTP server \(server) did not send \(awaited) within \(configuration.commandTimeout)\(uncertainty)",
                deliveryUncertain: deliveryUncertain
            )
        case .closed:
            return MailError(
                .connectionClosed,
                "SMTP server \(server) closed the connection while this client waited for \(awaited)\(uncertainty)",
                deliveryUncertain: deliveryUncertain
            )
        case .io(let description):
            return MailError(
                .connectionClosed,
                "the connection to SMTP server \(server) failed while waiting for \(awaited): \(description)\(uncertainty)",
                deliveryUncertain: deliveryUncertain
            )
        case .tls(let description):
            return MailError(
                .tlsFailed,
                "TLS with SMTP server \(server) failed (while waiting for \(awaited)): \(description); if the server's certificate is self-signed or from a private CA, set additionalTrustedCACertificateFile, and check that the certificate names \(configuration.tlsServerName ?? configuration.host)",
                isConfigurationProblem: true
            )
        case .protocolViolation(let description):
            return MailError(
                .protocolViolation,
                "SMTP server \(server) \(description) (while this client waited for \(awaited))\(uncertainty)",
                deliveryUncertain: deliveryUncertain
            )
        }
    }
}
