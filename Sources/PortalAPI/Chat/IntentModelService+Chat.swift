import Domain
import Foundation
import NLU

extension IntentModelService {
    /// Classifies with the live model, reusing a sentence vector the caller already has (the chat encodes each
    /// message once for the classifier and the knowledge-base search). Falls back like ``classify(_:)``.
    /// - Returns: the prediction and the version that made it; nil before the first promotion.
    func classify(_ text: String, embedding: [Float]?) async throws -> (prediction: IntentPrediction, version: Int)? {
        guard let model = live.withLock({ $0 }) else { return nil }
        if let primary = model.primary, primary.usesEmbeddings, let embedding, embedding.count == primary.embeddingDimension {
            return (try primary.classify(text, embedding: embedding), model.version)
        }
        guard let prediction = try await classify(text) else { return nil }
        return (prediction, model.version)
    }
}

/// The portal's understanding of chat messages: the live intent model (out-of-scope rejection included) and
/// the entity extractor, with the catalog's intents.
struct PortalChatUnderstanding: ChatUnderstanding {
    let models: IntentModelService

    func intents() -> [IntentDefinition] { models.catalog.activeDefinitions() }

    func understand(_ text: String, embedding: [Float]?, at date: Date, timeZone: TimeZone, categories: [ChatCategory]) async
        -> (understanding: Understanding, modelVersion: Int?) {
        var understanding = Understanding(text: text, intent: nil, confidence: 0)
        var version: Int?
        do {
            if let (prediction, v) = try await models.classify(text, embedding: embedding) {
                understanding.intent = prediction.label == Intent.outOfScopeLabel ? nil : prediction.label
                understanding.confidence = Double(prediction.confidence)
                version = v
            }
        } catch {
            models.logger.warning("chat message not classified: \(error)")
        }
        // The categories' names are the catalogue: "my billing question" names the billing category.
        let extractor = EntityExtractor(catalogue: categories.map { CatalogueTerm(id: $0.id, names: [$0.name, $0.id.replacingOccurrences(of: "-", with: " ")]) })
        understanding.entities = extractor.extract(text, reference: date, timeZone: timeZone).compactMap(Self.entity)
        return (understanding, version)
    }

    /// An extracted entity as the dialogue sees it (the kinds share their names).
    static func entity(_ e: ExtractedEntity) -> ChatEntity? {
        SlotKind(rawValue: e.kind.rawValue).map { ChatEntity(kind: $0, text: e.text, value: e.value) }
    }

    func addReviewedExample(intent: String, text: String, subject: String, conversation: UUID, turn: Int, by editor: String) async throws -> String {
        let example = try await models.addExample(intent: intent, text: text, subject: subject, source: .review(conversation: conversation, turn: turn),
                                                  author: editor)
        return example.id.uuidString.lowercased()
    }
}
