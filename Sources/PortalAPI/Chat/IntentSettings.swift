import Foundation
import NLU

/// The chatbot's intent classifier (`portalctl serve` options and `PortalConfiguration.intents`).
public struct IntentSettings: Sendable {
    /// Import the starter intents (`Resources/chat/intents.json`) and train the first model when the portal has
    /// no intents yet (`--demo-content`, so `make serve`).
    public var seedContent = false
    /// How often the schedule looks for changed intents or examples and retrains; nil: never (`--retrain-hours`).
    public var retrainInterval: Duration? = .seconds(6 * 3600)
    /// The share of each intent's examples (and of the out-of-scope examples) held out to compare a candidate
    /// with the live model. At least one per label when it has two or more examples; never its last one.
    public var heldOutFraction = 0.2
    /// Seeds the held-out split: the same examples are held out at every training.
    public var heldOutSeed: UInt64 = 20_250_601
    /// The trainer's settings (candidates, iterations, out-of-scope recall target).
    public var training = IntentTrainingOptions()

    public init() {}
}
