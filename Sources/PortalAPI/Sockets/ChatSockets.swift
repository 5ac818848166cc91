import Domain
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// The chat's WebSockets: `/ws/chat` for the widget (customers and anonymous visitors) and `/ws/agent` for the
/// agents' desk. Browsers authenticate with their session cookie; the upgrade is refused unless it comes from
/// the portal's own pages (`Origin` equal to the `Host`), so another site cannot open a socket with a customer's
/// cookie. Messages are JSON objects (``ChatSocketCommand`` in, ``ChatSocketEvent`` out; docs/chat.md).
struct ChatSockets {
    let portal: Portal
    static let maxFrame = 1 << 16

    func router() -> Router<ChatSocketContext> {
        let router = Router(context: ChatSocketContext.self)
        router.ws("/ws/chat", shouldUpgrade: { request, _ in Self.sameOrigin(request) ? .upgrade([:]) : .dontUpgrade }) { inbound, outbound, context in
            let user = await authenticate(context.request)
            try await CustomerChatSocket(service: portal.chat, account: user?.accountID, client: client(context), outbound: outbound,
                                         logger: context.logger).run(inbound)
        }
        router.ws("/ws/agent", shouldUpgrade: { request, _ in Self.sameOrigin(request) ? .upgrade([:]) : .dontUpgrade }) { inbound, outbound, context in
            guard let user = await authenticate(context.request), (try? portal.chat.isAgent(user.accountID)) == true else {
                try await outbound.write(.text(ChatSocketEvent.error(status: 403, title: "Not allowed", detail: "The chat desk is for agents.").text))
                try await outbound.close(.policyViolation, reason: "agents only")
                return
            }
            try await AgentDeskSocket(service: portal.chat, agent: user.accountID, client: client(context), outbound: outbound,
                                      logger: context.logger).run(inbound)
        }
        return router
    }

    /// The browser's page and the socket are on the same origin (scheme-less comparison of host and port).
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin], let url = URL(string: origin), let host = url.host,
              let requestHost = request.head.authority else { return false }
        let originAuthority = url.port.map { "\(host):\($0)" } ?? host
        return originAuthority.lowercased() == requestHost.lowercased()
    }

    func authenticate(_ request: Request) async -> AuthenticatedUser? {
        guard let access = request.cookies[SessionCookie.name]?.value else { return nil }
        return try? await BearerAuthMiddleware.authenticate(access, tokens: portal.tokens, identity: portal.identity)
    }

    func client(_ context: WebSocketRouterContext<ChatSocketContext>) -> ClientContext {
        ClientContext(ip: context.requestContext.remoteAddress?.ipAddress, userAgent: context.request.headers[.userAgent], deviceID: nil)
    }

    /// An error as the socket reports it: the same status, title and message as the API's problem details.
    static func event(for error: any Error) -> ChatSocketEvent {
        switch error {
        case let p as ProblemDetails: .error(status: p.code, title: p.title, detail: p.detail)
        case let v as ValidationFailure: .error(status: 422, title: "Some fields need attention", detail: v.errors.map(\.message).joined(separator: " "))
        case let f as FieldError: .error(status: 422, title: "Some fields need attention", detail: f.message)
        case let r as RateLimited: .error(status: 429, title: "Too many requests", detail: "Please wait \(r.retryAfter) seconds.")
        case DomainError.notFound(let what): .error(status: 404, title: "Not found", detail: "No such \(what).")
        case DomainError.rejected(let why): .error(status: 409, title: "Not possible now", detail: why)
        case is DecodingError: .error(status: 400, title: "The message could not be read", detail: "Send a JSON object with a `type`.")
        default: .error(status: 500, title: "Something went wrong", detail: "Please try again.")
        }
    }
}

/// Reads text frames as commands until the socket closes, while the hub's updates are written out.
protocol ChatSocketSession: Sendable {
    var outbound: WebSocketOutboundWriter { get }
    var logger: Logger { get }
    func handle(_ command: ChatSocketCommand) async throws
}

extension ChatSocketSession {
    func send(_ event: ChatSocketEvent) async throws { try await outbound.write(.text(event.text)) }

    func readCommands(_ inbound: WebSocketInboundStream) async throws {
        for try await message in inbound.messages(maxSize: ChatSockets.maxFrame) {
            guard case .text(let text) = message else { continue }
            do {
                let command = try JSONDecoder().decode(ChatSocketCommand.self, from: Data(text.utf8))
                try await handle(command)
            } catch {
                if !(error is DomainError || error is FieldError || error is ValidationFailure || error is ProblemDetails || error is RateLimited
                     || error is DecodingError) {
                    logger.warning("chat socket command failed: \(error)")
                }
                try await send(ChatSockets.event(for: error))
            }
        }
    }
}
