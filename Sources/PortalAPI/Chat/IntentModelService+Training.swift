import Domain
import EventStore
import Foundation
import NLU
import Projections
import Semantics

extension IntentModelService {
    /// Trains a candidate on the catalog's examples (an editor asked for it: `POST /api/v1/chat/models`).
    public func train(by account: AccountID) async throws -> IntentTrainingOutcome {
        try await train(trigger: .editor, author: try requireEditor(account))
    }

    /// Trains a candidate model, compares it with the live one on the same held-out examples, records the version
    /// and the verdict, and makes the candidate live when it is not worse. One training runs at a time; others wait.
    ///
    /// 1. The examples: every readable example of the active intents, and the out-of-scope examples.
    /// 2. The held-out part (``IntentHeldOutSplit``, ``IntentSettings/heldOutFraction``) is set aside.
    /// 3. The candidate is trained on the rest with ``IntentTrainer`` (which chooses its settings and threshold on
    ///    a validation part of its own); with the encoder, a TF-IDF-only fallback is trained on the same examples.
    /// 4. The candidate and the live model classify the held-out examples, as they would serve here.
    /// 5. `IntentModelTrained` and `IntentModelPromoted` or `IntentModelRejected` are appended together.
    /// - Throws: a 422 problem when fewer than two intents have examples.
    public func train(trigger: IntentTrainingTrigger, author: String = "portalctl") async throws -> IntentTrainingOutcome {
        try await queue.run { try await self.trainNow(trigger: trigger, author: author) }
    }

    private func trainNow(trigger: IntentTrainingTrigger, author: String) async throws -> IntentTrainingOutcome {
        _ = await runner.waitUntil(store.lastPosition, projections: [catalog.name], timeout: .seconds(60))
        let started = ContinuousClock.now
        let set = catalog.trainingSet()
        let outOfScope = Intent.outOfScopeLabel
        let inScopeLabels = Set(set.examples.map(\.label)).subtracting([outOfScope])
        guard inScopeLabels.count >= 2 else {
            throw ProblemDetails(type: "too-few-intents", title: "Too few intents to train", status: .unprocessableContent,
                                 detail: "Training needs at least two intents with examples; \(inScopeLabels.count) have some.")
        }
        let (training, heldOut) = IntentHeldOutSplit.split(set.examples, fraction: settings.heldOutFraction, seed: settings.heldOutSeed)
        let examples = training.map { IntentExample(text: $0.text, label: $0.label) }
        let trainer = IntentTrainer(options: settings.training)
        let primary: IntentTraining, fallback: IntentTraining?
        do {
            primary = try await trainer.train(examples, outOfScopeLabel: outOfScope, encoder: trainingEncoder)
            fallback = trainingEncoder == nil ? nil : try await trainer.train(examples, outOfScopeLabel: outOfScope, encoder: nil)
        } catch let error as IntentTrainingError {
            throw ProblemDetails(type: "training-failed", title: "Training failed", status: .unprocessableContent, detail: error.description)
        }
        let candidate = LiveModel(version: 0, primary: primary.model, fallback: fallback?.model)
        let candidateScore = try await score(candidate, on: heldOut)
        let current = live.withLock { $0 }
        var currentScore: HeldOutScore?
        if let current { currentScore = try await score(current, on: heldOut) }
        let trainSeconds = (ContinuousClock.now - started).inSeconds

        var files = [try store(primary.model, kind: .primary)]
        if let fallback { files.append(try store(fallback.model, kind: .fallback)) }
        let chosen = primary.report.chosen
        let (history, streamVersion) = catalog.models()
        let trained = try history.decideTrained(IntentModelTrained(
            version: history.nextVersion, files: files, labels: primary.model.labels,
            trainingExamples: Dictionary(training.map { ($0.label, 1) }, uniquingKeysWith: +),
            settings: IntentTrainingSettings(regularization: chosen.regularization, embeddingWeight: chosen.embeddingWeight,
                                             threshold: primary.model.threshold, heldOutFraction: settings.heldOutFraction, seed: settings.heldOutSeed),
            trainSeconds: trainSeconds, heldOut: heldOut.count, heldOutOutOfScope: heldOut.filter { $0.label == outOfScope }.count,
            score: candidateScore, trigger: trigger, catalogPosition: set.position, author: author))
        // The live model is compared only when it is the version the log calls promoted.
        let compared = current?.version == history.promotedVersion ? currentScore : nil
        let verdict = try history.evolve(trained, at: Date()).decideVerdict(trained.version, candidate: candidateScore, current: compared)
        let position = try await append([trained, verdict.event], stream: IntentModelHistory.stream,
                                        expected: streamVersion == 0 ? .noStream : .exact(streamVersion), actor: author)
        if verdict.isPromoted {
            live.withLock { $0 = LiveModel(version: trained.version, primary: candidate.primary, fallback: candidate.fallback) }
        }
        await settle(position)
        logger.info("intent model version \(trained.version) \(verdict.isPromoted ? "promoted" : "rejected"): held-out accuracy \(candidateScore.accuracy) against \(compared.map { "\($0.accuracy)" } ?? "none")")
        return IntentTrainingOutcome(
            version: trained.version, promoted: verdict.isPromoted, trigger: trigger, candidate: candidateScore,
            currentVersion: compared == nil ? nil : current?.version, current: compared, liveVersion: modelVersion,
            heldOut: trained.heldOut, heldOutOutOfScope: trained.heldOutOutOfScope, trainingExamples: training.count,
            labels: trained.labels, usesEmbeddings: primary.model.usesEmbeddings, trainSeconds: trainSeconds, position: position)
    }

    /// A model's figures on the held-out examples, classifying as it would serve here. An example counts as right
    /// when an in-scope one gets its intent, or an out-of-scope one is rejected.
    func score(_ model: LiveModel, on heldOut: [IntentCatalogProjection.TrainingExample]) async throws -> HeldOutScore {
        guard !heldOut.isEmpty, let (served, encoder) = served(model) else { return HeldOutScore(accuracy: 0, outOfScopeRecall: nil) }
        let predictions = try await served.classify(heldOut.map(\.text), encoder: encoder)
        let metrics = IntentMetrics(gold: heldOut.map(\.label), predicted: predictions.map { $0.label ?? Intent.outOfScopeLabel },
                                    outOfScopeLabel: Intent.outOfScopeLabel)
        return HeldOutScore(accuracy: metrics.accuracy, outOfScopeRecall: metrics.outOfScopeRecall)
    }
}

extension Duration {
    var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
