import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// `/api/v1/chat/intents` and `/api/v1/chat/models` through the real router.
@Suite("Intents API")
struct IntentAPITests {
    /// An editor's and a customer's tokens.
    static func people(_ client: any TestClientProtocol, _ portal: Portal) async throws -> (editor: String, customer: String) {
        let editor = try await TicketFixtures.verified(client, portal, "edna@example.com", "Edna Editor")
        try await portal.identity.setRole(.editor, granted: true, on: try #require(AccountID(try await TicketFixtures.accountID(client, editor))), by: "test")
        let customer = try await TicketFixtures.verified(client, portal, "cora@example.com", "Cora Customer")
        return (editor, customer)
    }

    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static let greetings = ["hello", "hi there", "good morning", "hey", "hello, anyone there?", "hiya", "good evening", "howdy"]
    static let handoffs = ["talk to a human", "agent please", "I want a real person", "connect me to an agent", "can I speak to someone",
                           "human please", "get me a person", "live agent"]

    @Test func anEditorDefinesIntentsAddsExamplesAndRetrains() async throws {
        try await PortalHarness.run { client, portal in
            let (editor, _) = try await Self.people(client, portal)
            let created = try await client.send(.post, "/api/v1/chat/intents", token: editor, json: try Self.json([
                "name": "greeting", "title": "Greeting", "action": "greeting", "answer": "Hello! How can I help?", "examples": Self.greetings,
            ]))
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.location] == "/api/v1/chat/intents/greeting")
            #expect((try created.json()["examples"] as? [[String: Any]])?.count == Self.greetings.count)
            let refund = try await client.send(.post, "/api/v1/chat/intents", token: editor, json: try Self.json([
                "name": "refund_request", "title": "Refund", "action": "answer", "answer": "We refund {amount} within 10 days.",
                "slots": [["name": "amount", "kind": "money", "prompt": "How much?", "required": true]],
            ]))
            #expect(refund.status == .created, "\(refund.text)")
            #expect(try await client.send(.post, "/api/v1/chat/intents", token: editor, json: #"{"name":"handoff","title":"Talk to a person","action":"handoff"}"#).status == .created)
            for text in Self.handoffs {
                let added = try await client.send(.post, "/api/v1/chat/intents/handoff/examples", token: editor, json: try Self.json(["text": text]))
                #expect(added.status == .created, "\(added.text)")
                #expect(try added.json()["source"] as? String == "editor")
            }
            for text in ["what's the weather", "tell me a joke", "who won the match", "sing a song"] {
                #expect(try await client.send(.post, "/api/v1/chat/intents/out_of_scope/examples", token: editor, json: try Self.json(["text": text])).status == .created)
            }

            let list = try await client.get("/api/v1/chat/intents", token: editor).json()
            #expect((list["intents"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["greeting", "handoff", "refund_request"])
            #expect(list["outOfScopeExamples"] as? Int == 4)
            #expect(list["changedSinceLastTraining"] as? Bool == true)

            // refund_request has no examples yet: the model learns the two intents that have some.
            let trained = try await client.send(.post, "/api/v1/chat/models", token: editor)
            #expect(trained.status == .created, "\(trained.text)")
            let outcome = try trained.json()
            #expect(outcome["version"] as? Int == 1)
            #expect(outcome["promoted"] as? Bool == true)
            #expect(outcome["labels"] as? [String] == ["greeting", "handoff"])
            #expect((outcome["candidate"] as? [String: Any])?["accuracy"] is Double)
            #expect(outcome["current"] == nil || outcome["current"] is NSNull)
            #expect(portal.intents.modelVersion == 1)
            // Four out-of-scope examples make a strict threshold, so only the top intent is checked here.
            let hello = try await portal.intents.classify("hello there")
            #expect(hello?.intent == "greeting", "\(String(describing: hello))")

            let again = try await client.send(.post, "/api/v1/chat/models", token: editor).json()
            #expect(again["version"] as? Int == 2)
            #expect(again["currentVersion"] as? Int == 1)
            #expect((again["current"] as? [String: Any])?["accuracy"] is Double)

            let models = try await client.get("/api/v1/chat/models", token: editor).json()
            let versions = try #require(models["versions"] as? [[String: Any]])
            #expect(versions.compactMap { $0["version"] as? Int } == [2, 1])
            #expect(models["liveVersion"] as? Int == (again["promoted"] as? Bool == true ? 2 : 1))
            #expect(models["changedSinceLastTraining"] as? Bool == false)

            // Revise, remove an example, retire.
            let revised = try await client.send(.put, "/api/v1/chat/intents/greeting", token: editor, json: #"{"title":"Hello","action":"greeting","answer":"Hi!"}"#)
            #expect(revised.status == .ok, "\(revised.text)")
            #expect(try revised.json()["revision"] as? Int == 2)
            let examples = try #require(try await client.get("/api/v1/chat/intents/greeting", token: editor).json()["examples"] as? [[String: Any]])
            let first = try #require(examples.first?["id"] as? String)
            #expect(try await client.send(.delete, "/api/v1/chat/intents/greeting/examples/\(first)", token: editor).status == .noContent)
            #expect(try await client.send(.delete, "/api/v1/chat/intents/greeting/examples/\(first)", token: editor).status == .notFound)
            #expect(try await client.send(.delete, "/api/v1/chat/intents/refund_request", token: editor).status == .noContent)
            let retired = try await client.get("/api/v1/chat/intents/refund_request", token: editor).json()
            #expect(retired["retired"] as? Bool == true)
            #expect(try await client.get("/api/v1/chat/intents", token: editor).json()["changedSinceLastTraining"] as? Bool == true)
        }
    }

