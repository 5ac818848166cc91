import Foundation

/// A sign-in ready to start: send the browser to ``url`` and keep ``pending`` server-side.
public struct OIDCAuthorizationRequest: Sendable, Hashable {
    /// The provider's authorization endpoint with all parameters; answer with a 302/303 to it.
    public var url: URL
    /// The values to store until the callback arrives; look it up by ``OIDCPendingAuthorization/state``
    /// or keep it in the browser's session.
    public var pending: OIDCPendingAuthorization
}
