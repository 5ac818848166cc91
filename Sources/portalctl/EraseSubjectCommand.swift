import ArgumentParser
import Domain
import EventStore
import Foundation
import Logging
import PortalAPI

struct EraseSubjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase-subject",
        abstract: "Crypto-shred a customer's personal data (with the server stopped).",
        discussion: "Deletes the account's key so its sealed data can never be read again, records the erasure and releases its e-mail address. The log is not rewritten.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Account id (a UUID, or account-<uuid>).")
    var id: String

    func run() async throws {
        guard let account = AccountID(id) ?? AccountID(stream: id) else {
            printError("portalctl: '\(id)' is not an account id (expected a UUID or account-<uuid>)")
            throw ExitCode.validationFailure
        }
        try await reportingErrors {
            guard global.folder.exists else { throw EventStoreError.dataFolderMissing(path: global.folder.path) }
            var config = PortalConfiguration()
            config.dataFolder = global.data
            config.keyFile = global.keyFile
            config.hashingThreads = 1
            config.passwordCost = .owaspMinimum
            let portal = try await Portal.open(config, logger: Logger(label: "portalctl"))
            do {
                let position = try await portal.identity.erase(account, by: "portalctl")
                print("erased \(account.stream) at position \(position); its personal data can no longer be read")
            } catch let e as DomainError {
                await portal.shutdown()
                switch e {
                case .notFound: printError("portalctl: no account \(account)")
                case .rejected(let why): printError("portalctl: \(why)")
                }
                throw ExitCode.failure
            }
            await portal.shutdown()
        }
    }
}