    @Test func customersAndVisitorsMayNotTouchIntents() async throws {
        try await PortalHarness.run { client, portal in
            let (_, customer) = try await Self.people(client, portal)
            for (method, uri, body) in [(HTTPRequest.Method.get, "/api/v1/chat/intents", nil), (.post, "/api/v1/chat/intents", #"{"name":"x_y","title":"X","action":"greeting"}"#),
                                        (.get, "/api/v1/chat/intents/greeting", nil), (.post, "/api/v1/chat/intents/greeting/examples", #"{"text":"hi"}"#),
                                        (.delete, "/api/v1/chat/intents/greeting", nil), (.get, "/api/v1/chat/models", nil), (.post, "/api/v1/chat/models", nil)] as [(HTTPRequest.Method, String, String?)] {
                let forbidden = try await client.send(method, uri, token: customer, json: body)
                #expect(forbidden.status == .forbidden, "\(method) \(uri) answered \(forbidden.status)")
                #expect(try forbidden.problem()["status"] as? Int == 403)
                #expect(try await client.send(method, uri, token: nil, json: body).status == .unauthorized)
            }
        }
    }

    @Test func badInputGetsProblemDetails() async throws {
        try await PortalHarness.run { client, portal in
            let (editor, _) = try await Self.people(client, portal)
            func fields(_ r: TestResponse) throws -> [String] {
                try (r.problem()["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            }
            let badName = try await client.send(.post, "/api/v1/chat/intents", token: editor, json: #"{"name":"Bad Name","title":"","action":"greeting"}"#)
            #expect(badName.status == .unprocessableContent)
            #expect(try Set(fields(badName)) == ["name", "title"])
            let answerless = try await client.send(.post, "/api/v1/chat/intents", token: editor, json: #"{"name":"refund","title":"Refund","action":"answer"}"#)
            #expect(try fields(answerless) == ["answer"])
            let noTitle = try await client.send(.post, "/api/v1/chat/intents", token: editor, json: #"{"name":"refund","action":"answer"}"#)
            #expect(noTitle.status == .unprocessableContent)
            #expect(try fields(noTitle) == ["title"])
            let badAction = try await client.send(.post, "/api/v1/chat/intents", token: editor, json: #"{"name":"refund","title":"Refund","action":"dance"}"#)
            #expect(badAction.status == .badRequest)
            #expect(try badAction.problem()["detail"] as? String != nil)
            let notJSON = try await client.execute(uri: "/api/v1/chat/intents", method: .post,
                                                   headers: [.authorization: "Bearer \(editor)", .contentType: "text/plain"], body: ByteBuffer(string: "hi"))
            #expect(notJSON.status == .unsupportedMediaType)

            #expect(try await client.send(.post, "/api/v1/chat/intents", token: editor, json: #"{"name":"greeting","title":"Greeting","action":"greeting"}"#).status == .created)
            let twice = try await client.send(.post, "/api/v1/chat/intents", token: editor, json: #"{"name":"greeting","title":"Greeting","action":"greeting"}"#)
            #expect(twice.status == .conflict)
            #expect(try twice.problem()["detail"] as? String == "an intent named 'greeting' exists already")

            let long = try await client.send(.post, "/api/v1/chat/intents/greeting/examples", token: editor, json: try Self.json(["text": String(repeating: "a", count: 501)]))
            #expect(long.status == .unprocessableContent)
            #expect(try fields(long) == ["text"])
            #expect(try await client.send(.post, "/api/v1/chat/intents/greeting/examples", token: editor, json: #"{"text":"Hello"}"#).status == .created)
            let duplicate = try await client.send(.post, "/api/v1/chat/intents/greeting/examples", token: editor, json: #"{"text":"  hello "}"#)
            #expect(duplicate.status == .unprocessableContent)
            #expect(try fields(duplicate) == ["text"])
            let unknown = try await client.send(.post, "/api/v1/chat/intents/nothing_here/examples", token: editor, json: #"{"text":"hi"}"#)
            #expect(unknown.status == .notFound)
            #expect(try unknown.problem()["status"] as? Int == 404)
            #expect(try await client.send(.get, "/api/v1/chat/intents/NOT-A-NAME", token: editor).status == .notFound)
            #expect(try await client.send(.delete, "/api/v1/chat/intents/greeting/examples/not-a-uuid", token: editor).status == .notFound)
            let renamed = try await client.send(.put, "/api/v1/chat/intents/greeting", token: editor, json: #"{"name":"hello","title":"Greeting","action":"greeting"}"#)
            #expect(try fields(renamed) == ["name"])

            // One intent with examples is not enough to train.
            let tooFew = try await client.send(.post, "/api/v1/chat/models", token: editor)
            #expect(tooFew.status == .unprocessableContent)
            #expect(try (tooFew.problem()["type"] as? String)?.hasSuffix("too-few-intents") == true)
        }
    }

    @Test func theReviewQueueAddsACustomersMessageSealedAndErasingTheCustomerTakesItOut() async throws {
        try await PortalHarness.run { client, portal in
            let people = try await TicketFixtures.people(client, portal)
            let agent = try #require(AccountID(people.agentID))
            let customer = try #require(AccountID(people.customerID))
            let defined = try await client.send(.post, "/api/v1/chat/intents", token: people.admin, json: #"{"name":"handoff","title":"Talk to a person","action":"handoff"}"#)
            #expect(defined.status == .created, "an admin defining an intent answered \(defined.status)")
            let conversation = UUID()
            // A customer may not label anything; an agent may label a customer's message, with the customer's subject.
            await #expect(throws: ProblemDetails.self) {
                try await portal.intents.addExample(intent: "handoff", text: "hi", subject: nil, source: .editor, by: agent)
            }
            await #expect(throws: FieldError.self) {
                try await portal.intents.addExample(intent: "handoff", text: "get me a human", subject: nil,
                                                    source: .review(conversation: conversation, turn: 2), by: agent)
            }
            let example = try await portal.intents.addExample(intent: "handoff", text: "Cora here, get me a human now", subject: customer.stream,
                                                              source: .review(conversation: conversation, turn: 2), by: agent)
            #expect(example.text == "Cora here, get me a human now")
            #expect(example.subject == customer.stream)
            // The public part of the record does not hold the words.
            let record = try #require(try portal.store.read(stream: Intent.stream("handoff"), limit: 10).last)
            #expect(!String(decoding: record.data, as: UTF8.self).contains("Cora"))

            _ = try await portal.identity.erase(customer, by: "test")
            _ = await portal.runner.waitUntil(portal.store.lastPosition, timeout: .seconds(10))
            let handoff = try portal.intents.intent("handoff")
            #expect(handoff.examples.count == 1 && handoff.examples[0].text == nil)
            #expect(!portal.intents.catalog.trainingSet().examples.contains { $0.label == "handoff" })
            #expect(portal.intents.catalog.changedSinceLastTraining)
        }
    }
}
