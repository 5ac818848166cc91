import Domain
import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PortalAPI
import Testing

/// The learning loop, end to end through the API: an intent the model was never trained on sends its messages
/// to the review queue; an editor labels them; a retraining learns them, is promoted with both figures recorded,
/// and the intent is recognised from then on.
@Suite("Chat — learning from reviewed messages")
struct ChatLearningTests {
    /// Questions about paying that the starter model rejects as out of scope (it was never taught the topic).
    static let payments = [
        "Can I pay with PayPal?", "Is bank transfer possible?", "Can I pay by invoice?", "Are gift cards accepted for payment?",
        "Do you support SEPA direct debit?", "Can I pay with Google Pay?", "Is PayPal supported?", "Can I pay in instalments?",
        "Is Klarna available?", "Can I pay cash on delivery?", "Can I settle the bill with PayPal?", "Is payment by cheque possible?",
        "Do you support Apple Pay and Google Pay?", "Can I pay with bitcoin?", "Which wallets do you support for paying?",
        "Can I split a payment across two cards?", "Is direct debit an option?", "Can I pay by bank wire?", "Is iDEAL supported?",
        "Can I use Sofort to pay?", "Can I pay via Venmo?", "Is Alipay accepted?",
    ]

    @Test func messagesOfAnUntrainedIntentAreReviewedLabelledAndLearned() async throws {
        try await PortalHarness.run { client, portal in
            let p = try await TicketFixtures.people(client, portal)
            let admin = try #require(AccountID(try await TicketFixtures.accountID(client, p.admin)))
            let before = try #require(portal.intents.modelVersion, "the starter intents were trained at start")
            try await portal.intents.define(IntentDefinition(name: "payment_methods", title: "Payment methods", action: .answer,
                                                             answer: "We accept Visa, Mastercard, PayPal and SEPA direct debit."), by: admin)

            // Untrained: none of the messages is recognised as opening hours, and every one waits for review.
            let chat = try await ChatClient.start(client, token: p.customer)
            for text in Self.payments {
                let reply = try await chat.say(text)
                #expect(reply["text"] as? String != "We accept Visa, Mastercard, PayPal and SEPA direct debit.")
            }
            let queue = try await client.get("/api/v1/chat/review", token: p.admin).json()
            let items = try #require(queue["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["text"] as? String }) == Set(Self.payments), "queued: \(items.map { ($0["text"] ?? "", $0["reason"] ?? "") })")
            #expect(try await client.get("/api/v1/chat/review", token: p.customer).status == .forbidden)

            // A label that is no intent is refused and adds nothing.
            let first = try #require(items.first)
            let path = "/api/v1/chat/review/\(first["conversationID"] as? String ?? "")/\(first["turn"] as? Int ?? 0)"
            #expect(try await client.send(.post, path, token: p.admin, json: #"{"label":"no_such_intent"}"#).status == .unprocessableContent)
            for item in items {
                let r = try await client.send(.post, "/api/v1/chat/review/\(item["conversationID"] as? String ?? "")/\(item["turn"] as? Int ?? 0)",
                                              token: p.admin, json: #"{"label":"payment_methods"}"#)
                #expect(r.status == .ok, "labelling answered \(r.status): \(r.text)")
            }
            #expect(try await client.send(.post, path, token: p.admin, json: #"{"label":"payment_methods"}"#).status == .conflict)
            #expect(((try await client.get("/api/v1/chat/review", token: p.admin).json())["items"] as? [Any])?.isEmpty == true)
            #expect(portal.intents.catalog.intent("payment_methods")?.intent.examples.count == Self.payments.count)

            // Retraining: promoted, with the candidate's and the live model's figures on the same held-out examples.
            let trained = try await client.send(.post, "/api/v1/chat/models", token: p.admin)
            #expect(trained.status == .created, "training answered \(trained.status): \(trained.text)")
            let outcome = try trained.json()
            #expect(outcome["promoted"] as? Bool == true)
            #expect(portal.intents.modelVersion == before + 1)
            let records = try portal.store.read(stream: "intent-models", direction: .backwards, limit: 1)
            let promoted = try #require(try records.first.map { try EventCatalog.decode(type: $0.type, schemaVersion: $0.schemaVersion, data: $0.data, personal: nil) } as? IntentModelPromoted)
            #expect(promoted.previousVersion == before)
            let previous = try #require(promoted.previous)
            #expect(promoted.candidate.accuracy >= previous.accuracy)
            #expect(promoted.candidate.accuracy > 0 && previous.accuracy > 0)

            // Learned: a new phrasing gets the intent's answer.
            let later = try await ChatClient.start(client, token: p.other)
            let reply = try await later.say("Which payment methods can I use?")
            #expect(reply["text"] as? String == "We accept Visa, Mastercard, PayPal and SEPA direct debit.")
        } configure: { config in
            config.intents.seedContent = true
            config.intents.retrainInterval = nil
        }
    }
}
