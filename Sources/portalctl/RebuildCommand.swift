import ArgumentParser
import EventStore
import Foundation
import Logging
import PortalAPI
import Projections

struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Rebuild projections from the start of the log (with the server stopped).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Projection to rebuild.")
    var name: String?

    @Flag(help: "Rebuild every projection.")
    var all = false

    func validate() throws {
        guard all != (name != nil) else { throw ValidationError("give a projection name or --all (known: \(PortalProjections.make().all.map(\.name).joined(separator: ", ")))") }
    }

    func run() async throws {
        try await reportingErrors {
            let projections = PortalProjections.make().all
            let chosen = all ? projections : projections.filter { $0.name == name }
            guard !chosen.isEmpty else {
                printError("portalctl: no projection named '\(name ?? "")'; known: \(projections.map(\.name).joined(separator: ", "))")
                throw ExitCode.failure
            }
            let store = try global.openForWriting()
            defer { store.close() }
            for p in chosen { try await store.resetCheckpoint(name: p.name) }
            let started = ContinuousClock.now
            let runner = ProjectionRunner(store: store, projections: chosen, logger: Logger(label: "portalctl"))
            try runner.start()
            _ = await runner.catchUp()
            await runner.stop()
            let elapsed = ContinuousClock.now - started
            for s in runner.status() {
                if let failure = s.failure {
                    printError("\(s.name): FAILED at \(s.position): \(failure)")
                    throw ExitCode.failure
                }
                print("\(s.name): rebuilt to position \(s.position)")
            }
            print("done in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .abbreviated)))")
        }
    }
}
