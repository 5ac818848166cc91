import Domain
import Foundation
import Hummingbird
import Projections

/// One ticket as the API shows it: what was asked, the timeline, the state and the SLA clocks
/// (agents), or the time a reply can be expected (customers).
struct TicketDetail: ResponseEncodable {
    struct Field: Codable {
        var id: String
        var label: String
        var value: String
        /// For file fields: the attachment ids.
        var attachmentIDs: [String]?
    }

    struct Attachment: Codable {
        var id: String
        var filename: String?
        var size: Int
        var contentType: String
        var url: String
    }

    struct Entry: Codable {
        var id: UInt64
        var at: Date
        var kind: String
        var actor: String?
        var role: String
        var text: String?
        var attachment: Attachment?
        var attachmentIDs: [String]?
        var fromStatus: String?
        var toStatus: String?
        var fromPriority: String?
        var toPriority: String?
        var assignee: String?
        var rating: Int?
        var survey: Survey?
        var followUp: UUID?
        var slaTarget: String?
        var dueAt: Date?
    }

    struct Survey: Codable {
        var resolution: Int?
        var agent: Int?
        var speed: Int?
        var agentFeedback: String?
    }

    struct Clock: Codable {
        var target: String
        var state: String
        var dueAt: Date?
        var remainingSeconds: Int
        var allowedSeconds: Int
        var metAt: Date?
    }

    var id: UUID
    var subject: String?
    var description: String?
    var categoryID: String
    var category: String
    var priority: String
    var status: String
    var assignee: String?
    var requester: String?
    var openedAt: Date?
    var solvedAt: Date?
    var closedAt: Date?
    var archived: Bool
    var rating: Int?
    var followUps: [UUID]
    var fields: [Field]
    var attachments: [Attachment]
    var timeline: [Entry]
    /// Agents: both SLA clocks.
    var sla: [Clock]?
    /// Customers: when a first reply is due, while it is awaited.
    var replyExpectedBy: Date?
    var resolution: ResolutionSummary?
    var personalDataErased: Bool
    var version: UInt64

    init(_ t: TicketTimeline, viewer: TicketActor, service: TicketService) {
        let id = t.ticket.id ?? UUID()
        let base = "/api/v1/tickets/\(id.uuidString.lowercased())/attachments/"
        func attachment(_ a: TicketTimeline.Attachment) -> Attachment {
            Attachment(id: a.id, filename: a.filename, size: a.size, contentType: a.contentType, url: base + a.id)
        }
        self.id = id
        subject = t.opened.subject
        description = t.opened.description
        categoryID = t.ticket.categoryID
        category = service.categories.entry(t.ticket.categoryID)?.category.name ?? t.ticket.categoryID
        priority = t.ticket.priority.rawValue
        status = t.ticket.status.rawValue
        assignee = t.ticket.assignee?.description
        requester = viewer.isAgent ? (try? t.ticket.requester.flatMap { try service.identity.profile($0)?.name }) ?? nil : nil
        openedAt = t.ticket.openedAt
        solvedAt = t.ticket.solvedAt
        closedAt = t.ticket.closedAt
        archived = t.ticket.archived
        rating = t.ticket.rating
        followUps = t.ticket.followUps
        fields = t.opened.fields.map { f in
            if case .files(let ids) = f.value { return Field(id: f.id, label: f.label, value: f.value.display, attachmentIDs: ids) }
            return Field(id: f.id, label: f.label, value: f.value.display, attachmentIDs: nil)
        }
        attachments = t.entries.compactMap { $0.attachment.map(attachment) }
        timeline = t.entries.map { e in
            Entry(id: e.id, at: e.at, kind: e.kind.rawValue, actor: viewer.isAgent || e.role == .customer ? e.actor?.description : nil,
                  role: e.role.rawValue, text: e.text, attachment: e.attachment.map(attachment),
                  attachmentIDs: e.attachmentIDs.isEmpty ? nil : e.attachmentIDs, fromStatus: e.fromStatus?.rawValue, toStatus: e.toStatus?.rawValue,
                  fromPriority: e.fromPriority?.rawValue, toPriority: e.toPriority?.rawValue,
                  assignee: viewer.isAgent ? e.assignee?.description : nil, rating: e.rating,
                  survey: e.survey.map { Survey(resolution: $0.resolution, agent: $0.agentRating, speed: $0.speed, agentFeedback: $0.agentFeedback) },
                  followUp: e.followUp, slaTarget: e.slaTarget?.rawValue, dueAt: e.dueAt)
        }
        if viewer.isAgent {
            sla = t.sla.map { r in
                Clock(target: r.target.rawValue, state: r.state.rawValue, dueAt: r.dueAt, remainingSeconds: Int(r.remaining), allowedSeconds: Int(r.allowed), metAt: r.metAt)
            }
        } else {
            let first = service.clocks.readings(id, at: Date()).first { $0.target == .firstResponse }
            replyExpectedBy = first.flatMap { $0.state == .running ? $0.dueAt : nil }
        }
        if [.solved, .closed].contains(t.ticket.status), let openedAt = t.ticket.openedAt,
           let solved = t.entries.last(where: { $0.kind == .statusChanged && $0.toStatus == .solved }) {
            resolution = ResolutionSummary(
                summary: solved.text?.isEmpty == false ? solved.text : nil, solvedAt: solved.at, solvedBy: solved.actor?.description,
                elapsedSeconds: Int(solved.at.timeIntervalSince(openedAt)),
                businessSeconds: Int(service.settings.sla.calendar.workingSeconds(from: openedAt, to: solved.at)),
                replies: t.entries.filter { $0.kind == .comment && $0.role == .agent }.count)
        }
        personalDataErased = t.personalDataErased
        version = t.streamVersion
    }
}
