import NLU
import Testing

@Suite("Training the intent classifier")
struct IntentTrainerTests {
    @Test("the BANKING77 sample: TF-IDF alone classifies most held-out messages right")
    func sampleAccuracy() async throws {
        let training = try await IntentTrainer(options: SampleData.quickOptions).train(try SampleData.train)
        let test = try SampleData.test
        let result = try await IntentEvaluation(outOfScopeLabel: nil, latencySamples: 0)
            .run(training.model, on: test, encoder: nil, latencyEncoder: nil)
        #expect(training.model.labels.count == 20)
        #expect(training.report.retrainedOnAll)
        #expect(training.report.validationInScope == 40)   // 10 % of 20 messages per intent
        #expect(training.model.threshold == 0)             // no out-of-scope examples: nothing is rejected
        #expect(result.metrics.count == 100)
        #expect(result.metrics.accuracy >= 0.85, "accuracy \(result.metrics.accuracy)")   // 0.91 when written
    }

    @Test("the same data gives the same model, byte for byte, whatever the thread count")
    func deterministic() async throws {
        var options = SampleData.quickOptions
        options.regularizations = [1e-3, 1e-4]
        let train = Array(try SampleData.train.prefix(200))
        let first = try await IntentTrainer(options: options).train(train)
        options.threads = 1
        let second = try await IntentTrainer(options: options).train(train)
        #expect(first.model.serialized() == second.model.serialized())
        #expect(first.report.candidates == second.report.candidates)
    }

    @Test("with an encoder the model reads embeddings, and needs one to classify")
    func withEncoder() async throws {
        let encoder = HashingEncoder()
        var options = SampleData.quickOptions
        options.embeddingWeights = [1, 2]
        let training = try await IntentTrainer(options: options).train(SampleData.tiny, encoder: encoder)
        let model = training.model
        #expect(model.usesEmbeddings)
        #expect(model.embeddingDimension == 16)
        #expect(training.report.candidates.count == 2)
        #expect(training.report.encodedTexts == SampleData.tiny.count)
        let prediction = try await model.classify("my card has still not arrived", encoder: encoder)
        #expect(prediction.intent == "card_arrival")
        #expect(prediction.top.count == 4)
        #expect(prediction.top.map(\.probability).reduce(0, +) > 0.999)
        #expect(throws: IntentModelError.embeddingRequired) { try model.classify("hello") }
        #expect(throws: IntentModelError.embeddingDimension(expected: 16, found: 3)) { try model.classify("hello", embedding: [1, 0, 0]) }
        #expect(throws: IntentModelError.embeddingNotFinite) {
            try model.classify("hello", embedding: [.nan] + [Float](repeating: 0, count: 15))
        }
    }

    @Test("out-of-scope examples are set aside from training and used to choose the threshold")
    func outOfScope() async throws {
        let outside = ["what is the weather tomorrow", "tell me a joke", "who won the football match", "play some music"]
            .map { IntentExample(text: $0, label: "oos") }
        let validation = [
            IntentExample(text: "where is my card", label: "card_arrival"),
            IntentExample(text: "what rate for euros", label: "exchange_rate"),
            IntentExample(text: "cancel this transfer", label: "cancel_transfer"),
            IntentExample(text: "pin blocked again", label: "pin_blocked"),
        ] + outside
        var options = SampleData.quickOptions
        options.outOfScopeRecallTarget = 0.75
        let training = try await IntentTrainer(options: options)
            .train(SampleData.tiny + [IntentExample(text: "is it sunny", label: "oos")], validation: validation, outOfScopeLabel: "oos")
        #expect(!training.model.labels.contains("oos"))
        #expect(training.report.setAside == 1)
        #expect(!training.report.retrainedOnAll)
        #expect(training.report.validationOutOfScope == 4)
        #expect((training.report.threshold.outOfScopeRecall ?? 0) >= 0.75)
        #expect(training.model.threshold > 0)
    }

    @Test("unusable training data is refused with a reason")
    func refusals() async throws {
        let trainer = IntentTrainer(options: SampleData.quickOptions)
        await #expect(throws: IntentTrainingError.tooFewIntents(1)) {
            try await trainer.train([IntentExample(text: "a", label: "x"), IntentExample(text: "b", label: "x")])
        }
        await #expect(throws: IntentTrainingError.emptyLabel(position: 1)) {
            try await trainer.train([IntentExample(text: "a", label: "x"), IntentExample(text: "b", label: "")])
        }
        await #expect(throws: IntentTrainingError.tooFewIntents(0)) { try await trainer.train([]) }
        var options = SampleData.quickOptions
        options.regularizations = [-1]
        await #expect(throws: IntentTrainingError.self) { try await IntentTrainer(options: options).train(SampleData.tiny) }
    }
}
