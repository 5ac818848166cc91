import CSodium
import Foundation
import Semantics
import Synchronization

/// A ``TextEncoder`` that remembers embeddings by the SHA-256 of their text, asking the encoder it
/// wraps only for texts it has not seen (each once, however often a request repeats it).
///
/// The table can be saved and loaded (``serialized()``, ``load(_:)``), so that an evaluation or a
/// retraining does not encode the same texts again. Keys are hashes, not texts: a saved cache does
/// not hold the messages themselves. Thread-safe.
public final class EmbeddingCache: TextEncoder {
    public let base: any TextEncoder
    private let table = Mutex<[Key: [Float]]>([:])

    /// The SHA-256 of a text's UTF-8 bytes.
    struct Key: Hashable, Sendable {
        let bytes: [UInt8]

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        init(text: String) {
            bytes = ModelChecksum.of(Array(text.utf8)[...])
        }
    }

    public init(wrapping base: any TextEncoder) {
        self.base = base
    }

    public var dimension: Int { base.dimension }

    /// Embeddings remembered.
    public var count: Int { table.withLock { $0.count } }

    func snapshot() -> [(key: Key, value: [Float])] {
        table.withLock { Array($0) }
    }

    /// Adds entries not yet present; returns how many were added.
    func insert(_ entries: [(Key, [Float])]) -> Int {
        table.withLock { table in
            var added = 0
            for (key, embedding) in entries where table[key] == nil {
                table[key] = embedding
                added += 1
            }
            return added
        }
    }

    public func encode(_ texts: [String]) async throws -> [[Float]] {
        let keys = texts.map(Key.init(text:))
        var missing: [String] = [], missingKeys: [Key] = []
        table.withLock { table in
            var queued = Set<Key>()
            for (text, key) in zip(texts, keys) where table[key] == nil && queued.insert(key).inserted {
                missing.append(text)
                missingKeys.append(key)
            }
        }
        if !missing.isEmpty {
            let fresh = try await base.encode(missing)
            guard fresh.count == missing.count else {
                throw IntentModelError.encoderAnswered(texts: missing.count, embeddings: fresh.count)
            }
            table.withLock { table in
                for (key, embedding) in zip(missingKeys, fresh) { table[key] = embedding }
            }
        }
        return try table.withLock { table in
            try keys.map { key in
                guard let embedding = table[key] else { throw IntentModelError.encoderAnswered(texts: texts.count, embeddings: 0) }
                return embedding
            }
        }
    }
}
