import ArgumentParser
import PortalAPI

struct EraseSubjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase-subject",
        abstract: "Crypto-shred a customer's personal data (works with the server running or stopped).",
        discussion: "Deletes the account's key so its sealed data can never be read again, records the erasure, ends its sessions and releases its e-mail address. The log is not rewritten.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Account id (a UUID, or account-<uuid>) or e-mail address.")
    var id: String

    @Flag(help: "One JSON object.") var json = false

    func run() async throws { try await AdminRunner.run(.erase(id), global: global, json: json) }
}
