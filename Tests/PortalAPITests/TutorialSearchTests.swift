import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

@Suite("Tutorials in the knowledge base's search")
struct TutorialSearchTests {
    @Test func aTutorialIsFoundByItsStepsWithTheKindFilterAndNeverByItsAnswers() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await KnowledgeAPIFixtures.people(client, portal)
            try await TutorialAPIFixtures.tutorial(client, editor: p.editor)
            try await KnowledgeAPIFixtures.article(client, editor: p.editor, slug: "double-charges", title: "Double charges", body: "Refunds for a double charge.")
            // A word that only occurs in a step's demo prompt.
            let found = try await client.send(.get, "/api/v1/kb/search?q=double+charge&kind=tutorial", token: nil)
            #expect(found.status == .ok, "\(found.text)")
            let hits = try #require(found.json()["results"] as? [[String: Any]])
            #expect(hits.map { $0["key"] as? String } == ["tutorial:first-ticket"], "\(found.text)")
            let all = try await client.send(.get, "/api/v1/kb/search?q=double+charge", token: nil)
            #expect(all.text.contains("tutorial:first-ticket") && all.text.contains("article:double-charges"))
            // Hints and explanations are not indexed.
            let hint = try await client.send(.get, "/api/v1/kb/search?q=money+matters&kind=tutorial", token: nil)
            #expect(!hint.text.contains("tutorial:first-ticket"), "a demo hint was searchable")
            // An agents-only tutorial is not found by a customer.
            try await TutorialAPIFixtures.tutorial(client, editor: p.editor, slug: "desk-basics", audience: "agents")
            let customer = try await client.send(.get, "/api/v1/kb/search?q=double+charge&kind=tutorial", token: p.customer)
            #expect(!customer.text.contains("desk-basics"))
            let agent = try await client.send(.get, "/api/v1/kb/search?q=double+charge&kind=tutorial", token: p.agent)
            #expect(agent.text.contains("desk-basics"))
        }
    }
}
