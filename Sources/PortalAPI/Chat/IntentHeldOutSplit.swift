import Crypto
import Foundation
import Projections

/// Splits the catalog's examples into a training part and a held-out part on which a candidate and the live
/// model are compared.
///
/// Stratified: within each label (the out-of-scope label included), `round(fraction · n)` examples are held out —
/// at least one when the label has two or more, never its last one. Seeded and stable: the examples of a label
/// are ordered by SHA-256(seed ‖ example id), so an example keeps its side from one training to the next (adding
/// examples moves only a few across), and the live model has rarely trained on what it is now scored on.
enum IntentHeldOutSplit {
    static func split(_ examples: [IntentCatalogProjection.TrainingExample], fraction: Double, seed: UInt64)
        -> (training: [IntentCatalogProjection.TrainingExample], heldOut: [IntentCatalogProjection.TrainingExample]) {
        var byLabel: [String: [IntentCatalogProjection.TrainingExample]] = [:]
        for example in examples { byLabel[example.label, default: []].append(example) }
        var held = Set<UUID>()
        for (_, members) in byLabel where members.count >= 2 && fraction > 0 {
            let count = min(members.count - 1, max(1, Int((fraction * Double(members.count)).rounded())))
            let ordered = members.map { (key: rank($0.id, seed: seed), id: $0.id) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            held.formUnion(ordered.prefix(count).map(\.id))
        }
        return (examples.filter { !held.contains($0.id) }, examples.filter { held.contains($0.id) })
    }

    static func rank(_ id: UUID, seed: UInt64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: seed.littleEndian, Array.init)
        bytes += withUnsafeBytes(of: id.uuid, Array.init)
        return Array(SHA256.hash(data: bytes))
    }
}
