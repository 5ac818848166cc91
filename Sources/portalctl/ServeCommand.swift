import ArgumentParser
import EventStore
import Foundation
import Hummingbird
import Logging
import Metrics
import PortalAPI
import Prometheus

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the portal's HTTP server.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to listen on (env PORTAL_HOST).")
    var host: String = ProcessInfo.processInfo.environment["PORTAL_HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on (env PORTAL_PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["PORTAL_PORT"] ?? "") ?? 8080

    @Option(name: .customLong("password-cost"), help: "Argon2id cost: standard (t=2, 64 MiB) or minimum (OWASP's floor: t=2, 19 MiB) (env PORTAL_PASSWORD_COST).")
    var passwordCost: String = ProcessInfo.processInfo.environment["PORTAL_PASSWORD_COST"] ?? "standard"

    @Flag(name: .customLong("insecure-cookies"), help: "Send cookies without the Secure attribute (only for plain HTTP under a name other than localhost).")
    var insecureCookies = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (env LOG_LEVEL).")
    var logLevel: String = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard ["standard", "minimum"].contains(passwordCost) else { throw ValidationError("--password-cost must be 'standard' or 'minimum'") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error") }
    }

    func run() async throws {
        var config = PortalConfiguration()
        config.host = host
        config.port = port
        config.dataFolder = global.data
        config.keyFile = global.keyFile
        config.passwordCost = passwordCost == "minimum" ? .owaspMinimum : .standard
        config.secureCookies = !insecureCookies
        config.logLevel = Logger.Level(rawValue: logLevel) ?? .info

        let level = config.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "portal")

        let portal = try await reportingErrors { try await Portal.open(config, registry: registry, logger: logger) }
        logger.info("data folder \(portal.store.folder.path), log at position \(portal.store.lastPosition)")
        let app = buildApplication(portal: portal, logger: logger)
        try await app.runService()
    }
}
