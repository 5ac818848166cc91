import ArgumentParser
import Foundation
import PortalAPI

/// `portalctl nlu train`: trains a candidate from the portal's intents and examples now, and prints the outcome as JSON.
struct NLUTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a candidate intent model from the portal's intents now; print the outcome as JSON.",
        discussion: """
        The candidate and the live model are scored on the same held-out examples; the candidate becomes live when its \
        accuracy is at least the live model's (docs/nlu.md, "Intents in the log"). Runs through the server's admin socket \
        when it is running, else on the data folder.
        """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await AdminRunner.run(.trainIntents, global: global, json: true, jsonDetail: "json")
    }
}

/// `portalctl nlu models`: the trained versions, newest first.
struct NLUModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List the intent model versions: figures, verdicts and which one is live.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON instead of the table.") var json = false

    func run() async throws {
        try await AdminRunner.run(.intentModels, global: global, json: json, jsonDetail: "json")
    }
}
