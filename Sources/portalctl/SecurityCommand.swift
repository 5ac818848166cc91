import ArgumentParser
import Foundation
import PortalAPI

struct SecurityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "security", abstract: "Security alerts and risk-signal rates (works with the server running or stopped).",
        subcommands: [Alerts.self, Signals.self])

    struct Alerts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "alerts", abstract: "Suspicious sign-ins and credential-stuffing sources, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only alerts at or after this time (ISO 8601).") var since: String?
        @Option(help: "At most this many.") var limit: Int = 50
        @Flag(help: "JSON.") var json = false

        func validate() throws {
            if let since, SecurityReports.parseDate(since) == nil { throw ValidationError("--since must be an ISO 8601 date like 2026-11-25") }
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        }

        func run() async throws {
            try await AdminRunner.run(.securityAlerts(since: since.flatMap(SecurityReports.parseDate), limit: limit), global: global, json: json, jsonDetail: "json")
        }
    }

    struct Signals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "signals", abstract: "How often each risk signal fired, per day and as a share of sign-in attempts.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Days to look back.") var days: Int = 30
        @Flag(help: "JSON.") var json = false

        func validate() throws { guard (1...3650).contains(days) else { throw ValidationError("--days must be between 1 and 3650") } }

        func run() async throws { try await AdminRunner.run(.securitySignals(days: days), global: global, json: json, jsonDetail: "json") }
    }
}
