import ArgumentParser
import Foundation
import PortalAPI

/// `portalctl nlu review`: the chat's learning queue, and labelling one of its messages.
struct NLUReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "List the messages the assistant was unsure about, did not understand, or whose answer did not help.",
        discussion: """
        Label one with `portalctl nlu review label CONVERSATION TURN INTENT` (or `out_of_scope`, or `dismiss`): a label \
        adds the message as a training example, sealed under its author's key; the next training (`portalctl nlu train`, \
        or the schedule) learns it and is promoted only if it is not worse (docs/chat.md, "The learning queue").
        """,
        subcommands: [List.self, Label.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The queue, oldest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "At most this many (1–500).") var limit = 100
        @Flag(help: "JSON.") var json = false
        func run() async throws {
            try await AdminRunner.run(.chatReviewQueue(limit: max(1, min(limit, 500))), global: global, json: json, jsonDetail: "json")
        }
    }

    struct Label: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "label", abstract: "Label a queued message with an intent, out_of_scope, or dismiss it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The conversation's id.") var conversation: String
        @Argument(help: "The message's turn number in it.") var turn: Int
        @Argument(help: "An intent's name, out_of_scope, or dismiss.") var label: String

        func validate() throws {
            guard UUID(uuidString: conversation) != nil else { throw ValidationError("CONVERSATION is a conversation id (a UUID), as `portalctl nlu review` lists it") }
            guard turn >= 1 else { throw ValidationError("TURN is 1 or more") }
        }

        func run() async throws {
            try await AdminRunner.run(.labelChatMessage(conversation: UUID(uuidString: conversation)!, turn: turn, label: label == "dismiss" ? nil : label),
                                      global: global, json: false)
        }
    }
}
