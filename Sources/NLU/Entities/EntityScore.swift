/// Micro precision, recall and F1 of one entity type: matched predictions over predictions and
/// over gold annotations.
public struct EntityScore: Sendable, Equatable {
    public var truePositives = 0
    public var predicted = 0
    public var gold = 0

    public init(truePositives: Int = 0, predicted: Int = 0, gold: Int = 0) {
        self.truePositives = truePositives
        self.predicted = predicted
        self.gold = gold
    }

    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    public var f1: Double { predicted + gold == 0 ? 0 : 2 * Double(truePositives) / Double(predicted + gold) }

    public static func + (a: EntityScore, b: EntityScore) -> EntityScore {
        EntityScore(truePositives: a.truePositives + b.truePositives, predicted: a.predicted + b.predicted, gold: a.gold + b.gold)
    }
}

/// A gold annotation the extractor missed, or a prediction with no gold annotation to match.
public struct EntityError: Sendable, Equatable {
    public enum Outcome: String, Sendable { case miss, falseAlarm = "false_alarm" }
    public var set: String
    public var type: String
    public var outcome: Outcome
    public var message: String
    /// The annotated or predicted text.
    public var text: String
    /// The gold value of a miss, or the predicted value of a false alarm.
    public var value: String
    /// For a miss: what the extractor found overlapping the annotation, if anything.
    public var found: String

    public init(set: String, type: String, outcome: Outcome, message: String, text: String, value: String, found: String = "") {
        self.set = set
        self.type = type
        self.outcome = outcome
        self.message = message
        self.text = text
        self.value = value
        self.found = found
    }
}
