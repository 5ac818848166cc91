/// The stored form of an ``EmbeddingCache``: magic `NLUE`, `UInt16` version (1), `UInt16` flags,
/// `UInt32` dimension, `UInt64` count, then per entry the 32-byte key and the `Float32` embedding,
/// and a SHA-256 of everything before it. Little-endian throughout.
extension EmbeddingCache {
    static let magic: [UInt8] = Array("NLUE".utf8)

    /// Why saved cache bytes were refused.
    public struct StorageError: Error, Equatable, CustomStringConvertible {
        public let problem: String
        public var description: String { "the embedding cache is unusable: \(problem)" }
    }

    /// The remembered embeddings as bytes, in key order (the same table always gives the same bytes).
    public func serialized() -> [UInt8] {
        let entries = snapshot().sorted { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }
        var writer = ModelByteWriter()
        for byte in Self.magic { writer.append(byte) }
        writer.append(UInt16(1))
        writer.append(UInt16(0))
        writer.append(UInt32(dimension))
        writer.append(UInt64(entries.count))
        for (key, embedding) in entries {
            for byte in key.bytes { writer.append(byte) }
            writer.append(embedding)
        }
        return writer.bytes + ModelChecksum.of(writer.bytes[...])
    }

    /// Adds the embeddings saved in `bytes` (written by ``serialized()`` for an encoder of the same dimension).
    /// - Returns: how many were added.
    @discardableResult
    public func load(_ bytes: [UInt8]) throws(StorageError) -> Int {
        let header = 20
        guard bytes.count >= header + ModelChecksum.size, Array(bytes[0..<4]) == Self.magic else {
            throw StorageError(problem: "not an embedding cache")
        }
        let end = bytes.count - ModelChecksum.size
        guard ModelChecksum.of(bytes[0..<end]) == Array(bytes[end...]) else { throw StorageError(problem: "the checksum does not match") }
        var reader = ModelByteReader(bytes, from: 4, to: end)
        do {
            guard try reader.integer(UInt16.self, "the header") == 1 else { throw StorageError(problem: "unknown version") }
            _ = try reader.integer(UInt16.self, "the header")
            let stored = Int(try reader.integer(UInt32.self, "the header"))
            guard stored == dimension else {
                throw StorageError(problem: "it holds embeddings of \(stored) numbers, the encoder makes \(dimension)")
            }
            let count = try reader.count("the entries", minimumSize: 32 + 4 * stored)
            var entries: [(Key, [Float])] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                var key: [UInt8] = []
                for _ in 0..<32 { key.append(try reader.integer(UInt8.self, "a key")) }
                let embedding = try reader.floats(stored, "an embedding")
                guard embedding.allSatisfy(\.isFinite) else { throw StorageError(problem: "an embedding is not finite") }
                entries.append((Key(bytes: key), embedding))
            }
            guard reader.remaining == 0 else { throw StorageError(problem: "bytes follow the last entry") }
            return insert(entries)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(problem: "\(error)")
        }
    }
}
