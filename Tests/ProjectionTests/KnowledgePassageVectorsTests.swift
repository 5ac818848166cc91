import Domain
import EventStore
import Foundation
import Projections
import Semantics
import Testing

/// The knowledge base's passages in the semantic vectors: every passage of every item gets its vector,
/// readers' filters (published, audience) hold, and a shorter revision drops the extra passages.
@Suite struct KnowledgePassageVectorsTests {
    let key = [UInt8](repeating: 9, count: 32)

    /// Paragraphs become passages (the test's stand-in for the real splitter).
    let passages: SemanticVectorsProjection.PassageMaker = { _, content in
        content.body.components(separatedBy: "\n\n").map { content.title + "\n" + $0 }
    }

    func replay(_ log: TestLog, into p: SemanticVectorsProjection) async throws {
        let batch = try log.store.read(after: 0, limit: 10_000, types: p.eventTypes, unseal: true)
        for event in batch.events { try p.apply(event) }
        #expect(await p.waitUntilEncoded())
    }

    func content(_ title: String, _ body: String, audience: KnowledgeAudience = .public) -> KnowledgeContent {
        KnowledgeContent(title: title, summary: "", body: body, categoryID: "help", audience: audience)
    }

    @Test func aBacklogOfPassagesIsReportedUntilTheyAreEncodedButTicketsDoNotCount() async throws {
        let log = try TestLog()
        _ = try await log.append(KnowledgeItemCreated(kind: .article, slug: "printers", content: content("Printers", "Paper.\n\nToner."), author: "test"),
                                 to: "article-printers")
        let encoder = CountingEncoder()
        encoder.hold(true)
        let p = SemanticVectorsProjection(contentKey: key, encoder: encoder, passages: passages)
        #expect(!p.knowledgeBacklog)
        for event in try log.store.read(after: 0, limit: 100, types: p.eventTypes, unseal: true).events { try p.apply(event) }
        #expect(p.knowledgeBacklog, "two passages wait (or are being encoded)")
        encoder.hold(false)
        #expect(await p.waitUntilEncoded(timeout: .seconds(120)))
        #expect(!p.knowledgeBacklog)

        // A customer's ticket waiting for the encoder is no knowledge backlog.
        let owner = AccountID(UUID())
        _ = try await log.append(TicketOpened(ticketID: UUID(), requester: owner, categoryID: "general", formVersion: 1, priority: .normal,
                                              attachmentIDs: [], followUpOf: nil, personal: .init(subject: "Printer jam", description: "It jams.", fields: [])), to: "ticket-1", subject: owner.stream)
        encoder.hold(true)
        for event in try log.store.read(after: 1, limit: 100, types: p.eventTypes, unseal: true).events { try p.apply(event) }
        #expect(p.counts.queued == 1)
        #expect(!p.knowledgeBacklog)
        encoder.hold(false)
        #expect(await p.waitUntilEncoded(timeout: .seconds(120)))
    }

    @Test func everyPassageOfEveryPublishedItemIsSearchable() async throws {
        let log = try TestLog()
        let items: [(String, KnowledgeContent)] = (0..<40).map { i in
            ("item-\(i)", content("Topic \(i) printer", "Paragraph one about paper \(i).\n\nParagraph two about toner \(i).\n\nParagraph three."))
        }
        for (slug, c) in items {
            _ = try await log.append(KnowledgeItemCreated(kind: .article, slug: slug, content: c, author: "test"), to: "article-\(slug)")
            _ = try await log.append(KnowledgeItemStatusChanged(kind: .article, slug: slug, from: .draft, to: .published, author: "test"), to: "article-\(slug)")
        }
        _ = try await log.append(KnowledgeItemCreated(kind: .article, slug: "internal", content: content("Internal printer", "Agents only.", audience: .agents),
                                                      author: "test"), to: "article-internal")
        _ = try await log.append(KnowledgeItemStatusChanged(kind: .article, slug: "internal", from: .draft, to: .published, author: "test"), to: "article-internal")
        let p = SemanticVectorsProjection(contentKey: key, encoder: CountingEncoder(), passages: passages)
        try await replay(log, into: p)
        #expect(p.counts.vectors == 40 * 3 + 1)
        let query = CountingEncoder.vector("printer toner")
        let filter = SemanticFilter(kind: SemanticVectorsProjection.Kind.knowledge, status: "published", audiences: ["public"])
        let hits = p.nearest(query, k: 500, filter: filter)
        #expect(hits.count == 120)
        #expect(!hits.contains { $0.key.hasPrefix("article:internal") })
        #expect(p.nearest(query, k: 500, filter: SemanticFilter(kind: "kb", status: "published", audiences: ["public", "agents"])).count == 121)

        // A shorter revision drops the third passage; unpublishing takes the item out of readers' results.
        _ = try await log.append(KnowledgeItemRevised(kind: .article, slug: "item-0", revision: 2, content: content("Topic 0 printer", "Only one paragraph now."),
                                                      author: "test"), to: "article-item-0")
        _ = try await log.append(KnowledgeItemStatusChanged(kind: .article, slug: "item-1", from: .published, to: .draft, author: "test"), to: "article-item-1")
        let q = SemanticVectorsProjection(contentKey: key, encoder: CountingEncoder(), passages: passages)
        try await replay(log, into: q)
        let after = q.nearest(query, k: 500, filter: filter).map(\.key)
        #expect(after.filter { $0.hasPrefix("article:item-0#") } == ["article:item-0#0"])
        #expect(!after.contains { $0.hasPrefix("article:item-1#") })
        #expect(after.count == 120 - 3 - 2)
    }
}

