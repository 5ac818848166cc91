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

    /// A whole page: `template` inside the layout, with `title`.
    func page(_ template: String, title: String, data: [String: Any] = [:], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var values = data
        values["title"] = title
        let content = library.render(values, withTemplate: template) ?? "<p>Page template “\(template)” is missing.</p>"
        values["content"] = content
        let html = library.render(values, withTemplate: "layout") ?? content
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A plain page for an error met while serving a browser.
    func errorPage(_ problem: ProblemDetails, context: some RequestContext) -> Response {
        page("error", title: problem.title, data: ["detail": problem.detail, "status": problem.code, "requestID": context.id], status: problem.status)
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
