import NIOCore
import NIOSSL

/// Turns the server's bytes into replies and hands each one to the command waiting for it.
///
/// The client sends one command at a time (no PIPELINING), so at most one reply is awaited.
/// Replies that arrive while nobody waits are queued, which removes any race between writing a
/// command and registering for its reply. The first failure (close, socket or TLS error, timeout,
/// malformed reply) is remembered and fails every later wait, so nothing can wait forever.
/// Everything here runs on the channel's event loop.
final class SMTPClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private struct Waiter {
        let promise: EventLoopPromise<SMTPReply>
        let timeout: Scheduled<Void>
    }

    private let eventLoop: any EventLoop
    private var context: ChannelHandlerContext?
    private var parser = SMTPReplyParser()
    private var replies = CircularBuffer<SMTPReply>()
    private var waiter: Waiter?
    private var failure: SMTPConnectionError?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// True if the server sent bytes that no command has consumed yet.
    var hasUnconsumedInput: Bool { parser.hasUnconsumedInput || !replies.isEmpty }

    /// The next reply, failing with ``SMTPConnectionError/timedOut`` (and closing the channel)
    /// if none arrives within `timeout`.
    func nextReply(timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        eventLoop.preconditionInEventLoop()
        guard waiter == nil else {
            return eventLoop.makeFailedFuture(SMTPConnectionError.protocolViolation("was sent a command before the previous one was answered"))
        }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let timeoutTask = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] () -> Void in
            self?.timedOut()
        }
        waiter = Waiter(promise: promise, timeout: timeoutTask)
        deliver()
        return promise.futureResult
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        fail(.closed)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        parser.append(&bytes)
        do {
            while let reply = try parser.nextReply() { replies.append(reply) }
        } catch {
            fail(error)
            context.close(promise: nil)
            return
        }
        deliver()
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(Self.classify(error))
        context.close(promise: nil)
    }

    private func timedOut() {
        fail(.timedOut)
        // After a timeout the dialogue's state is unknown; a late reply must not be taken for the next command's.
        context?.close(promise: nil)
    }

    private func fail(_ error: SMTPConnectionError) {
        if failure == nil { failure = error }
        deliver()
    }

    /// Completes the waiting command with the oldest queued reply, or with the failure once no replies are left.
    private func deliver() {
        guard let waiter else { return }
        if let reply = replies.popFirst() {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.succeed(reply)
        } else if let failure {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.fail(failure)
        }
    }

    static func classify(_ error: any Error) -> SMTPConnectionError {
        switch error {
        case let error as SMTPConnectionError: error
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: .tls(String(describing: error))
        case let error as IOError: .io(error.description)
        default: .io(String(describing: error))
        }
    }
}

@available(*, unavailable)
extension SMTPClientHandler: Sendable {}
