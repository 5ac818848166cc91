import Domain
import Foundation
import Hummingbird

/// `/account/notifications`: the in-portal ticket notifications (newest first, marked read on
/// request) and which of them also come by e-mail or in the portal.
struct NotificationPages {
    let pages: PageSupport
    let service: TicketService

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("account/notifications", use: list)
        router.post("account/notifications/read", use: read)
        router.post("account/notifications/preferences", use: preferences)
    }

    static let kinds: [(TicketNotificationKind, String)] = [
        (.agentReplied, "An agent replied"), (.statusChanged, "The status changed"), (.solved, "The ticket was solved"),
    ]

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let query = request.uri.queryParameters
            return try await render(user, request: request, context: context, data: ["saved": query["saved"] != nil, "markedRead": query["read"] != nil])
        }
    }

    private func render(_ user: AuthenticatedUser, request: Request, context: PortalRequestContext, data: [String: Any],
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        let (items, unread) = await service.notifications(for: user.accountID, limit: 50)
        let words = Dictionary(uniqueKeysWithValues: Self.kinds)
        let choice = service.notificationChoice(for: user.accountID)
        var values = data
        values["items"] = try items.map { item -> [String: Any] in
            ["what": words[item.kind] ?? item.kind.rawValue, "subject": try service.subject(of: item.ticketID) ?? "(erased)",
             "path": TicketView.path(item.ticketID), "at": PageDate.values(item.at), "unread": !item.read]
        }
        values["none"] = items.isEmpty
        values["anyUnread"] = unread > 0
        values["kinds"] = Self.kinds.map { kind, label in
            ["value": kind.rawValue, "label": label, "email": choice.email.contains(kind.rawValue), "inPortal": choice.inPortal.contains(kind.rawValue)] as [String: Any]
        }
        return pages.render("notifications", title: "Notifications", request: request, context: context, data: values, status: status,
                            section: .notifications)
    }

    @Sendable func read(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            _ = try await pages.form(ButtonForm.self, from: request)
            try await service.markNotificationsRead(for: user.accountID, upTo: nil, client: pages.client(request, context))
            return PageSupport.redirect("/account/notifications?read=1")
        }
    }

    /// The checkboxes: `email` and `inPortal`, each repeated once per kind ticked.
    @Sendable func preferences(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let fields = try await FormBody.fields(from: request)
            try pages.csrf.check(fields[CSRFProtection.fieldName]?.first, request: request)
            let choice = TicketNotificationChoice(email: fields["email"] ?? [], inPortal: fields["inPortal"] ?? [])
            do {
                try await service.setNotificationChoice(choice, for: user.accountID, client: pages.client(request, context))
            } catch {
                guard let refused = PageSupport.refusal(error) else { throw error }
                return try await render(user, request: request, context: context, data: refused.values, status: refused.status)
            }
            return PageSupport.redirect("/account/notifications?saved=1")
        }
    }
}
