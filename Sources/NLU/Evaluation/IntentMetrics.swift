/// How predicted labels compare with the gold ones.
public struct IntentMetrics: Sendable, Hashable {
    /// Messages scored.
    public var count: Int
    /// Predictions equal to the gold label, over all messages.
    public var accuracy: Double
    /// The mean over labels (gold or predicted) of each label's F1 score.
    public var macroF1: Double
    /// With an out-of-scope label: in-scope messages whose prediction is their gold label (an
    /// out-of-scope prediction counts as wrong), over in-scope messages.
    public var inScopeAccuracy: Double?
    /// With an out-of-scope label: out-of-scope messages predicted out of scope, over out-of-scope messages.
    public var outOfScopeRecall: Double?
    public var inScopeCount: Int
    public var outOfScopeCount: Int

    /// Scores `predicted` against `gold` (same length); `outOfScopeLabel` marks out-of-scope messages.
    public init(gold: [String], predicted: [String], outOfScopeLabel: String? = nil) {
        precondition(gold.count == predicted.count)
        count = gold.count
        var truePositives: [String: Int] = [:], goldCounts: [String: Int] = [:], predictedCounts: [String: Int] = [:]
        var right = 0, inScope = 0, inScopeRight = 0, outOfScope = 0, outOfScopeRight = 0
        for (g, p) in zip(gold, predicted) {
            goldCounts[g, default: 0] += 1
            predictedCounts[p, default: 0] += 1
            if g == p {
                right += 1
                truePositives[g, default: 0] += 1
            }
            if let outOfScopeLabel {
                if g == outOfScopeLabel {
                    outOfScope += 1
                    if p == g { outOfScopeRight += 1 }
                } else {
                    inScope += 1
                    if p == g { inScopeRight += 1 }
                }
            }
        }
        accuracy = count == 0 ? 0 : Double(right) / Double(count)
        let labels = Set(goldCounts.keys).union(predictedCounts.keys)
        let f1 = labels.sorted().map { label -> Double in
            let tp = truePositives[label] ?? 0
            let denominator = (goldCounts[label] ?? 0) + (predictedCounts[label] ?? 0)
            return denominator == 0 ? 0 : 2 * Double(tp) / Double(denominator)
        }
        macroF1 = f1.isEmpty ? 0 : f1.reduce(0, +) / Double(f1.count)
        inScopeCount = inScope
        outOfScopeCount = outOfScope
        inScopeAccuracy = outOfScopeLabel == nil || inScope == 0 ? nil : Double(inScopeRight) / Double(inScope)
        outOfScopeRecall = outOfScopeLabel == nil || outOfScope == 0 ? nil : Double(outOfScopeRight) / Double(outOfScope)
    }

    /// The value at fraction `p` (0...1) of `values` by the nearest-rank method, or nil when empty.
    public static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((min(1, max(0, p)) * Double(sorted.count)).rounded(.up))
        return sorted[max(0, rank - 1)]
    }
}
