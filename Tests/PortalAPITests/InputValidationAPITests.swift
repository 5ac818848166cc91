import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Hostile input gets a clear answer")
struct InputValidationAPITests {
    @Test func missingFieldsAreReportedPerField() async throws {
        try await PortalHarness.run { client, portal in
            let r = try await client.post("/api/v1/auth/register", json: "{}")
            #expect(r.status == .unprocessableContent)
            let p = try r.problem()
            #expect(p["type"] as? String == "/problems/validation")
            let fields = (p["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["email", "name", "password"])
            #expect(portal.store.lastPosition == 0)
        }
    }

    @Test(arguments: [
        (#"{"email":"a@example.com","password":12345678901234,"name":"A"}"#, "Field `password` must be a string."),
        (#"{"email":null,"password":"x","name":"A"}"#, nil),
        (#"{"email":"a@example.com""#, "The body is not valid JSON."),
        ("[1,2,3]", "The body must be a JSON object."),
        ("", "The body is not valid JSON."),
    ])
    func malformedBodiesAre400(body: String, detail: String?) async throws {
        try await PortalHarness.run { client, portal in
            let r = try await client.post("/api/v1/auth/register", json: body)
            if body.contains("null") {
                // null for an optional field counts as missing: a validation problem, not a crash.
                #expect(r.status == .unprocessableContent)
            } else {
                #expect(r.status == .badRequest)
                let p = try r.problem()
                #expect(p["type"] as? String == "/problems/malformed-request")
                #expect(p["detail"] as? String == detail)
            }
            #expect(portal.store.lastPosition == 0)
        }
    }

    @Test func oversizedBodiesAre413() async throws {
        try await PortalHarness.run { client, _ in
            let huge = #"{"email":"a@example.com","password":""# + String(repeating: "x", count: 70_000) + #"","name":"A"}"#
            let r = try await client.post("/api/v1/auth/register", json: huge)
            #expect(r.status == .contentTooLarge)
            #expect(try r.problem()["type"] as? String == "/problems/payload-too-large")
        }
    }

    @Test func oversizedFieldsAre422() async throws {
        try await PortalHarness.run { client, _ in
            let long = String(repeating: "n", count: 300)
            let r = try await client.post("/api/v1/auth/register", json: #"{"email":"\#(long)@example.com","password":"\#(long)","name":"\#(long)"}"#)
            #expect(r.status == .unprocessableContent)
            let messages = (try r.problem()["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(messages.count == 3)
            #expect(messages.allSatisfy { $0.contains("at most") })
        }
    }

    @Test func theContentTypeMustBeJSON() async throws {
        try await PortalHarness.run { client, _ in
            let r = try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "{}"))
            #expect(r.status == .unsupportedMediaType)
            #expect(try r.problem()["type"] as? String == "/problems/unsupported-media-type")
        }
    }

    @Test func loginNeedsBothFields() async throws {
        try await PortalHarness.run { client, _ in
            let r = try await client.post("/api/v1/auth/login", json: #"{"email":"a@example.com"}"#)
            #expect(r.status == .unprocessableContent)
            let fields = (try r.problem()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["password"])
        }
    }

    @Test func unknownRoutesAndMethodsAreProblems() async throws {
        try await PortalHarness.run { client, _ in
            let missing = try await client.get("/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(try missing.problem()["type"] as? String == "/problems/http-404")
            let page = try await client.get("/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }

    @Test func pagingParametersAreChecked() async throws {
        try await PortalHarness.run { client, _ in
            let token = try await client.signUpAndIn()
            let r = try await client.get("/api/v1/me/activity?limit=100000", token: token)
            #expect(r.status == .unprocessableContent)
            #expect((try r.problem()["detail"] as? String)?.contains("limit") == true)
        }
    }
}
