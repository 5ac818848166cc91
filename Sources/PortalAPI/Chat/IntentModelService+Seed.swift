import Domain
import EventStore
import Foundation

extension IntentModelService {
    /// The starter intents as shipped in `Resources/chat/intents.json`.
    struct SeedFile: Decodable {
        struct SeedIntent: Decodable {
            var definition: IntentDefinition
            var examples: [String]
            enum CodingKeys: String, CodingKey { case examples }
            init(from decoder: any Decoder) throws {
                definition = try IntentDefinition(from: decoder)
                examples = try decoder.container(keyedBy: CodingKeys.self).decode([String].self, forKey: .examples)
            }
        }

        var intents: [SeedIntent]
        var outOfScope: [String]

        static func load() throws -> SeedFile {
            guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("chat/intents.json") else {
                throw CocoaError(.fileNoSuchFile)
            }
            return try JSONDecoder().decode(SeedFile.self, from: Data(contentsOf: url))
        }
    }

    /// Imports the starter intents and their examples when the portal has none yet, then trains the first model
    /// (trigger `seed`). Each intent and its examples are one append to its stream.
    /// - Returns: the first training's outcome, or nil when the catalog was not empty.
    @discardableResult
    public func importSeedIntentsIfEmpty() async throws -> IntentTrainingOutcome? {
        _ = await runner.waitUntil(store.lastPosition, projections: [catalog.name], timeout: .seconds(60))
        guard catalog.isEmpty else { return nil }
        let seed = try SeedFile.load()
        let author = "seed"
        let context = DecisionContext(now: Date(), newID: { UUIDv7.make() })
        var last: UInt64 = 0
        for entry in seed.intents {
            let defined = try Intent.decideDefine(entry.definition, author: author, existing: Intent())
            var state = Intent().evolve(defined, at: context.now)
            var events: [any DomainEvent] = [defined]
            for text in entry.examples {
                let added = try state.decideAddExample(to: defined.definition.name, text: text, source: .seed, author: author, context: context)
                state = state.evolve(added, at: context.now)
                events.append(added)
            }
            last = try await append(events, stream: Intent.stream(defined.definition.name), expected: .noStream, actor: author)
        }
        var state = Intent(), events: [any DomainEvent] = []
        for text in seed.outOfScope {
            let added = try state.decideAddExample(to: Intent.outOfScopeLabel, text: text, source: .seed, author: author, context: context)
            state = state.evolve(added, at: context.now)
            events.append(added)
        }
        if !events.isEmpty { last = try await append(events, stream: Intent.stream(Intent.outOfScopeLabel), expected: .noStream, actor: author) }
        await settle(last)
        logger.info("imported \(seed.intents.count) starter intents and \(seed.outOfScope.count) out-of-scope examples")
        return try await train(trigger: .seed, author: author)
    }
}
