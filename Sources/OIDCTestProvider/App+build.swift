import Foundation
import Hummingbird
import Logging

/// Builds the provider's HTTP application; `onListening` receives the bound port.
func buildApplication(
    state: ProviderState, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void
) -> some ApplicationProtocol {
    let router = Router(context: BasicRequestContext.self)
    router.addMiddleware { LogRequestsMiddleware(.info) }
    router.addRoutes(DiscoveryController(state: state).endpoints)
    router.addRoutes(AuthorizeController(state: state).endpoints)
    router.addRoutes(TokenController(state: state).endpoints)
    router.addRoutes(TestHooksController(state: state).endpoints, atPath: "test")
    let options = state.options
    return Application(
        router: router,
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "portal-oidc-test-provider"),
        onServerRunning: { channel in
            await onListening(channel.localAddress?.port ?? options.port)
        },
        logger: logger
    )
}
