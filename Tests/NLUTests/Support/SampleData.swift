import Foundation
import NLU
import Testing

/// The BANKING77 sample in `Fixtures/` (20 intents; 20 training and 5 test messages each).
enum SampleData {
    static func examples(_ name: String) throws -> [IntentExample] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"))
        return try IntentCSV.examples([UInt8](try Data(contentsOf: url)), source: url.lastPathComponent)
    }

    static var train: [IntentExample] { get throws { try examples("banking77-sample-train") } }
    static var test: [IntentExample] { get throws { try examples("banking77-sample-test") } }

    /// Options small enough for a debug build: one regularisation, few iterations.
    static let quickOptions = IntentTrainingOptions(
        regularizations: [1e-4], embeddingWeights: [1], maximumIterations: 60, threads: 2)

    /// Four intents of three messages each, for tests that need a model but not a good one.
    static let tiny: [IntentExample] = [
        ("where is my new card", "card_arrival"), ("my card has not arrived yet", "card_arrival"),
        ("when will the card come", "card_arrival"),
        ("what is the exchange rate", "exchange_rate"), ("how much is one euro in dollars", "exchange_rate"),
        ("which rate do you use for currencies", "exchange_rate"),
        ("cancel my transfer please", "cancel_transfer"), ("stop the payment I just sent", "cancel_transfer"),
        ("can I undo a transfer", "cancel_transfer"),
        ("my pin is blocked", "pin_blocked"), ("I entered the wrong pin too many times", "pin_blocked"),
        ("unblock my pin", "pin_blocked"),
    ].map { IntentExample(text: $0.0, label: $0.1) }
}
