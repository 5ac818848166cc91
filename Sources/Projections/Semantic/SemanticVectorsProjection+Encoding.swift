import Foundation
import Semantics

extension SemanticVectorsProjection {
    /// Starts the background encoding task unless it is running (or there is no encoder).
    func startEncoding() {
        guard encoder != nil else { return }
        let start = state.withLock { s in
            if s.encoding { return false }
            s.encoding = true
            return true
        }
        guard start else { return }
        let task = Task.detached(priority: .utility) { [self] in await encodeQueue() }
        worker.withLock { $0 = task }
    }

    /// Encodes the queue batch by batch until it is empty. Texts are taken out of the queue while
    /// they are encoded; a failed batch goes back and is tried again a little later.
    private func encodeQueue() async {
        guard let encoder else { return }
        while !Task.isCancelled {
            let batch: [(key: String, text: String)] = state.withLock { s in
                // Texts the cache learned meanwhile (a duplicate, an earlier batch) need no encoder; the
                // rest is taken in the queue's own order (no sorting: the queue may hold many thousands).
                var taken: [(key: String, value: String)] = [], known: [String] = []
                for (key, text) in s.queued {
                    if let item = s.items[key], let vector = s.cache[item.hash] {
                        s.index.upsert(key, vector: vector, tags: item.tags)
                        known.append(key)
                        continue
                    }
                    taken.append((key, text))
                    if taken.count == batchSize { break }
                }
                for key in known { s.queued[key] = nil }
                if !known.isEmpty { s.encodedGeneration += 1 }
                for (key, _) in taken { s.queued[key] = nil }
                s.inFlight = taken.count
                s.inFlightKnowledge = taken.filter { s.items[$0.key]?.kind == Kind.knowledge }.count
                if taken.isEmpty { s.encoding = false }
                return taken.map { ($0.key, $0.value) }
            }
            if batch.isEmpty { return }
            // One encoder call per distinct text.
            var distinct: [String] = []
            var seen = Set<String>()
            for entry in batch where seen.insert(entry.text).inserted { distinct.append(entry.text) }
            do {
                let vectors = try await encoder.encode(distinct)
                guard vectors.count == distinct.count, vectors.allSatisfy({ $0.count == dimension }) else {
                    throw EncodingMismatch(expected: dimension)
                }
                let byText = Dictionary(uniqueKeysWithValues: zip(distinct, vectors))
                state.withLock { s in
                    s.encodedTexts += distinct.count
                    s.encodedGeneration += 1
                    s.inFlight = 0
                    s.inFlightKnowledge = 0
                    s.lastFailure = nil
                    for (text, vector) in byText { s.cache[hash(text)] = vector }
                    for (key, text) in batch {
                        // The item may have been erased, reset or replaced while its text was encoded.
                        guard let item = s.items[key], item.hash == hash(text), let vector = byText[text] else { continue }
                        s.index.upsert(key, vector: vector, tags: item.tags)
                    }
                }
            } catch {
                let stop = error is CancellationError || (error as? EncoderPoolError) == .shutDown
                state.withLock { s in
                    s.inFlight = 0
                    s.inFlightKnowledge = 0
                    s.lastFailure = "\(error)"
                    for (key, text) in batch where s.items[key] != nil && s.queued[key] == nil { s.queued[key] = text }
                    if stop { s.encoding = false }
                }
                if stop { return }
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        state.withLock { $0.encoding = false }
    }

    /// Waits until nothing is queued or being encoded; false on timeout (or when there is no encoder
    /// and texts are queued).
    public func waitUntilEncoded(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let idle = state.withLock { $0.queued.isEmpty && $0.inFlight == 0 && !$0.encoding }
            if idle { return true }
            if encoder == nil || ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Stops the background encoding (queued texts stay queued).
    public func stopEncoding() async {
        let task = worker.withLock { $0 }
        task?.cancel()
        await task?.value
    }

    struct EncodingMismatch: Error, CustomStringConvertible {
        let expected: Int
        var description: String { "the encoder did not return one vector of \(expected) numbers per text" }
    }
}
