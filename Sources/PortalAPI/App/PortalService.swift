import ServiceLifecycle

/// Ties the portal's shutdown to the application's lifecycle: on SIGTERM/SIGINT the server stops
/// accepting requests, then projections write their checkpoints and the log is closed.
struct PortalService: Service {
    let portal: Portal

    func run() async throws {
        try? await gracefulShutdown()
        await portal.shutdown()
    }
}
