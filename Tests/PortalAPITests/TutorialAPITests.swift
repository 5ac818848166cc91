import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

private typealias F = TutorialAPIFixtures

@Suite("Tutorials API")
struct TutorialAPITests {
    func range(_ client: any TestClientProtocol, _ uri: String, _ value: String?, token: String? = nil) async throws -> TestResponse {
        var h: HTTPFields = [:]
        if let value { h[.range] = value }
        if let token { h[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: .get, headers: h)
    }

    @Test func theVideoIsServedWithRangeRequests() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let address = try await F.tutorial(client, editor: p.editor)
            let video = try F.videoBytes()
            let uri = "/api/v1/tutorials/\(F.slug)/media/\(address)"
            let whole = try await range(client, uri, nil)
            #expect(whole.status == .ok)
            #expect(whole.headers[.acceptRanges] == "bytes")
            #expect(Array(buffer: whole.body) == video)
            let first = try await range(client, uri, "bytes=0-99")
            #expect(first.status == .partialContent)
            #expect(first.headers[.contentRange] == "bytes 0-99/\(video.count)")
            #expect(Array(buffer: first.body) == Array(video[0..<100]))
            let suffix = try await range(client, uri, "bytes=-500")
            #expect(suffix.status == .partialContent)
            #expect(suffix.headers[.contentRange] == "bytes \(video.count - 500)-\(video.count - 1)/\(video.count)")
            #expect(Array(buffer: suffix.body) == Array(video.suffix(500)))
            let open = try await range(client, uri, "bytes=\(video.count - 10)-")
            #expect(open.status == .partialContent)
            #expect(Array(buffer: open.body) == Array(video.suffix(10)))
            let outside = try await range(client, uri, "bytes=\(video.count)-")
            #expect(outside.status == .rangeNotSatisfiable)
            #expect(outside.headers[.contentRange] == "bytes */\(video.count)")
            // The page route serves the same file to the browser's <video>, with the session cookie rather than a token.
            let page = try await range(client, "/tutorials/\(F.slug)/media/\(address)", "bytes=0-9")
            #expect(page.status == .partialContent)
            // A file the tutorial does not name is not served, whatever its address.
            let other = try await range(client, "/api/v1/tutorials/\(F.slug)/media/\(String(repeating: "0", count: 64))", nil)
            #expect(other.status == .notFound)
        }
    }

    @Test func aVideoIsCheckedByContentAndOnlyEditorsUpload() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let fake = try await F.upload(client, editor: p.editor, kind: "video", bytes: Array("<html><script>alert(1)</script></html>".utf8))
            #expect(fake.status == .unprocessableContent, "a page named as a video answered \(fake.status)")
            let customer = try await F.upload(client, editor: p.customer, kind: "video", bytes: try F.videoBytes())
            #expect(customer.status == .forbidden)
            let captions = try await F.upload(client, editor: p.editor, kind: "captions", bytes: Array("WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n".utf8))
            #expect(captions.status == .created)
        }
    }

    @Test func theDemosAndChecksAnswersAreNeverInThePage() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await F.tutorial(client, editor: p.editor)
            let api = try await client.send(.get, "/api/v1/tutorials/\(F.slug)", token: p.customer)
            #expect(api.status == .ok)
            for secret in ["\"correct\"", "Look in the Tickets menu", "Opening time and priority decide it", "Money matters"] {
                #expect(!api.text.contains(secret), "the tutorial's JSON contains \(secret)")
            }
            for step in ["try", "quiz"] {
                let page = try await client.get("/tutorials/\(F.slug)/steps/\(step)")
                #expect(page.status == .ok)
                for secret in ["correct", "Look in the Tickets menu", "Opening time and priority decide it", "Money matters"] {
                    #expect(!page.text.contains(secret), "the \(step) page contains \(secret)")
                }
            }
            // A wrong answer brings the hint and the explanation, not the right answer.
            let wrong = try await client.send(.post, "/api/v1/tutorials/\(F.slug)/steps/try/demo", token: p.customer, json: #"{"screen":"start","answer":"profile"}"#)
            #expect(try wrong.json()["correct"] as? Bool == false)
            #expect(try wrong.json()["hint"] as? String == "Look in the Tickets menu.")
            #expect(try wrong.json()["nextScreen"] as? String == "start")
            let skipped = try await client.send(.post, "/api/v1/tutorials/\(F.slug)/steps/try/demo", token: p.customer, json: #"{"screen":"category","answer":"billing"}"#)
            #expect(skipped.status == .conflict)
        }
    }

    @Test func aLearnersNotesBookmarksAndProgressAreTheirOwn() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await F.tutorial(client, editor: p.editor)
            let created = try await client.send(.post, "/api/v1/notes", token: p.customer, json: #"{"target":"step:first-ticket/watch","text":"Pause at 0:04."}"#)
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            #expect(try await client.send(.put, "/api/v1/tutorials/\(F.slug)/steps/watch/bookmark", token: p.customer).status == .noContent)
            #expect(try await client.send(.post, "/api/v1/tutorials/\(F.slug)/steps/welcome/complete", token: p.customer).status == .ok)

            let others = try await client.send(.get, "/api/v1/notes", token: p.other)
            #expect(try (others.json()["notes"] as? [Any])?.isEmpty == true)
            #expect(!(try await client.send(.get, "/api/v1/notes?q=pause", token: p.other)).text.contains("Pause"))
            #expect(try await client.send(.put, "/api/v1/notes/\(id)", token: p.other, json: #"{"target":"step:first-ticket/watch","text":"mine now"}"#).status == .notFound)
            #expect(try await client.send(.delete, "/api/v1/notes/\(id)", token: p.other).status == .notFound)
            let marks = try await client.send(.get, "/api/v1/tutorials/bookmarks", token: p.other)
            #expect(!marks.text.contains("first-ticket"))
            let theirs = try await client.send(.get, "/api/v1/tutorials/\(F.slug)", token: p.other)
            #expect(((try theirs.json()["progress"] as? [String: Any])?["completed"] as? [String]) == [])
            // The owner sees theirs.
            let mine = try await client.send(.get, "/api/v1/notes?q=pause", token: p.customer)
            #expect(mine.text.contains("Pause at 0:04."))
            #expect(try await client.send(.get, "/api/v1/tutorials/bookmarks", token: p.customer).text.contains("step:first-ticket/watch"))
            #expect(try await client.send(.get, "/api/v1/notes", token: nil).status == .unauthorized)
        }
    }

    @Test func aCertificateNeedsEveryStepAndIsVerifiedRevokedAndSigned() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await F.tutorial(client, editor: p.editor)
            #expect(try await client.send(.post, "/api/v1/tutorials/\(F.slug)/certificate", token: p.customer).status == .conflict)
            // The video step is not complete until 90 % was watched.
            #expect(try await client.send(.post, "/api/v1/tutorials/\(F.slug)/steps/watch/complete", token: p.customer).status == .conflict)
            try await F.finish(client, p.customer)
            let issued = try await client.send(.post, "/api/v1/tutorials/\(F.slug)/certificate", token: p.customer)
            #expect(issued.status == .ok, "\(issued.text)")
            let id = try #require(try issued.json()["id"] as? String)
            let again = try await client.send(.post, "/api/v1/tutorials/\(F.slug)/certificate", token: p.customer)
            #expect(try again.json()["id"] as? String == id, "a second request hands back the same certificate")

            let report = try await client.send(.get, "/api/v1/certificates/\(id)", token: nil)
            #expect(try report.json()["standing"] as? String == "valid")
            #expect(try report.json()["holderName"] as? String == "Cora Customer")

            let pdf = try await client.send(.get, "/api/v1/certificates/\(id)/pdf", token: p.customer)
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            let bytes = Array(buffer: pdf.body)
            #expect(bytes.starts(with: Array("%PDF-".utf8)))
            let token = try #require(TutorialService.signedToken(inPDF: bytes))
            #expect(portal.tutorials.verify(signed: token).standing == .valid)
            #expect(portal.tutorials.verify(signed: token).signatureValid == true)
            // A changed token fails the signature.
            var forged = Array(token.utf8)
            forged[10] = forged[10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            #expect(portal.tutorials.verify(signed: String(decoding: forged, as: UTF8.self)).signatureValid == false)
            #expect(try await client.send(.get, "/api/v1/certificates/\(id)/pdf", token: p.other).status == .notFound)

            #expect(try await client.send(.post, "/api/v1/certificates/\(id)/revoke", token: p.customer, json: #"{"reason":"mine"}"#).status == .forbidden)
            let revoked = try await client.send(.post, "/api/v1/certificates/\(id)/revoke", token: p.editor, json: #"{"reason":"Issued in error"}"#)
            #expect(try revoked.json()["standing"] as? String == "revoked")
            let page = try await client.get("/certificates/\(id)")
            #expect(page.text.contains("Issued in error"))
            #expect(try await client.get("/certificates/\(String(repeating: "f", count: 32))").status == .notFound)
        }
    }

    @Test func funnelsCountLearnersPerStep() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await F.tutorial(client, editor: p.editor)
            try await F.finish(client, p.customer)
            #expect(try await client.send(.post, "/api/v1/tutorials/\(F.slug)/steps/welcome/complete", token: p.other).status == .ok)
            #expect(try await client.send(.get, "/api/v1/analytics/tutorials", token: p.customer).status == .forbidden)
            let funnels = try await client.send(.get, "/api/v1/analytics/tutorials", token: p.editor)
            let first = try #require((try funnels.json()["tutorials"] as? [[String: Any]])?.first)
            #expect(first["started"] as? Int == 2)
            #expect(first["completed"] as? Int == 1)
            #expect((first["steps"] as? [[String: Any]])?.map { $0["completed"] as? Int } == [2, 1, 1, 1])
            #expect((first["steps"] as? [[String: Any]])?.map { $0["dropOff"] as? Int } == [0, 1, 0, 0])
            #expect(try await client.send(.get, "/api/v1/analytics/tutorials?from=2026-13-01", token: p.editor).status == .unprocessableContent)
        }
    }

    @Test func anAgentsOnlyTutorialIsInvisibleToCustomers() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            let address = try await F.tutorial(client, editor: p.editor, slug: "desk-basics", audience: "agents")
            for token in [p.customer, nil] {
                #expect(try await client.send(.get, "/api/v1/tutorials/desk-basics", token: token).status == .notFound)
                #expect(try await client.send(.get, "/api/v1/tutorials/desk-basics/media/\(address)", token: token).status == .notFound)
                #expect(!(try await client.send(.get, "/api/v1/tutorials", token: token)).text.contains("desk-basics"))
            }
            #expect(try await client.send(.post, "/api/v1/tutorials/desk-basics/steps/welcome/complete", token: p.customer).status == .notFound)
            #expect(try await client.send(.get, "/api/v1/tutorials/desk-basics", token: p.agent).status == .ok)
        }
    }
}
