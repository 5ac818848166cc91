import Foundation

/// A data set in the layout of CLINC150's `data_full.json`: one JSON object whose keys name splits
/// (`train`, `val`, `test`, `oos_train`, `oos_val`, `oos_test`), each a list of `[text, intent]` pairs.
public struct ClincDataset: Sendable {
    /// The label CLINC150 gives out-of-scope messages.
    public static let outOfScopeLabel = "oos"

    /// Every list of pairs in the file, by key.
    public let splits: [String: [IntentExample]]
    let source: String

    /// Parses `bytes`; `source` names the file in errors.
    /// - Throws: ``IntentDataError/json(source:problem:)`` naming the split and row of a bad entry.
    public init(_ bytes: [UInt8], source: String) throws(IntentDataError) {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw .json(source: source, problem: "not valid JSON (\(error.localizedDescription))")
        }
        guard let object = root as? [String: Any] else {
            throw .json(source: source, problem: "the top level must be an object of splits such as \"train\" and \"test\"")
        }
        var splits: [String: [IntentExample]] = [:]
        for (key, value) in object {
            guard let rows = value as? [Any] else { continue }
            var examples: [IntentExample] = []
            examples.reserveCapacity(rows.count)
            for (position, row) in rows.enumerated() {
                guard let pair = row as? [Any], pair.count == 2, let text = pair[0] as? String, let label = pair[1] as? String else {
                    throw .json(source: source, problem: "\"\(key)\" entry \(position + 1) is not a [text, intent] pair of strings")
                }
                guard !text.trimmed.isEmpty, !label.trimmed.isEmpty else {
                    throw .json(source: source, problem: "\"\(key)\" entry \(position + 1) has an empty text or intent")
                }
                examples.append(IntentExample(text: text, label: label.trimmed))
            }
            splits[key] = examples
        }
        self.splits = splits
        self.source = source
    }

    /// The examples of the named splits, in the order given.
    /// - Throws: ``IntentDataError/missingSplit(source:split:)`` for a split the file lacks.
    public func examples(_ names: [String]) throws(IntentDataError) -> [IntentExample] {
        var examples: [IntentExample] = []
        for name in names {
            guard let split = splits[name] else { throw .missingSplit(source: source, split: name) }
            examples += split
        }
        return examples
    }

    /// Whether the split exists.
    public func has(_ name: String) -> Bool { splits[name] != nil }
}
