import Domain
import Foundation
import Logging
import NLU
@testable import PortalAPI
import Projections
import Semantics
import Synchronization
import Testing

/// The intent model service on a real portal without the sentence encoder (TF-IDF alone), as most portals in tests run.
@Suite("Intent models: training, promotion, loading")
struct IntentServiceTests {
    /// A portal on `folder` (kept between openings), with the starter intents when `seed` is set.
    static func open(_ folder: String, seed: Bool = false, configure: (inout IntentSettings) -> Void = { _ in }) async throws -> Portal {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        var configuration = PortalConfiguration.testing(dataFolder: folder)
        configuration.intents.seedContent = seed
        configure(&configuration.intents)
        return try await Portal.open(configuration, logger: logger)
    }

    static func folder() -> String { NSTemporaryDirectory() + "portal-intent-tests-" + UUID().uuidString }

    @Test func theStarterIntentsAreTrainedAtFirstStartAndClassifyWithoutTheEncoder() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let portal = try await Self.open(folder, seed: true)
        #expect(portal.intents.modelVersion == 1)
        #expect(try await portal.intents.classify("hello there")?.label == "greeting")
        #expect(try await portal.intents.classify("talk to a person")?.label == "handoff")
        #expect(try await portal.intents.classify("my parcel still hasn't arrived")?.label == "order_not_arrived")
        let answer = try #require(portal.intents.definition(of: "order_not_arrived"))
        #expect(answer.action == .answer && answer.slots.map(\.name) == ["order_date"] && answer.answer?.contains("{order_date}") == true)
        #expect(portal.intents.definition(of: Intent.outOfScopeLabel) == nil)
        let history = portal.intents.catalog.models().history
        let first = try #require(history.version(1))
        #expect(first.trained.trigger == .seed)
        #expect(first.promoted == true && first.comparedWith == nil)
        #expect(first.trained.files.map(\.kind) == [.primary])
        #expect(first.trained.heldOut > 0 && first.trained.heldOutOutOfScope > 0)
        #expect(first.trained.labels.contains("greeting") && !first.trained.labels.contains(Intent.outOfScopeLabel))
        #expect(!portal.intents.catalog.changedSinceLastTraining)
        // A second start finds intents and imports nothing.
        await portal.shutdown()
        let again = try await Self.open(folder, seed: true)
        #expect(again.intents.catalog.models().history.versions.count == 1)
        #expect(again.intents.modelVersion == 1)
        await again.shutdown()
    }

    @Test func aCandidateNotWorseIsPromotedAndTheRecordCarriesBothFigures() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let portal = try await Self.open(folder, seed: true)
        let first = try #require(portal.intents.catalog.models().history.version(1))
        // The same examples and settings train the same model: a tie, and ties promote.
        let outcome = try await portal.intents.train(trigger: .editor, author: "test")
        #expect(outcome.version == 2 && outcome.promoted)
        #expect(outcome.currentVersion == 1)
        #expect(outcome.current == outcome.candidate)
        #expect(outcome.candidate == first.trained.score)
        let second = try #require(portal.intents.catalog.models().history.version(2))
        #expect(second.promoted == true && second.comparedWith == 1 && second.comparedScore == outcome.current)
        #expect(portal.intents.modelVersion == 2)
        await portal.shutdown()
    }

    @Test func aWorseCandidateIsRejectedTheOldVersionStaysLiveAndARestartLoadsItFromItsBlob() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let portal = try await Self.open(folder, seed: true)
        let before = try await portal.intents.classify("agent please")
        await portal.shutdown()

        // Restarted with a trainer that can hardly learn anything: one iteration under a crushing penalty.
        let restarted = try await Self.open(folder) { settings in
            settings.training.regularizations = [900]
            settings.training.maximumIterations = 1
        }
        #expect(restarted.intents.modelVersion == 1)
        #expect(try await restarted.intents.classify("agent please") == before)
        let outcome = try await restarted.intents.train(trigger: .editor, author: "test")
        #expect(outcome.version == 2)
        #expect(!outcome.promoted)
        let current = try #require(outcome.current)
        #expect(outcome.candidate.accuracy < current.accuracy)
        #expect(outcome.currentVersion == 1 && outcome.liveVersion == 1)
        #expect(restarted.intents.modelVersion == 1)
        #expect(try await restarted.intents.classify("agent please") == before)
        let history = restarted.intents.catalog.models().history
        #expect(history.promotedVersion == 1)
        #expect(history.version(2)?.promoted == false && history.version(2)?.comparedScore == current)
        await restarted.shutdown()
    }

    @Test func theScheduleRetrainsOnlyWhenTheExamplesChanged() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let portal = try await Self.open(folder, seed: true) { $0.retrainInterval = .milliseconds(100) }
        #expect(!portal.intents.catalog.changedSinceLastTraining)
        try await portal.intents.addExample(intent: "greeting", text: "good morning, team", subject: nil, source: .editor, author: "test")
        #expect(portal.intents.catalog.changedSinceLastTraining)
        // Waits (up to a generous deadline, never asserting how long) for the schedule to notice.
        let deadline = ContinuousClock.now + .seconds(120)
        while portal.intents.catalog.models().history.versions.count < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let history = portal.intents.catalog.models().history
        #expect(history.versions.map(\.trained.trigger) == [.seed, .schedule])
        #expect(!portal.intents.catalog.changedSinceLastTraining)
        // Nothing changed since: a few more rounds of the schedule train nothing.
        try await Task.sleep(for: .milliseconds(500))
        #expect(portal.intents.catalog.models().history.versions.count == 2)
        await portal.shutdown()
    }

    @Test func aDamagedModelFileIsNotLoaded() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let portal = try await Self.open(folder, seed: true)
        let file = try #require(portal.intents.catalog.models().history.version(1)?.trained.files.first)
        await portal.shutdown()
        let blobs = try #require(FileManager.default.enumerator(atPath: folder + "/blobs")?.compactMap { $0 as? String }
            .first { $0.contains(file.blob) })
        try FileManager.default.removeItem(atPath: folder + "/blobs/" + blobs)
        let restarted = try await Self.open(folder)
        #expect(restarted.intents.modelVersion == nil)
        #expect(try await restarted.intents.classify("hello") == nil)
        await restarted.shutdown()
    }

    @Test func trainingNeedsTwoIntentsWithExamples() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let portal = try await Self.open(folder)
        #expect(try await portal.intents.classify("hello") == nil)
        try await portal.intents.define(IntentDefinition(name: "greeting", title: "Greeting", action: .greeting), author: "test")
        try await portal.intents.addExample(intent: "greeting", text: "hello", subject: nil, source: .editor, author: "test")
        await #expect(throws: ProblemDetails.self) { try await portal.intents.train(trigger: .editor, author: "test") }
        #expect(portal.intents.catalog.models().history.versions.isEmpty)
        await portal.shutdown()
    }

    @Test func theHeldOutSplitIsStratifiedStableAndKeepsEachLabelsLastExample() {
        func examples(_ label: String, _ n: Int) -> [IntentCatalogProjection.TrainingExample] {
            (0..<n).map { IntentCatalogProjection.TrainingExample(id: UUID(), text: "\(label) \($0)", label: label) }
        }
        let all = examples("greeting", 20) + examples("handoff", 10) + examples("thanks", 1) + examples("out_of_scope", 2)
        let (training, heldOut) = IntentHeldOutSplit.split(all, fraction: 0.2, seed: 7)
        #expect(training.count + heldOut.count == all.count)
        let held = Dictionary(heldOut.map { ($0.label, 1) }, uniquingKeysWith: +)
        #expect(held == ["greeting": 4, "handoff": 2, "out_of_scope": 1])
        // The same seed and ids give the same split, whatever the order; new examples move few across.
        #expect(Set(IntentHeldOutSplit.split(all.reversed(), fraction: 0.2, seed: 7).heldOut.map(\.id)) == Set(heldOut.map(\.id)))
        let grown = IntentHeldOutSplit.split(all + examples("greeting", 1), fraction: 0.2, seed: 7).heldOut
        #expect(Set(heldOut.map(\.id)).subtracting(grown.map(\.id)).count <= 1)
    }
}

