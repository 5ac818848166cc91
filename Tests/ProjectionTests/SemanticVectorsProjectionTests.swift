import Domain
import EventStore
import Foundation
import Projections
import Semantics
import Synchronization
import Testing

/// An encoder that needs no model: a bag of words hashed into 384 dimensions, counting every text
/// it is asked to encode and able to hold its answers back.
final class CountingEncoder: TextEncoder {
    let dimension = 384
    private let state = Mutex((texts: [String](), calls: 0, held: false))

    var encodedTexts: [String] { state.withLock { $0.texts } }
    var calls: Int { state.withLock { $0.calls } }
    func hold(_ held: Bool) { state.withLock { $0.held = held } }

    func encode(_ texts: [String]) async throws -> [[Float]] {
        while state.withLock({ $0.held }) { try await Task.sleep(for: .milliseconds(2)) }
        state.withLock { s in
            s.texts += texts
            s.calls += 1
        }
        return texts.map(Self.vector)
    }

    static func vector(_ text: String) -> [Float] {
        var v = [Float](repeating: 0, count: 384)
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            var h: UInt32 = 2_166_136_261
            for b in word.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
            v[Int(h % 384)] += 1
        }
        return v
    }
}

@Suite struct SemanticVectorsProjectionTests {
    let ann = IDs.account(1)
    let bob = IDs.account(2)
    let key = [UInt8](repeating: 7, count: 32)

    /// Applies every event of the log, as the runner would, then waits for the encoder.
    func replay(_ log: TestLog, into p: SemanticVectorsProjection) async throws {
        let batch = try log.store.read(after: 0, limit: 10_000, types: p.eventTypes, unseal: true)
        for event in batch.events { try p.apply(event) }
        #expect(await p.waitUntilEncoded())
    }

    func keys(_ hits: [VectorIndex.Hit]) -> [String] { hits.map(\.key) }

    @Test func nearestTicketsAreFilteredByOwnerKindAndStatus() async throws {
        let script = try TicketScript()
        let t = (1...3).map(IDs.ticket)
        try await script.open(t[0], by: ann, subject: "Printer jams", description: "Paper stuck in the tray")
        try await script.open(t[1], by: ann, subject: "Printer jams again", description: "Paper stuck")
        try await script.open(t[2], by: bob, subject: "Printer jams", description: "Paper stuck in the tray")
        try await script.status(t[1], .solved)
        let p = SemanticVectorsProjection(contentKey: key, encoder: CountingEncoder())
        try await replay(script.log, into: p)

        let query = CountingEncoder.vector("printer paper stuck")
        let open = p.nearest(query, k: 10, filter: SemanticFilter(owner: ann, kind: "ticket", status: "open"))
        #expect(keys(open) == [SemanticVectorsProjection.ticketKey(t[0])])
        let anns = p.nearest(query, k: 10, filter: SemanticFilter(owner: ann))
        #expect(Set(keys(anns)) == Set([t[0], t[1]].map(SemanticVectorsProjection.ticketKey)))
        #expect(p.nearest(query, k: 10, filter: SemanticFilter(kind: "article")).isEmpty)
        #expect(p.nearest(query, k: 10).count == 3)
        #expect(open.first!.score > 0.5)

        // Restored from its snapshot, the model answers the same without encoding anything.
        let encoder = CountingEncoder()
        let restored = SemanticVectorsProjection(contentKey: key, encoder: encoder)
        try restored.restore(from: try p.snapshot())
        #expect(restored.nearest(query, k: 10) == p.nearest(query, k: 10))
        #expect(restored.nearest(query, k: 10, filter: SemanticFilter(owner: ann, kind: "ticket", status: "open")) == open)
        #expect(encoder.calls == 0)
    }

