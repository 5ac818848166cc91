import Foundation
import Hummingbird
import Mustache

/// Renders the server-side pages from the Mustache templates shipped with the portal.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads `templates/*.mustache` from the module's resources.
    static func load() async throws -> PageRenderer {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw PortalStartupError.missingResources("Resources folder not found in the PortalAPI bundle")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: root.appendingPathComponent("templates").path))
    }

    /// The folder with CSS and other static files.
    static var staticFolder: String? {
        Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("static").path
    }

    /// A whole page: `template` inside the layout, with `title`. The layout reads what it needs
    /// (navigation, scripts) from `chrome`, under the `layout` key, so no page value can shadow it.
    func page(_ template: String, title: String, data: [String: Any] = [:], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:],
              chrome: PageChrome = PageChrome()) -> Response {
        var values = data
        values["title"] = title
        values["layout"] = chrome.values
        let content = library.render(values, withTemplate: template) ?? "<p>Page template “\(template)” is missing.</p>"
        values["content"] = content
        let html = library.render(values, withTemplate: "layout") ?? content
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A plain page for an error met while serving a browser. Error pages are answered outside the
    /// session middleware, so they don't know who is signed in and show a neutral header.
    func errorPage(_ problem: ProblemDetails, context: some RequestContext) -> Response {
        var headers: HTTPFields = [:]
        if let retry = problem.extraHeaders["Retry-After"] { headers[.retryAfter] = retry }
        return page("error", title: problem.title, data: ["detail": problem.detail, "status": problem.code, "requestID": context.id],
                    status: problem.status, headers: headers)
    }
}

/// What the layout around every page needs: which navigation to show, which entry is the current
/// page, and the scripts the page loads (as files: the content security policy forbids inline script).
struct PageChrome: Sendable {
    enum Navigation: Sendable {
        /// Only a link to the account (error pages, which don't know who is signed in).
        case neutral
        case signedOut
        /// Account links and a sign-out form, which needs the browser's CSRF token.
        case signedIn(csrf: String)
    }

    /// The navigation entries a page can be.
    enum Section: String, Sendable {
        case signIn, signUp, account, security, sessions, activity, tickets, notifications, agent
    }

    var navigation: Navigation = .neutral
    var section: Section?
    /// File names under `/static/`.
    var scripts: [String] = []
    /// Signed in with the agent (or admin) role: the navigation links the queue.
    var isAgent = false
    /// Unread in-portal notifications, shown next to their link.
    var unread = 0

    var values: [String: Any] {
        var v: [String: Any] = [:]
        switch navigation {
        case .neutral: v["neutral"] = true
        case .signedOut: v["signedOut"] = true
        case .signedIn(let csrf): v["signedIn"] = ["csrf": csrf, "agent": isAgent, "unread": unread > 0 ? (["count": unread] as Any) : (false as Any)]
        }
        if let section { v["current"] = [section.rawValue: true] }
        v["scripts"] = scripts.map { ["src": "/static/" + $0] }
        return v
    }
}

/// The portal could not start.
public enum PortalStartupError: Error, CustomStringConvertible {
    case missingResources(String)
    public var description: String {
        switch self {
        case .missingResources(let what): return "installation is incomplete: \(what)"
        }
    }
}
