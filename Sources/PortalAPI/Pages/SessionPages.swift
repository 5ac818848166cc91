import Domain
import Foundation
import Hummingbird

/// "Sessions and devices": every active session of the account, and signing out the others.
struct SessionPages {
    let pages: PageSupport
    private var identity: IdentityService { pages.identity }

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("account/sessions", use: list)
        router.post("account/sessions/revoke-others", use: revokeOthers)
        router.post("account/sessions/{id}/revoke", use: revoke)
    }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            let sessions = try await identity.listSessions(of: user.accountID, current: user.sessionID)
            // This device first, then the others as the service orders them (most recently used first).
            let rows = (sessions.filter(\.current) + sessions.filter { !$0.current }).map { s -> [String: Any] in
                [
                    "id": s.id, "device": s.device, "ip": s.ip ?? "unknown", "current": s.current,
                    "firstSeen": PageDate.values(s.firstSeen), "lastSeen": PageDate.values(s.lastSeen),
                ]
            }
            let query = request.uri.queryParameters
            var data: [String: Any] = [
                "sessions": rows, "others": sessions.contains { !$0.current },
                "ended": query["ended"] != nil, "gone": query["gone"] != nil,
            ]
            if let n = query["endedOthers"].flatMap({ Int(String($0)) }), n >= 0 {
                data["endedOthers"] = ["count": n, "one": n == 1]
            }
            return pages.render("sessions", title: "Sessions and devices", request: request, context: context, data: data, section: .sessions)
        }
    }

    /// Ends one session. Another account's session, an unknown one and an ended one look alike.
    /// Ending this browser's own session is signing out.
    @Sendable func revoke(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            _ = try await pages.form(ButtonForm.self, from: request)
            guard let id = context.parameters.get("id").flatMap({ UUID(uuidString: $0) }) else { return PageSupport.redirect("/account/sessions?gone=1") }
            let ended = try await identity.revokeSession(id, of: user.accountID, reason: id == user.sessionID ? .signedOut : .revokedByUser,
                                                         client: pages.client(request, context))
            if ended && id == user.sessionID {
                var response = PageSupport.redirect("/")
                SessionCookie.clear(secure: pages.secureCookies).forEach { response.setCookie($0) }
                return response
            }
            return PageSupport.redirect(ended ? "/account/sessions?ended=1" : "/account/sessions?gone=1")
        }
    }

    @Sendable func revokeOthers(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await pages.signedIn(context) { user in
            _ = try await pages.form(ButtonForm.self, from: request)
            let n = try await identity.revokeSessions(of: user.accountID, except: user.sessionID, reason: .revokedWithOthers,
                                                      client: pages.client(request, context), actor: user.accountID.description)
            return PageSupport.redirect("/account/sessions?endedOthers=\(n)")
        }
    }
}
