import ArgumentParser
import EventStore
import Foundation
import Logging
import PortalAPI

/// Runs an admin operation where it can run: on the live server through its admin socket, or — when no
/// server holds the folder — on the data folder directly.
enum AdminRunner {
    /// With `jsonDetail`, `--json` prints that detail (a JSON document) instead of the summary object.
    static func run(_ operation: AdminOperation, global: GlobalOptions, json: Bool, jsonDetail: String? = nil) async throws {
        _ = try await runReturning(operation, global: global, json: json, jsonDetail: jsonDetail)
    }

    /// Runs and prints like ``run(_:global:json:jsonDetail:)``, and hands back the outcome's details.
    @discardableResult
    static func runReturning(_ operation: AdminOperation, global: GlobalOptions, json: Bool, jsonDetail: String? = nil) async throws -> [String: String] {
        let client = AdminClient(path: AdminSocket.path(in: global.folder.path))
        let outcome: AdminOutcome
        do {
            if client.isServing {
                outcome = try client.perform(operation)
            } else {
                outcome = try await reportingErrors { try await offline(operation, global: global) }
            }
        } catch let failure as AdminClient.Failure {
            printError("portalctl: \(failure)")
            throw ExitCode.failure
        }
        if json, let jsonDetail, let document = outcome.details[jsonDetail] {
            print(document)
        } else if json {
            let data = try JSONSerialization.data(withJSONObject: ["message": outcome.message, "details": outcome.details], options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(outcome.message)
        }
        return outcome.details
    }

    private static func offline(_ operation: AdminOperation, global: GlobalOptions) async throws -> AdminOutcome {
        guard global.folder.exists else { throw EventStoreError.dataFolderMissing(path: global.folder.path) }
        var config = PortalConfiguration()
        config.dataFolder = global.data
        config.keyFile = global.keyFile
        config.hashingThreads = 1
        config.passwordCost = .owaspMinimum
        // With a model the semantic vectors exist here too, so `rebuild semantic-vectors` works offline.
        config.modelFolder = ModelOption.resolved()
        var logger = Logger(label: "portalctl")
        logger.logLevel = .warning
        let portal = try await Portal.open(config, logger: logger)
        do {
            let outcome = try await AdminOperations(portal: portal).perform(operation)
            await portal.shutdown()
            return outcome
        } catch {
            await portal.shutdown()
            printError("portalctl: \(error)")
            throw ExitCode.failure
        }
    }
}
