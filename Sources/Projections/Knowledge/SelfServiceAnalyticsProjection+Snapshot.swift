import Foundation

/// JSON snapshot (``SnapshotCodec``) of the whole state but the key index, which is rebuilt. Its size is bounded by
/// the day limit (400 days of counts), the visitor limit and the number of items.
extension SelfServiceAnalyticsProjection {
    public func snapshot() throws -> [UInt8] {
        try SnapshotCodec.encode(state.withLock { $0 }, version: version)
    }

    /// Refuses a snapshot of another version or one that refers to items it does not list.
    public func restore(from snapshot: [UInt8]) throws {
        guard SnapshotCodec.version(of: snapshot) == version else {
            throw SelfServiceSnapshotError("version \(SnapshotCodec.version(of: snapshot).map(String.init) ?? "none") is not \(version)")
        }
        var restored = try SnapshotCodec.decode(State.self, from: snapshot)
        for (i, item) in restored.items.enumerated() {
            guard restored.index.updateValue(i, forKey: item.key) == nil else { throw SelfServiceSnapshotError("item \(item.key) twice") }
        }
        let known = 0..<restored.items.count
        var references: [Int] = Array(restored.votes.keys)
        for day in restored.days.values { references += Array(day.views.keys) + Array(day.suggestionOpens.keys) }
        for set in restored.sets.values { references += set.items }
        for history in restored.histories.values { references += history.items }
        for (item, others) in restored.coViews { references += [item] + Array(others.keys) }
        guard references.allSatisfy(known.contains) else { throw SelfServiceSnapshotError("an item index out of range") }
        state.withLock { $0 = restored }
    }
}

/// A self-service analytics snapshot that is whole but not one the projection can use.
struct SelfServiceSnapshotError: Error, CustomStringConvertible {
    var description: String
    init(_ what: String) { description = "self-service analytics snapshot: \(what)" }
}
