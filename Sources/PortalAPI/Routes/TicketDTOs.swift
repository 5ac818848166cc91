import Domain
import Foundation
import Hummingbird
import Projections

/// A form answer as JSON: a string, a number, true/false, or a list of strings (multi-choice).
struct FormAnswer: Decodable, Sendable {
    var values: [String]
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { values = [s] }
        else if let list = try? c.decode([String].self) { values = list }
        else if let n = try? c.decode(Double.self) { values = [n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)] }
        else if let b = try? c.decode(Bool.self) { values = [b ? "true" : "false"] }
        else { throw DecodingError.typeMismatch(String.self, .init(codingPath: c.codingPath, debugDescription: "a string, a number or a list of strings")) }
    }
}

struct OpenTicketDTO: Decodable {
    var categoryID: String
    var priority: String?
    var subject: String
    var description: String
    var fields: [String: FormAnswer]?
}

struct CommentDTO: Decodable {
    var body: String
    /// Agents only: an internal note, never shown to the customer.
    var `internal`: Bool?
    /// Agents: set this status together with the reply (one mail to the customer).
    var status: String?
}

struct StatusDTO: Decodable {
    var status: String
    var reason: String?
}

struct AssignDTO: Decodable {
    /// An agent's account id, "me", or null to unassign.
    var agent: String?
}

struct PriorityDTO: Decodable { var priority: String }
struct RatingDTO: Decodable { var rating: Int }
struct SurveyDTO: Decodable {
    var resolution: Int?
    var agent: Int?
    var speed: Int?
    var comment: String?
    var agentFeedback: String?
}
struct FollowUpDTO: Decodable {
    var subject: String
    var description: String
    var priority: String?
}
struct SuggestionDTO: Decodable {
    var text: String
    var ticketID: UUID?
}

struct CategoryDTO: ResponseEncodable {
    var id: String
    var name: String
    var description: String
    var formVersion: Int
    var retired: Bool
    var fields: [FormField]

    init(_ entry: CategoriesProjection.Entry) {
        id = entry.category.id ?? ""
        name = entry.category.name
        description = entry.category.description
        formVersion = entry.category.formVersion
        retired = entry.category.retired
        fields = entry.category.schema.fields
    }
}

struct PriorityOption: Codable, Sendable {
    var value: String
    var explanation: String
    /// SLA targets in working hours.
    var firstResponseHours: Double
    var resolutionHours: Double
}

struct CategoryList: ResponseEncodable {
    var categories: [CategoryDTO]
    var priorities: [PriorityOption]
}

struct Accepted: ResponseEncodable {
    var id: UUID?
    var position: UInt64
}

extension TicketQuery {
    /// The list filters from a query string, with errors that name the parameter.
    static func parse(_ request: Request) throws -> TicketQuery {
        let params = request.uri.queryParameters
        var q = TicketQuery()
        var errors: [FieldError] = []
        func list(_ name: String) -> [String]? {
            params[name[...]].map { String($0).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }
        if let s = list("status") {
            let parsed = s.compactMap(TicketStatus.init(rawValue:))
            if parsed.count != s.count { errors.append(FieldError(field: "status", message: "`status` takes \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")), separated by commas.")) }
            q.statuses = Set(parsed)
        }
        if let p = list("priority") {
            let parsed = p.compactMap(TicketPriority.init(rawValue:))
            if parsed.count != p.count { errors.append(FieldError(field: "priority", message: "`priority` takes \(TicketPriority.allCases.map(\.rawValue).joined(separator: ", ")), separated by commas.")) }
            q.priorities = Set(parsed)
        }
        if let c = params["category"], !c.isEmpty { q.categoryID = String(c) }
        for (name, isEnd) in [("from", false), ("to", true)] {
            guard let raw = params[name[...]], !raw.isEmpty else { continue }
            guard let day = Self.day(String(raw)) else {
                errors.append(FieldError(field: name, message: "`\(name)` must be a date like 2026-11-25."))
                continue
            }
            if isEnd { q.openedTo = day.addingTimeInterval(86400) } else { q.openedFrom = day }
        }
        if let text = params["q"] {
            let t = String(text).trimmingCharacters(in: .whitespaces)
            if t.count > 200 { errors.append(FieldError(field: "q", message: "Search for at most 200 characters.")) }
            q.text = t.isEmpty ? nil : t
        }
        switch params["archived"].map(String.init) {
        case nil: q.archived = q.text == nil ? false : nil
        case "exclude", "false": q.archived = false
        case "only", "true": q.archived = true
        case "include", "any": q.archived = nil
        default: errors.append(FieldError(field: "archived", message: "`archived` is exclude (default), only or include."))
        }
        switch params["sort"].map(String.init) ?? "updated" {
        case "updated": q.sort = .updatedNewest
        case "newest": q.sort = .openedNewest
        case "oldest": q.sort = .openedOldest
        case "priority": q.sort = .priorityHighest
        default: errors.append(FieldError(field: "sort", message: "`sort` is updated (default), newest, oldest or priority."))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        q.offset = try Paging.int(request, "offset", default: 0, range: 0...1_000_000)
        q.limit = try Paging.int(request, "limit", default: 25, range: 1...100)
        return q
    }

    static func day(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let d = f.date(from: text), f.string(from: d) == text else { return nil }
        return d
    }
}
