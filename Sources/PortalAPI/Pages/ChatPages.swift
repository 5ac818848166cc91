import Domain
import Foundation
import Hummingbird
import Projections

/// The chat's pages: a customer's past conversations (`/chat`, `/chat/{id}`), the agents' live desk
/// (`/agent/chats`, driven by `agent-desk.js` over `/ws/agent`) and the editors' learning queue (`/chat/review`).
/// The widget itself is on every page (`chat-widget.js`).
struct ChatPages {
    let pages: PageSupport
    let service: ChatService

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("chat", use: history)
        router.get("chat/review", use: reviewQueue)
        router.post("chat/review/{conversation}/{turn}", use: label)
        router.get("chat/{id}", use: transcript)
        router.get("agent/chats", use: desk)
    }

    static func time(_ date: Date) -> [String: String] {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
        return ["iso": ISO8601DateFormatter().string(from: date), "text": f.string(from: date)]
    }

    static let statusText: [Conversation.Status: String] = [
        .open: "Open", .waitingForAgent: "Waiting for a person", .withAgent: "With a person", .closed: "Ended",
    ]

    @Sendable func history(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let rows = await service.conversations(of: user.accountID).map { c -> [String: Any] in
                ["id": c.id.uuidString.lowercased(), "started": Self.time(c.startedAt), "status": Self.statusText[c.status] ?? "",
                 "turns": c.turns, "tickets": c.ticketIDs.map { ["path": TicketView.path($0), "ref": TicketFact.reference($0)] }]
            }
            return pages.render("chat-history", title: "Your conversations", request: request, context: context,
                                data: ["conversations": rows, "none": rows.isEmpty])
        }
    }

    @Sendable func transcript(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw ProblemDetails.notFound("No such conversation.") }
            let view = try service.conversation(id, for: ChatParticipant(account: user.accountID))
            let who: [ChatLine.Author: String] = [.customer: "You", .assistant: "Assistant", .agent: "Support agent", .system: ""]
            let lines = view.lines.map { l -> [String: Any] in
                ["from": l.from.rawValue, "who": who[l.from] ?? "", "text": l.text, "at": Self.time(l.at),
                 "sources": l.sources.filter { $0.url.hasPrefix("/") && !$0.url.hasPrefix("//") }.map { ["title": $0.title, "url": $0.url] }]
            }
            return pages.render("chat-transcript", title: "Conversation", request: request, context: context,
                                data: ["lines": lines, "status": Self.statusText[view.status] ?? "", "started": Self.time(view.startedAt)])
        }
    }

    @Sendable func desk(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            guard try service.isAgent(user.accountID) else { throw AgentPages.notAllowed }
            return pages.render("agent-chats", title: "Chat desk", request: request, context: context, section: .agent, scripts: ["agent-desk.js"])
        }
    }

    // MARK: The learning queue

    struct LabelFields: Decodable, CSRFCarrying { var label: String?; var csrf: String? }

    @Sendable func reviewQueue(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let items = try await service.reviewQueue(for: user.accountID)
            let intents = service.understanding.intents().map(\.name).sorted()
            let rows = items.map { i -> [String: Any] in
                ["conversation": i.conversationID.uuidString.lowercased(), "turn": i.turn, "text": i.text, "predicted": i.predicted ?? "—",
                 "confidence": Int((i.confidence * 100).rounded()), "reason": i.reason.rawValue, "at": Self.time(i.at),
                 "options": intents.map { ["value": $0, "selected": $0 == i.predicted] }]
            }
            let params = request.uri.queryParameters
            return pages.render("chat-review", title: "Chat learning queue", request: request, context: context,
                                data: ["items": rows, "none": rows.isEmpty, "labelled": params["labelled"] != nil, "outOfScope": ChatTurnReviewed.outOfScopeLabel])
        }
    }

    @Sendable func label(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            try service.requireEditor(user.accountID)
            let fields = try await pages.form(LabelFields.self, from: request)
            guard let conversation = context.parameters.get("conversation").flatMap(UUID.init(uuidString:)),
                  let turn = context.parameters.get("turn").flatMap({ Int($0) }) else { throw ProblemDetails.notFound("No such message.") }
            let label = fields.label.flatMap { $0 == "dismiss" || $0.isEmpty ? nil : $0 }
            try await service.label(conversation: conversation, turn: turn, label: label, by: user.accountID.stream)
            return PageSupport.redirect("/chat/review?labelled=1")
        }
    }
}
