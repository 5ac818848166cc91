/// Chooses the confidence below which a message is answered as out of scope.
///
/// **Rule**: the lowest threshold at which at least ``recallTarget`` of the validation set's
/// out-of-scope messages fall below it. In-scope accuracy can only fall as the threshold rises, so
/// this is the threshold with the best in-scope validation accuracy among those meeting the recall
/// target. Precisely: with the out-of-scope confidences sorted ascending `o₁ ≤ … ≤ oₘ` and
/// `k = ⌈target · m⌉`, the threshold lies halfway between `oₖ` and the next higher confidence seen
/// on validation (in or out of scope), so that messages as unsure as `oₖ` are rejected. Without
/// out-of-scope messages (or with a target of 0) the threshold is 0: nothing is rejected.
public struct OutOfScopeThreshold: Sendable, Hashable {
    public var recallTarget: Double

    public init(recallTarget: Double) {
        self.recallTarget = recallTarget
    }

    /// What a threshold does on a validation set.
    public struct Outcome: Sendable, Hashable {
        public var threshold: Float
        /// In-scope messages whose top intent is right and not rejected, over all in-scope messages.
        public var inScopeAccuracy: Double
        /// Out-of-scope messages rejected, over all out-of-scope messages (nil without any).
        public var outOfScopeRecall: Double?
    }

    /// The threshold for validation predictions: `inScope` as (top confidence, whether the top
    /// intent is right), `outOfScope` as top confidences.
    public func choose(inScope: [(confidence: Float, correct: Bool)], outOfScope: [Float]) -> Outcome {
        var threshold: Float = 0
        let sorted = outOfScope.filter { !$0.isNaN }.sorted()
        let needed = Int((recallTarget * Double(sorted.count)).rounded(.up))
        if needed > 0, needed <= sorted.count {
            let bound = sorted[needed - 1]
            let above = (inScope.map(\.confidence) + sorted).filter { $0 > bound }.min()
            threshold = above.map { bound + ($0 - bound) / 2 } ?? bound.nextUp
            if threshold <= bound { threshold = bound.nextUp }
        }
        return Self.outcome(threshold, inScope: inScope, outOfScope: outOfScope)
    }

    /// The in-scope accuracy and out-of-scope recall `threshold` gives.
    public static func outcome(_ threshold: Float, inScope: [(confidence: Float, correct: Bool)], outOfScope: [Float]) -> Outcome {
        let right = inScope.filter { $0.correct && $0.confidence >= threshold }.count
        let rejected = outOfScope.filter { $0 < threshold }.count
        return Outcome(
            threshold: threshold,
            inScopeAccuracy: inScope.isEmpty ? 0 : Double(right) / Double(inScope.count),
            outOfScopeRecall: outOfScope.isEmpty ? nil : Double(rejected) / Double(outOfScope.count))
    }
}
