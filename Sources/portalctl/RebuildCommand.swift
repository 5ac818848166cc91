import ArgumentParser
import PortalAPI

struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Rebuild projections from the start of the log (works with the server running or stopped).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Projection to rebuild.")
    var name: String?

    @Flag(help: "Rebuild every projection.")
    var all = false

    @Flag(help: "One JSON object.") var json = false

    func validate() throws {
        guard all != (name != nil) else { throw ValidationError("give a projection name or --all (known: \(PortalProjections.names.joined(separator: ", ")))") }
    }

    func run() async throws { try await AdminRunner.run(.rebuild(name.map { [$0] } ?? []), global: global, json: json) }
}
