/// Splits labelled examples into a training part and a validation part with the same label
/// proportions, reproducibly.
public enum StratifiedSplit {
    /// The positions of `labels` to hold out: for each label (in sorted order) its positions are
    /// shuffled with a ``SplitMix64`` seeded by `seed`, and `round(fraction · count)` of them are
    /// held out — at least one when the label has two or more examples, never its last one.
    /// Returns the held-out positions in increasing order.
    public static func heldOut(labels: [String], fraction: Double, seed: UInt64) -> [Int] {
        var positions: [String: [Int]] = [:]
        for (position, label) in labels.enumerated() { positions[label, default: []].append(position) }
        var generator = SplitMix64(seed: seed)
        var held: [Int] = []
        for label in positions.keys.sorted() {
            var members = positions[label]!
            guard members.count >= 2, fraction > 0 else { continue }
            members.shuffle(using: &generator)
            let count = min(members.count - 1, max(1, Int((fraction * Double(members.count)).rounded())))
            held += members.prefix(count)
        }
        return held.sorted()
    }
}
