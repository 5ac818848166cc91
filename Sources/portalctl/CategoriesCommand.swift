import ArgumentParser
import Foundation
import PortalAPI

struct CategoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categories", abstract: "Ticket categories and their forms (works with the server running or stopped).",
        discussion: """
        A form is a JSON file: an array of fields (or {"fields": [...]}). A field has an id (lower-case letters, digits, \
        underscores), a label, a kind (text, longText, number, date, singleChoice, multiChoice, email, file), and optionally \
        required, options (for choices), maxLength, help, and showWhen {"field": ID, "equals": VALUE}.
        """,
        subcommands: [List.self, Create.self, SetForm.self, Rename.self, Retire.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "All categories, retired ones too.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON.") var json = false
        func run() async throws { try await AdminRunner.run(.listCategories, global: global, json: json, jsonDetail: "json") }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a category with its form.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The category id: lower-case letters, digits and dashes, e.g. billing.") var id: String
        @Option(help: "The name customers see.") var name: String
        @Option(help: "A sentence on what belongs here.") var description: String = ""
        @Option(help: "The form: a JSON file of fields (see `portalctl categories --help`).") var form: String?
        @Flag(help: "JSON.") var json = false
        func run() async throws {
            try await AdminRunner.run(.createCategory(id: id, name: name, description: description, fields: try readForm(form)), global: global, json: json)
        }
    }

    struct SetForm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-form", abstract: "Replace a category's form (tickets opened before keep theirs).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The category id.") var id: String
        @Argument(help: "The form: a JSON file of fields.") var form: String
        @Flag(help: "JSON.") var json = false
        func run() async throws { try await AdminRunner.run(.changeCategoryForm(id: id, fields: try readForm(form)), global: global, json: json) }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Change a category's name or description.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The category id.") var id: String
        @Option(help: "The new name.") var name: String
        @Option(help: "The new description (unchanged when left out).") var description: String?
        @Flag(help: "JSON.") var json = false
        func run() async throws { try await AdminRunner.run(.renameCategory(id: id, name: name, description: description), global: global, json: json) }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retire", abstract: "Take no new tickets in a category (its tickets stay).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The category id.") var id: String
        @Flag(help: "JSON.") var json = false
        func run() async throws { try await AdminRunner.run(.retireCategory(id: id), global: global, json: json) }
    }
}

/// Reads a form file (or none: an empty form), with a message that names the file.
func readForm(_ path: String?) throws -> String {
    guard let path else { return "[]" }
    do {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes[.size] as? Int, size > 1 << 20 { throw ValidationError("\(path) is larger than 1 MiB; a form file is a short JSON list of fields") }
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch let e as ValidationError {
        throw e
    } catch {
        throw ValidationError("cannot read the form file \(path): \(error.localizedDescription)")
    }
}

struct AnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics", abstract: "Figures for analysts, from the projections (works with the server running or stopped).",
        subcommands: [CSAT.self, SelfService.self, LowRated.self, Tutorials.self, Chat.self])

    struct CSAT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "csat", abstract: "Customer satisfaction: ratings by category, agent or period.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var days: DayRange
        @Option(help: "Group by category, agent, day, week, month or none.") var by: String = "category"
        @Option(help: "Only this category.") var category: String?
        @Option(help: "Only this agent (account id).") var agent: String?
        @Flag(help: "JSON.") var json = false

        func validate() throws {
            guard CSATReports.groupings.contains(by) else { throw ValidationError("--by must be one of \(CSATReports.groupings.joined(separator: ", "))") }
        }

        func run() async throws {
            try await AdminRunner.run(.csat(from: days.start, to: days.end,
                                            groupBy: by, category: category, agent: agent),
                                      global: global, json: json, jsonDetail: "json")
        }
    }

    struct SelfService: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "self-service", abstract: "Knowledge-base use: views, searches, searches that found nothing, click-through, helpful %, deflection.",
            discussion: "Every figure is defined in docs/analytics.md. Without dates: the last 30 days.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var days: DayRange
        @Option(help: "Only items in this knowledge-base category and its subcategories.") var category: String?
        @Flag(help: "JSON.") var json = false


        func run() async throws {
            try await AdminRunner.run(.selfService(from: days.start, to: days.end,
                                                   category: category),
                                      global: global, json: json, jsonDetail: "json")
        }
    }

    struct LowRated: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "low-rated", abstract: "Articles and FAQ entries readers found unhelpful, worst first, with their reasons.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only items with at least this many votes.") var minVotes: Int = 1
        @Flag(help: "JSON (with the latest comments).") var json = false
        func run() async throws { try await AdminRunner.run(.lowRated(minimumVotes: max(1, minVotes)), global: global, json: json, jsonDetail: "json") }
    }

    struct Tutorials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tutorials", abstract: "Tutorial completion funnels: started, each step viewed and completed, drop-off, completed, ratings.",
            discussion: "Learners count in the period they started in. Without dates: all time. Defined in docs/tutorials.md.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var days: DayRange
        @Flag(help: "JSON.") var json = false


        func run() async throws {
            try await AdminRunner.run(.tutorialFunnels(from: days.start, to: days.end),
                                      global: global, json: json, jsonDetail: "json")
        }
    }

    struct Chat: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chat", abstract: "The chat assistant: containment, handoffs, fallbacks, helpfulness, tickets, top intents, waits, per day.",
            discussion: "Days are UTC; a conversation counts on the day it started. Defined in docs/chat.md, \"Analytics\".")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var days: DayRange
        @Flag(help: "JSON.") var json = false


        func run() async throws { try await AdminRunner.run(.chatAnalytics(from: days.from, to: days.to), global: global, json: json, jsonDetail: "json") }
    }
}

/// `--from DAY --to DAY` of the analytics commands: inclusive days like 2026-11-25.
struct DayRange: ParsableArguments {
    @Option(help: "From this day (2026-11-01), inclusive.") var from: String?
    @Option(help: "To this day, inclusive.") var to: String?

    func validate() throws {
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, CSATReports.day(value) == nil { throw ValidationError("\(flag) must be a date like 2026-11-25") }
        }
    }

    /// The start of `from`, or nil.
    var start: Date? { from.flatMap(CSATReports.day) }
    /// The end of `to` (the next day's start), or nil.
    var end: Date? { to.flatMap(CSATReports.day).map { $0.addingTimeInterval(86400) } }
}
