import Crypto
import Foundation
import Projections

/// Splits the catalog's examples into a training part and a held-out part on which a candidate and the live
/// model are compared.
///
/// Stratified: within each label (the out-of-scope label included), `round(fraction · n)` examples are held out —
/// at least one when the label has two or more, never its last one. Seeded and stable: the examples of a label
/// are ordered by SHA-256(seed ‖ label ‖ text), so an example keeps its side from one training to the next (adding
/// examples moves only a few across), and the live model has rarely trained on what it is now scored on. The text,
/// not the example's id, decides: the same intents and examples give the same split — and so the same model — in
/// every portal, whenever they were imported (ids are fresh at each import).
enum IntentHeldOutSplit {
    static func split(_ examples: [IntentCatalogProjection.TrainingExample], fraction: Double, seed: UInt64)
        -> (training: [IntentCatalogProjection.TrainingExample], heldOut: [IntentCatalogProjection.TrainingExample]) {
        var byLabel: [String: [IntentCatalogProjection.TrainingExample]] = [:]
        for example in examples { byLabel[example.label, default: []].append(example) }
        var held = Set<UUID>()
        for (_, members) in byLabel where members.count >= 2 && fraction > 0 {
            let count = min(members.count - 1, max(1, Int((fraction * Double(members.count)).rounded())))
            let ordered = members.map { (key: rank($0, seed: seed), id: $0.id) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            held.formUnion(ordered.prefix(count).map(\.id))
        }
        return (examples.filter { !held.contains($0.id) }, examples.filter { held.contains($0.id) })
    }

    static func rank(_ example: IntentCatalogProjection.TrainingExample, seed: UInt64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: seed.littleEndian, Array.init)
        bytes += Array(example.label.utf8) + [0] + Array(example.text.utf8)
        return Array(SHA256.hash(data: bytes))
    }
}
