import Domain
import Foundation
import Semantics

extension SemanticVectorsProjection {
    /// Layout: dimension; the cache (hash, then the vector's floats as bit patterns) for the hashes
    /// items use; the items (key, owner or the nil UUID, kind, status, audience or "", hash). Queued texts are not written:
    /// restoring a snapshot with items still waiting for the encoder replays the log (see ``restore(from:)``).
    public func snapshot() throws -> [UInt8] {
        let (items, cache) = state.withLock { s in
            let used = Set(s.items.values.map(\.hash))
            s.snapshotGeneration = s.encodedGeneration
            return (s.items.sorted { $0.key < $1.key }, s.cache.filter { used.contains($0.key) })
        }
        var w = BinarySnapshotWriter(version: version, capacity: cache.count * (ContentHash.length + dimension * 4) + items.count * 96)
        w.append(UInt32(dimension))
        w.append(UInt32(cache.count))
        for (hash, vector) in cache.sorted(by: { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }) {
            for byte in hash.bytes { w.append(byte) }
            w.append(floats: vector)
        }
        w.append(UInt32(items.count))
        for (key, item) in items {
            w.append(key)
            w.append(item.owner?.uuid ?? Self.noOwner)
            w.append(item.kind)
            w.append(item.status)
            w.append(item.audience ?? "")
            for byte in item.hash.bytes { w.append(byte) }
        }
        return w.bytes
    }

    /// Whether the encoder added vectors since the last snapshot.
    public var hasUnsavedChanges: Bool { state.withLock { $0.encodedGeneration != $0.snapshotGeneration } }

    public func restore(from snapshot: [UInt8]) throws {
        var r = BinarySnapshotReader(snapshot)
        guard Int(try r.read(UInt32.self)) == dimension else { throw SnapshotMismatch(expected: dimension) }
        var cache: [ContentHash: [Float]] = [:]
        for _ in 0..<Int(try r.read(UInt32.self)) {
            let hash = try Self.readHash(&r)
            cache[hash] = try r.readFloats(count: dimension)
        }
        var items: [String: Item] = [:]
        for _ in 0..<Int(try r.read(UInt32.self)) {
            let key = try r.readString()
            let uuid = try r.readUUID()
            let kind = try r.readString(), status = try r.readString(), audience = try r.readString()
            items[key] = Item(owner: uuid == Self.noOwner ? nil : AccountID(uuid), kind: kind, status: status,
                              audience: audience.isEmpty ? nil : audience, hash: try Self.readHash(&r))
        }
        var passages: [String: Int] = [:]
        for key in items.keys where items[key]?.kind == Kind.knowledge {
            guard let hashMark = key.lastIndex(of: "#"), let n = Int(key[key.index(after: hashMark)...]) else { continue }
            passages[String(key[..<hashMark]), default: 0] = max(passages[String(key[..<hashMark])] ?? 0, n + 1)
        }
        let complete = state.withLock { s in
            s.items = items
            s.passages = passages
            s.cache.merge(cache) { _, stored in stored }
            s.index = VectorIndex(dimension: dimension)
            for (key, item) in items.sorted(by: { $0.key < $1.key }) {
                if let vector = s.cache[item.hash] { s.index.upsert(key, vector: vector, tags: item.tags) }
            }
            return s.index.count == items.count
        }
        // Texts that were still waiting for the encoder are not in a snapshot (only their hashes are). The runner then
        // replays the log from the start; the vectors restored above stay in the cache, so only those texts are encoded.
        guard complete else { throw SnapshotIncomplete(missing: items.count - state.withLock { $0.index.count }) }
    }

    struct SnapshotIncomplete: Error, CustomStringConvertible {
        let missing: Int
        var description: String { "\(missing) item(s) were still waiting for the encoder when it was written" }
    }

    /// The owner of knowledge-base passages in the snapshot (no customer has the nil UUID).
    static let noOwner = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    private static func readHash(_ r: inout BinarySnapshotReader) throws -> ContentHash {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ContentHash.length)
        for _ in 0..<ContentHash.length { bytes.append(try r.read(UInt8.self)) }
        return ContentHash(bytes)
    }

    /// Counts read from a stored snapshot without restoring it (for `portalctl semantic status`).
    public static func counts(ofSnapshot snapshot: [UInt8]) -> (items: Int, vectors: Int)? {
        var r = BinarySnapshotReader(snapshot)
        guard let dimension = try? Int(r.read(UInt32.self)), let cached = try? Int(r.read(UInt32.self)) else { return nil }
        var hashes = Set<ContentHash>()
        do {
            for _ in 0..<cached {
                hashes.insert(try readHash(&r))
                try r.skip(dimension * 4)
            }
            var items = 0, vectors = 0
            for _ in 0..<Int(try r.read(UInt32.self)) {
                _ = try r.readString()
                _ = try r.readUUID()
                _ = try r.readString()
                _ = try r.readString()
                _ = try r.readString()
                items += 1
                if hashes.contains(try readHash(&r)) { vectors += 1 }
            }
            return (items, vectors)
        } catch {
            return nil
        }
    }

    struct SnapshotMismatch: Error, CustomStringConvertible {
        let expected: Int
        var description: String { "the snapshot holds vectors of another length than \(expected)" }
    }
}
