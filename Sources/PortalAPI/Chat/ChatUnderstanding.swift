import Domain
import Foundation

/// Turns a customer's message into what the dialogue works with: the intent and its confidence (from the
/// intent model, with out-of-scope rejection) and the entities. It also owns the intents and their examples,
/// so the learning queue can add what editors label.
public protocol ChatUnderstanding: Sendable {
    /// The intents as editors defined them now.
    func intents() -> [IntentDefinition]
    /// Understands one message written at `date` in `timeZone`. `embedding` is the message's sentence vector
    /// when the caller has one (it is shared with the knowledge-base search); nil without a model folder.
    func understand(_ text: String, embedding: [Float]?, at date: Date, timeZone: TimeZone, categories: [ChatCategory]) async
        -> (understanding: Understanding, modelVersion: Int?)
    /// Adds a labelled customer message as a training example, sealed under `subject`; returns the example's id.
    func addReviewedExample(intent: String, text: String, subject: String, conversation: UUID, turn: Int, by editor: String) async throws -> String
}
