import ArgumentParser
import Foundation
import PortalAPI

struct ContentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content", abstract: "The knowledge base as a folder of Markdown files (works with the server running or stopped).",
        discussion: """
        The folder holds articles/<slug>.md and faq/<slug>.md, each with YAML front matter (title, summary, category, tags, \
        audience, status; FAQ entries also phrasings, article, order), plus categories.yml and an optional synonyms.yml. \
        Import writes only what differs: importing the same folder twice writes no new revision. See docs/knowledge-base.md.
        """,
        subcommands: [Import.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Bring the knowledge base in line with a folder.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The content folder.") var folder: String
        @Flag(help: "JSON.") var json = false
        func run() async throws {
            try await AdminRunner.run(.importContent(folder: URL(fileURLWithPath: folder).standardizedFileURL.path), global: global, json: json, jsonDetail: "json")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write every article and FAQ entry, the categories and synonyms to a folder.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The folder to write (created when missing).") var folder: String
        @Flag(help: "JSON.") var json = false
        func run() async throws {
            try await AdminRunner.run(.exportContent(folder: URL(fileURLWithPath: folder).standardizedFileURL.path), global: global, json: json)
        }
    }
}
