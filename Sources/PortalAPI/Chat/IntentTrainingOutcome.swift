import Domain
import Foundation

/// What one training did: the version recorded, both models' figures on the same held-out examples, the verdict.
public struct IntentTrainingOutcome: Codable, Sendable, Equatable {
    public var version: Int
    public var promoted: Bool
    public var trigger: IntentTrainingTrigger
    public var candidate: HeldOutScore
    /// The live model it was compared with (nil: there was none).
    public var currentVersion: Int?
    public var current: HeldOutScore?
    /// The version live after the training.
    public var liveVersion: Int?
    public var heldOut: Int
    public var heldOutOutOfScope: Int
    public var trainingExamples: Int
    public var labels: [String]
    public var usesEmbeddings: Bool
    public var trainSeconds: Double
    /// The log position of the verdict.
    public var position: UInt64
}