    @Test func rebuildEncodesOnlyTextsItHasNotSeen() async throws {
        let script = try TicketScript()
        let t = (1...4).map(IDs.ticket)
        try await script.open(t[0], by: ann, subject: "Printer jams", description: "Paper stuck")
        try await script.open(t[1], by: ann, subject: "Invoice address wrong", description: "Old address")
        // The same words twice are encoded once.
        try await script.open(t[2], by: bob, subject: "Printer jams", description: "Paper stuck")
        let first = CountingEncoder()
        let p = SemanticVectorsProjection(contentKey: key, encoder: first)
        try await replay(script.log, into: p)
        #expect(first.encodedTexts.count == 2)

        // A rebuild in the same process: the cache survives reset().
        p.reset()
        try await replay(script.log, into: p)
        #expect(first.encodedTexts.count == 2)
        #expect(p.counts.vectors == 3)

        // After a restart from the snapshot, a rebuild with one new ticket encodes that one only.
        let snapshot = try p.snapshot()
        try await script.open(t[3], by: ann, subject: "Cannot sign in", description: "Password rejected")
        let second = CountingEncoder()
        let restarted = SemanticVectorsProjection(contentKey: key, encoder: second)
        try restarted.restore(from: snapshot)
        #expect(restarted.counts.vectors == 3)
        restarted.reset()
        try await replay(script.log, into: restarted)
        #expect(second.encodedTexts == [SemanticVectorsProjection.ticketText(subject: "Cannot sign in", description: "Password rejected")])
        #expect(restarted.counts.vectors == 4)
        #expect(SemanticVectorsProjection.counts(ofSnapshot: try restarted.snapshot())! == (items: 4, vectors: 4))
    }

    @Test func applyDoesNotWaitForTheEncoder() async throws {
        let script = try TicketScript()
        try await script.open(IDs.ticket(1), by: ann, subject: "Printer jams", description: "Paper stuck")
        let encoder = CountingEncoder()
        encoder.hold(true)
        let p = SemanticVectorsProjection(contentKey: key, encoder: encoder)
        let batch = try script.log.store.read(after: 0, limit: 100, types: p.eventTypes, unseal: true)
        for event in batch.events { try p.apply(event) }
        // Not encoded yet: searches find nothing by meaning (callers fall back to words).
        #expect(!p.hasVector(SemanticVectorsProjection.ticketKey(IDs.ticket(1))))
        #expect(p.nearest(CountingEncoder.vector("printer"), k: 5).isEmpty)
        #expect(p.counts.queued == 1)
        encoder.hold(false)
        #expect(await p.waitUntilEncoded())
        #expect(p.hasVector(SemanticVectorsProjection.ticketKey(IDs.ticket(1))))
    }

    @Test func erasureDropsTheRequestersVectorsAndCacheEntries() async throws {
        let script = try TicketScript()
        try await script.open(IDs.ticket(1), by: ann, subject: "Printer jams", description: "Paper stuck")
        try await script.open(IDs.ticket(2), by: ann, subject: "Invoice address wrong", description: "Old address")
        try await script.open(IDs.ticket(3), by: bob, subject: "Printer jams", description: "Paper stuck")
        let p = SemanticVectorsProjection(contentKey: key, encoder: CountingEncoder())
        try await replay(script.log, into: p)
        #expect(p.counts.cached == 2)

        let erasedAt = try await script.erase(ann)
        let tail = try script.log.store.read(after: erasedAt - 1, limit: 10, types: p.eventTypes, unseal: true)
        for event in tail.events { try p.apply(event) }
        #expect(p.nearest(CountingEncoder.vector("invoice printer"), k: 10, filter: SemanticFilter(owner: ann)).isEmpty)
        #expect(keys(p.nearest(CountingEncoder.vector("printer"), k: 10)) == [SemanticVectorsProjection.ticketKey(IDs.ticket(3))])
        // Bob wrote the same words: that vector stays; Ann's invoice text is gone from the cache too.
        #expect(p.counts.cached == 1)
        #expect(SemanticVectorsProjection.counts(ofSnapshot: try p.snapshot())! == (items: 1, vectors: 1))

        // Replayed from the start over the erased records, Ann's tickets have no text to encode.
        let encoder = CountingEncoder()
        let replayed = SemanticVectorsProjection(contentKey: key, encoder: encoder)
        try await replay(script.log, into: replayed)
        #expect(replayed.counts.items == 1)
        #expect(encoder.encodedTexts.count == 1)
    }

    @Test func snapshotsHoldHashesNotText() async throws {
        let script = try TicketScript()
        try await script.open(IDs.ticket(1), by: ann, subject: "Secret project Bluebird", description: "Very private words")
        let p = SemanticVectorsProjection(contentKey: key, encoder: CountingEncoder())
        try await replay(script.log, into: p)
        let bytes = try p.snapshot()
        #expect(!String(decoding: bytes, as: UTF8.self).contains("Bluebird"))
        // Another key gives other hashes: nothing in the cache matches.
        let otherEncoder = CountingEncoder()
        let other = SemanticVectorsProjection(contentKey: [UInt8](repeating: 9, count: 32), encoder: otherEncoder)
        try other.restore(from: bytes)
        other.reset()
        try await replay(script.log, into: other)
        #expect(otherEncoder.encodedTexts.count == 1)
    }
}
