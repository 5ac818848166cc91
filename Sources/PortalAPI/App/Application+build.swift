import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging

/// Builds the HTTP application around an opened portal.
public func buildApplication(portal: Portal, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(portal: portal),
        server: .http1WebSocketUpgrade(webSocketRouter: ChatSockets(portal: portal).router(),
                                       configuration: .init(http1: .init(), ws: .init(maxFrameSize: ChatSockets.maxFrame,
                                                                                       autoPing: .enabled(timePeriod: .seconds(30))))),
        configuration: .init(address: .hostname(portal.configuration.host, port: portal.configuration.port), serverName: "customer-portal"),
        // Shut down in reverse order: the server, then the admin socket, then the portal (checkpoints, log).
        services: [PortalService(portal: portal), AdminSocket.application(portal: portal, logger: logger)],
        logger: logger)
}

/// All routes and middleware. Tests drive this same router in-process.
public func buildRouter(portal: Portal) -> Router<PortalRequestContext> {
    let router = Router(context: PortalRequestContext.self)
    let securityLog = SecurityLogReader(store: portal.store, projection: portal.securityLog, sessions: portal.sessions, runner: portal.runner)
    router.addMiddleware {
        SecurityHeadersMiddleware<PortalRequestContext>()
        MetricsMiddleware<PortalRequestContext>()
        LogRequestsMiddleware<PortalRequestContext>(.debug)
        ProblemMiddleware(pages: portal.renderer)
        if let folder = PageRenderer.staticFolder {
            FileMiddleware<PortalRequestContext, LocalFileSystem>(folder, urlBasePath: "/static", cacheControl: .init([(.text, [.maxAge(3600)])]), searchForIndexHtml: false)
        }
    }
    OperationsController(
        store: portal.store, runner: portal.runner, registry: portal.registry, gauges: PortalGauges(registry: portal.registry),
        openAPI: OpenAPIDocument.load(), semantic: portal.semantic
    ).add(to: router)

    let api = router.group("api/v1")
        .add(middleware: BearerAuthMiddleware(tokens: portal.tokens, identity: portal.identity))
    let body = JSONBody(limit: portal.configuration.maxJSONBodyBytes)
    api.addRoutes(AuthController(identity: portal.identity, body: body).routes, atPath: "auth")
    api.addRoutes(MeController(identity: portal.identity, securityLog: securityLog).routes, atPath: "me")
    api.addRoutes(TwoFactorController(identity: portal.identity, body: body).routes, atPath: "me/2fa")
    api.addRoutes(AdminController(identity: portal.identity, alerts: portal.alerts, runner: portal.runner, store: portal.store).routes, atPath: "admin")
    api.addRoutes(TicketsController(service: portal.ticketService, body: body).routes, atPath: "tickets")
    api.addRoutes(NotificationsController(service: portal.ticketService, body: body).routes, atPath: "me/notifications")
    api.addRoutes(ExportController(service: portal.ticketService, identity: portal.identity, securityLog: securityLog).routes, atPath: "me/export")
    api.addRoutes(AgentController(service: portal.ticketService).routes, atPath: "agent")
    api.addRoutes(CategoriesAdminController(service: portal.ticketService, body: body).routes, atPath: "admin/categories")
    api.addRoutes(AnalyticsController(service: portal.ticketService).routes, atPath: "analytics")
    api.addRoutes(FeedbackController(service: portal.ticketService, body: body).routes)
    api.addRoutes(KnowledgeSearchController(service: portal.knowledge, body: body).routes, atPath: "kb")
    let selfService = SelfServiceAnalyticsController(service: portal.knowledge)
    api.addRoutes(selfService.analyticsRoutes, atPath: "analytics")
    api.addRoutes(selfService.editorRoutes, atPath: "kb")
    api.addRoutes(KnowledgeController(service: portal.knowledge, body: body).routes, atPath: "kb")
    api.addRoutes(TutorialsController(service: portal.tutorials, knowledge: portal.knowledge, body: body).routes, atPath: "tutorials")
    api.addRoutes(TutorialAnalyticsController(service: portal.tutorials).routes, atPath: "analytics")
    api.addRoutes(NotesController(service: portal.tutorials, body: body).routes, atPath: "notes")
    api.addRoutes(CertificatesController(service: portal.tutorials, body: body).routes, atPath: "certificates")
    api.addRoutes(IntentsController(service: portal.intents, body: body).routes, atPath: "chat/intents")
    api.addRoutes(IntentModelsController(service: portal.intents).routes, atPath: "chat/models")
    api.addRoutes(ChatController(service: portal.chat, body: body).routes, atPath: "chat/conversations")
    api.addRoutes(ChatAgentController(service: portal.chat, body: body).routes, atPath: "agent/chats")
    let chatReview = ChatReviewController(service: portal.chat, body: body)
    api.addRoutes(chatReview.reviewRoutes, atPath: "chat/review")
    api.addRoutes(chatReview.analyticsRoutes, atPath: "analytics")

    let refreshMaxAge = Int(portal.configuration.sessions.absoluteLifetime)
    let pages = router.group().add(middleware: PageSessionMiddleware(
        tokens: portal.tokens, identity: portal.identity, secureCookies: portal.configuration.secureCookies, refreshMaxAge: refreshMaxAge))
    PageController(
        identity: portal.identity, tokens: portal.tokens, securityLog: securityLog, renderer: portal.renderer, csrf: portal.csrf,
        secureCookies: portal.configuration.secureCookies, refreshMaxAge: refreshMaxAge,
        externalProviders: portal.externalProviders.ordered, tickets: portal.ticketService, knowledge: portal.knowledge,
        tutorials: portal.tutorials, chat: portal.chat
    ).add(to: pages)
    if let masterKey = portal.store.masterKey {
        ExternalSignInPages(
            providers: portal.externalProviders,
            pages: PageSupport(identity: portal.identity, tokens: portal.tokens, renderer: portal.renderer, csrf: portal.csrf,
                               secureCookies: portal.configuration.secureCookies, refreshMaxAge: refreshMaxAge, tickets: portal.ticketService),
            pendingCookies: SealedCookie(masterKey: masterKey, purpose: "oidc-pending"), linkCookies: SealedCookie(masterKey: masterKey, purpose: "oidc-link"),
            logger: portal.logger
        ).add(to: pages)
    }
    return router
}

/// The OpenAPI 3.1 document shipped as a resource.
enum OpenAPIDocument {
    static func load() -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("openapi.json"),
              let data = try? Data(contentsOf: url)
        else { return ByteBuffer(string: #"{"openapi":"3.1.0","info":{"title":"missing","version":"0"},"paths":{}}"#) }
        return ByteBuffer(bytes: data)
    }
}
