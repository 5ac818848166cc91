import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAPI
import Testing

@Suite("Operations endpoints and the OpenAPI document")
struct OperationsAPITests {
    @Test func healthAndReadiness() async throws {
        try await PortalHarness.run { client, portal in
            #expect(try await client.get("/healthz").json()["status"] as? String == "ok")
            _ = try await client.signUpAndIn()
            _ = await portal.runner.waitUntil(portal.store.lastPosition)
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok)
            let body = try ready.json()
            #expect(body["status"] as? String == "ready")
            let names = (body["projections"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(names) == Set(PortalProjections.names))
        }
    }

    @Test func metricsArePrometheusText() async throws {
        try await PortalHarness.run { client, _ in
            let r = try await client.get("/metrics")
            #expect(r.status == .ok)
            #expect(r.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(r.text.contains("portal_log_position"))
            #expect(r.text.contains(#"portal_projection_lag{projection="accounts"}"#))
        }
    }

    @Test func securityHeadersOnEveryAnswer() async throws {
        try await PortalHarness.run { client, _ in
            for uri in ["/healthz", "/signup", "/api/v1/me", "/nowhere"] {
                let r = try await client.get(uri)
                #expect(r.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                #expect(r.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
            }
        }
    }

    /// Every API and operations route is in the document with its method, and nothing else is.
    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let folder = NSTemporaryDirectory() + "portal-openapi-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let portal = try await Portal.open(.testing(dataFolder: folder), logger: Logger(label: "test"))
        let router = buildRouter(portal: portal)
        let all = Set(router.routes.map { "\($0.method.rawValue) \(Self.openAPIPath($0.path.description))" })
        let operations: Set = ["GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.json"]
        let routes = all.filter { $0.contains(" /api/") || operations.contains($0) }
        // Everything else is an HTML page, which the API document does not describe.
        #expect(all.subtracting(routes).contains("GET /signup"))
        #expect(!all.subtracting(routes).contains { $0.contains("/api/") })

        try await PortalHarness.run { client, _ in
            let doc = try await client.get("/openapi.json").json()
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(documented == routes, "only documented: \(documented.subtracting(routes)); only routed: \(routes.subtracting(documented))")
        }
        await portal.shutdown()
    }

    static func openAPIPath(_ path: String) -> String {
        let trimmed = path.hasPrefix("/") ? path : "/" + path
        return trimmed.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .reduce("") { $0 + "/" + $1 }
            .replacingOccurrences(of: "//", with: "/")
            .ifEmpty("/")
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
