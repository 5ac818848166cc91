import Foundation
import Hummingbird
import NIOCore

/// The request context of every portal route: where the request came from, and the body limit.
public struct PortalRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Set by the bearer-token middleware once a token has been verified.
    public var identity: AuthenticatedUser?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        identity = nil
    }

    /// Bodies are read only up to this size (a larger one answers 413). JSON routes apply their own, smaller limit.
    public var maxUploadSize: Int { 1 << 20 }

    /// JSON answers with sorted keys and ISO 8601 dates, so equal answers are equal byte for byte.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The client's IP address as seen on the connection (nil in in-process tests).
    public var clientIP: String? { remoteAddress?.ipAddress }
}
