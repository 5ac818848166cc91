import NIOCore
import NIOPosix
import NIOSSL

/// One TCP (and perhaps TLS) connection to an SMTP server, driven from async code.
///
/// The handler is confined to the channel's event loop; every access goes through
/// `eventLoop.submit`, and `NIOLoopBound` makes that confinement checkable.
struct SMTPConnection: Sendable {
    /// What TLS needs: the shared context and the name to send as SNI and to verify, nil for IP addresses.
    struct TLSSetup: Sendable {
        let context: NIOSSLContext
        let serverHostname: String?
    }

    let channel: any Channel
    private let handler: NIOLoopBound<SMTPClientHandler>

    /// Connects to `host:port`; with `implicitTLS`, TLS starts as soon as the connection is up.
    static func connect(
        host: String,
        port: Int,
        implicitTLS: TLSSetup?,
        connectTimeout: Duration,
        group: any EventLoopGroup
    ) async throws -> SMTPConnection {
        // The handler comes back from the initializer rather than being looked up in the pipeline
        // afterwards: a server that sends garbage at once gets the channel closed, and a lookup
        // would then fail as if the connection had never been made.
        let (channel, handler) = try await ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(connectTimeout))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        let tls = try NIOSSLClientHandler(context: implicitTLS.context, serverHostname: implicitTLS.serverHostname)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    let handler = SMTPClientHandler(eventLoop: channel.eventLoop)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    return (channel, NIOLoopBound(handler, eventLoop: channel.eventLoop))
                }
            }
        return SMTPConnection(channel: channel, handler: handler)
    }

    /// Waits for the next reply, such as the greeting.
    func nextReply(timeout: Duration) async throws -> SMTPReply {
        try await channel.eventLoop.flatSubmit { [handler] in
            handler.value.nextReply(timeout: TimeAmount(timeout))
        }.get()
    }

    /// Sends `bytes` (a command line with its CRLF, or the message data) and waits for the reply.
    ///
    /// A failed write closes the channel, which fails the wait at once instead of at the timeout.
    func send(_ bytes: ByteBuffer, timeout: Duration) async throws -> SMTPReply {
        channel.writeAndFlush(bytes).whenFailure { [channel] _ in channel.close(promise: nil) }
        return try await nextReply(timeout: timeout)
    }

    /// Puts TLS under the SMTP handler, after the server's 220 reply to `STARTTLS`.
    ///
    /// Refuses to go on if the server sent anything after that reply: such bytes were sent in
    /// plain text and could have been injected by an attacker to be read as if protected by TLS.
    func startTLS(_ setup: TLSSetup) async throws {
        try await channel.eventLoop.submit { [handler, channel] in
            guard !handler.value.hasUnconsumedInput else {
                throw SMTPConnectionError.protocolViolation(
                    "sent more data right after its reply to STARTTLS, before TLS began (a sign of STARTTLS command injection)"
                )
            }
            let tls = try NIOSSLClientHandler(context: setup.context, serverHostname: setup.serverHostname)
            try channel.pipeline.syncOperations.addHandler(tls, position: .first)
        }.get()
    }

    /// Closes the connection and waits until it is closed; closing twice is harmless.
    func close() async {
        try? await channel.close()
    }
}
