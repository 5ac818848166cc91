import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// A published tutorial with a real video (the demo film), a two-screen demo and a multiple-choice check.
enum TutorialAPIFixtures {
    static let slug = "first-ticket"

    /// The demo tutorial's committed video file.
    static func videoBytes() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PortalAPI/Resources/tutorials/demo/first-ticket.webm")
        return Array(try Data(contentsOf: url))
    }

    static func upload(_ client: any TestClientProtocol, editor: String, kind: String, bytes: [UInt8]) async throws -> TestResponse {
        try await client.execute(uri: "/api/v1/tutorials/media/\(kind)", method: .post,
                                 headers: [.authorization: "Bearer \(editor)", .contentType: "application/octet-stream"], body: ByteBuffer(bytes: bytes))
    }

    /// Uploads the video and creates the tutorial; returns the video's address.
    @discardableResult
    static func tutorial(_ client: any TestClientProtocol, editor: String, slug: String = slug, audience: String = "public") async throws -> String {
        let uploaded = try await upload(client, editor: editor, kind: "video", bytes: try videoBytes())
        #expect(uploaded.status == .created, "uploading the video answered \(uploaded.status): \(uploaded.text)")
        let address = try #require(try uploaded.json()["address"] as? String)
        let size = try #require(try uploaded.json()["size"] as? Int)
        let json = """
            {"slug":"\(slug)","title":"Your first ticket","summary":"Open one.","category":"help","estimatedMinutes":5,"audience":"\(audience)","publish":true,
             "steps":[
              {"id":"welcome","title":"Welcome","body":"What you will learn."},
              {"id":"watch","title":"Watch","body":"A film.","video":{"blob":"\(address)","contentType":"video/webm","size":\(size),"durationSeconds":10}},
              {"id":"try","title":"Try it","body":"Choose.","demo":{"screens":[
                {"id":"start","prompt":"Where do tickets start?","hotspots":[],"correct":"new","hint":"Look in the Tickets menu.",
                 "choices":[{"id":"new","text":"Tickets › New ticket"},{"id":"profile","text":"Account › Profile"}]},
                {"id":"category","prompt":"Which category for a double charge?","hotspots":[],"correct":"billing","hint":"Money matters.",
                 "choices":[{"id":"billing","text":"Billing"},{"id":"technical","text":"Technical"}]}]}},
              {"id":"quiz","title":"Check","body":"","check":{"prompt":"What sets the SLA?","correct":["opened","priority"],
                "explanation":"Opening time and priority decide it.",
                "choices":[{"id":"opened","text":"When it was opened"},{"id":"priority","text":"Its priority"},{"id":"length","text":"Its length"}]}}
             ]}
            """
        let r = try await client.send(.post, "/api/v1/tutorials", token: editor, json: json)
        #expect(r.status == .created, "creating the tutorial answered \(r.status): \(r.text)")
        return address
    }

    /// Goes through every step as `token`: view, watch the whole film, pass the demo and the check, complete each.
    static func finish(_ client: any TestClientProtocol, _ token: String, slug: String = slug) async throws {
        let base = "/api/v1/tutorials/\(slug)/steps"
        func ok(_ r: TestResponse, _ what: String) { #expect(r.status == .ok, "\(what) answered \(r.status): \(r.text)") }
        ok(try await client.send(.post, "\(base)/welcome/view", token: token), "viewing")
        ok(try await client.send(.post, "\(base)/welcome/complete", token: token), "completing welcome")
        ok(try await client.send(.post, "\(base)/watch/watched", token: token, json: #"{"ranges":[{"start":0,"end":6},{"start":5.8,"end":9.5}]}"#), "reporting")
        ok(try await client.send(.post, "\(base)/watch/complete", token: token), "completing watch")
        ok(try await client.send(.post, "\(base)/try/demo", token: token, json: #"{"screen":"start","answer":"new"}"#), "demo 1")
        ok(try await client.send(.post, "\(base)/try/demo", token: token, json: #"{"screen":"category","answer":"billing"}"#), "demo 2")
        ok(try await client.send(.post, "\(base)/try/complete", token: token), "completing try")
        ok(try await client.send(.post, "\(base)/quiz/check", token: token, json: #"{"answer":["priority","opened"]}"#), "check")
        ok(try await client.send(.post, "\(base)/quiz/complete", token: token), "completing quiz")
    }
}