/// A stand-in sentence encoder: hashed character trigrams in 64 numbers, the same for the same text.
final class TrigramEncoder: TextEncoder {
    let dimension = 64
    let calls = Mutex(0)

    func encode(_ texts: [String]) async throws -> [[Float]] {
        calls.withLock { $0 += texts.count }
        return texts.map { text in
            var v = [Float](repeating: 0, count: dimension)
            let scalars = Array(" \(text.lowercased()) ".unicodeScalars)
            for k in 0..<max(0, scalars.count - 2) {
                var h: UInt32 = 2_166_136_261
                for s in scalars[k..<(k + 3)] { h = (h ^ s.value) &* 16_777_619 }
                v[Int(h % UInt32(dimension))] += 1
            }
            return v
        }
    }
}

@Suite("Intent models: with an encoder, and the TF-IDF fallback")
struct IntentFallbackTests {
    @Test func aVersionTrainedWithEmbeddingsStoresAFallbackThatAPortalWithoutTheEncoderUses() async throws {
        let folder = IntentServiceTests.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let portal = try await IntentServiceTests.open(folder, seed: true)
        let encoder = TrigramEncoder()
        func service(_ encoder: (any TextEncoder)?) -> IntentModelService {
            IntentModelService(store: portal.store, runner: portal.runner, identity: portal.identity, catalog: portal.intents.catalog, blobs: portal.blobs,
                               encoder: encoder, settings: portal.configuration.intents, logger: Logger(label: "test"))
        }
        let withEncoder = service(encoder)
        await withEncoder.loadPromoted()
        let outcome = try await withEncoder.train(trigger: .editor, author: "test")
        #expect(outcome.usesEmbeddings)
        let trained = try #require(portal.intents.catalog.models().history.version(outcome.version)?.trained)
        #expect(trained.files.map(\.kind) == [.primary, .fallback])
        #expect(trained.files.map(\.usesEmbeddings) == [true, false])
        #expect(trained.settings.embeddingWeight > 0)

        // Unchanged examples are not encoded again by the next training.
        let encoded = encoder.calls.withLock { $0 }
        _ = try await withEncoder.train(trigger: .editor, author: "test")
        #expect(encoder.calls.withLock { $0 } == encoded)

        // Without the encoder only the fallback is read, and it answers.
        let withoutEncoder = service(nil)
        let loaded = try withoutEncoder.load(trained)
        #expect(loaded.primary == nil && loaded.fallback != nil)
        withoutEncoder.live.withLock { $0 = loaded }
        #expect(withoutEncoder.modelVersion == outcome.version)
        #expect(try await withoutEncoder.classify("hello there")?.intent == "greeting")
        await portal.shutdown()
    }
}
