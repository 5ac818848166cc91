/// What the classifier makes of one message.
public struct IntentPrediction: Sendable, Hashable {
    /// The most probable intent, whether or not it was rejected.
    public let intent: String
    /// The softmax probability of ``intent``.
    public let confidence: Float
    /// True when ``confidence`` is below the model's threshold: the message matches no intent well
    /// enough, and a chatbot should say so (or hand over) rather than act on ``intent``.
    public let isOutOfScope: Bool
    /// The most probable intents, best first.
    public let top: [IntentScore]

    public init(intent: String, confidence: Float, isOutOfScope: Bool, top: [IntentScore]) {
        self.intent = intent
        self.confidence = confidence
        self.isOutOfScope = isOutOfScope
        self.top = top
    }

    /// The intent to act on, or nil when the message is out of scope.
    public var label: String? { isOutOfScope ? nil : intent }
}

/// One intent and its probability.
public struct IntentScore: Sendable, Hashable {
    public let label: String
    public let probability: Float

    public init(label: String, probability: Float) {
        self.label = label
        self.probability = probability
    }
}
