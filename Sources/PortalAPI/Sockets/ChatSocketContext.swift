import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of the WebSocket routes: where the upgrade came from. Who is behind it is read from the
/// session cookie once the socket is open (``ChatSockets``).
public struct ChatSocketContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket = WebSocketHandlerReference<Self>()
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