/// Vectors the encoder adds after the last event still reach a checkpoint, so a restart keeps them.
@Suite struct SemanticCheckpointTests {
    @Test func vectorsEncodedAfterTheLastEventReachACheckpointInQuietTimesAndOnStop() async throws {
        let log = try TestLog()
        let content = KnowledgeContent(title: "Printers", summary: "", body: "Paper.\n\nToner.", categoryID: "help")
        _ = try await log.append(KnowledgeItemCreated(kind: .article, slug: "printers", content: content, author: "test"), to: "article-printers")
        let encoder = CountingEncoder()
        encoder.hold(true)
        let passages: SemanticVectorsProjection.PassageMaker = { _, c in c.body.components(separatedBy: "\n\n").map { c.title + "\n" + $0 } }
        let p = SemanticVectorsProjection(contentKey: [UInt8](repeating: 9, count: 32), encoder: encoder, passages: passages)
        let runner = ProjectionRunner(store: log.store, projections: [p], checkpointInterval: .milliseconds(50))
        try runner.start()
        func checkpointedVectors() throws -> Int? {
            try log.store.checkpoint(name: p.name).flatMap { SemanticVectorsProjection.counts(ofSnapshot: $0.snapshot)?.vectors }
        }
        // The event's checkpoint comes first, while the encoder still holds the passages. (Generous limits: a
        // loaded machine is slow, and the loops end as soon as the condition holds.)
        var deadline = ContinuousClock.now + .seconds(120)
        while try checkpointedVectors() == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try checkpointedVectors() == 0)
        encoder.hold(false)
        #expect(await p.waitUntilEncoded(timeout: .seconds(120)))
        // No new event: the runner checkpoints the encoder's work in a quiet moment anyway.
        deadline = ContinuousClock.now + .seconds(120)
        while try checkpointedVectors() != 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try checkpointedVectors() == 2, "the quiet-time checkpoint holds both passages' vectors")
        await runner.stop()
        #expect(!p.hasUnsavedChanges)
    }

    @Test func aSnapshotWithTextsStillWaitingReplaysTheLogAndEncodesOnlyThose() async throws {
        let log = try TestLog()
        let passages: SemanticVectorsProjection.PassageMaker = { _, c in c.body.components(separatedBy: "\n\n").map { c.title + "\n" + $0 } }
        let content = KnowledgeContent(title: "Printers", summary: "", body: "Paper.\n\nToner.", categoryID: "help")
        _ = try await log.append(KnowledgeItemCreated(kind: .article, slug: "printers", content: content, author: "test"), to: "article-printers")
        _ = try await log.append(KnowledgeItemCreated(kind: .article, slug: "scanners", content: KnowledgeContent(title: "Scanners", summary: "", body: "Glass.",
                                                                                                               categoryID: "help"), author: "test"), to: "article-scanners")
        // A snapshot written with the printers' passages encoded and the scanner's still waiting.
        let first = CountingEncoder()
        let p = SemanticVectorsProjection(contentKey: [UInt8](repeating: 9, count: 32), encoder: first, passages: passages)
        let events = try log.store.read(after: 0, limit: 10, types: p.eventTypes, unseal: true).events
        try p.apply(events[0])
        #expect(await p.waitUntilEncoded(timeout: .seconds(120)))
        first.hold(true)
        try p.apply(events[1])
        let snapshot = try p.snapshot()
        #expect(SemanticVectorsProjection.counts(ofSnapshot: snapshot)?.vectors == 2)
        try await log.store.saveCheckpoint(name: p.name, position: log.store.lastPosition, snapshot: snapshot)
        first.hold(false)
        _ = await p.waitUntilEncoded(timeout: .seconds(120))

        let second = CountingEncoder()
        let q = SemanticVectorsProjection(contentKey: [UInt8](repeating: 9, count: 32), encoder: second, passages: passages)
        #expect(throws: (any Error).self) { try q.restore(from: snapshot) }
        let runner = ProjectionRunner(store: log.store, projections: [q])
        try runner.start()
        _ = await runner.waitUntil(log.store.lastPosition, timeout: .seconds(120))
        #expect(await q.waitUntilEncoded(timeout: .seconds(120)))
        await runner.stop()
        #expect(q.counts.vectors == 3)
        #expect(second.encodedTexts == ["Scanners\nGlass."], "only the text that was waiting is encoded again")
    }
}
