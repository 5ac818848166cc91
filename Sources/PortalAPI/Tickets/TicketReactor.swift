import BlobStore
import Domain
import EventStore
import Foundation
import Logging
import Projections
import Synchronization

/// The ticket housekeeping reactor. Every interval it records due SLA warnings and breaches, closes
/// solved tickets nobody replied to, archives old closed tickets, and deletes the attachments of erased
/// customers.
///
/// It is idempotent without a checkpoint of its own for the first three: each decision is made from the
/// ticket's current state and appended at the stream version it was made on, so a second node or a
/// restart cannot record a breach twice (the append fails and the next round sees the breach). Blob
/// deletion follows `PersonalDataErased` events with a checkpoint.
final class TicketReactor: Sendable {
    static let eraserCheckpoint = "ticket-attachment-eraser"
    private let service: TicketService
    private let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(service: TicketService, logger: Logger) {
        self.service = service
        self.logger = logger
    }

    func start() async throws {
        // Exports interrupted by a crash or a client that went away.
        let tmp = URL(fileURLWithPath: service.store.folder.path).appendingPathComponent("tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix("export-") {
            try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
        }
        if try service.store.checkpoint(name: Self.eraserCheckpoint) == nil {
            try await service.store.saveCheckpoint(name: Self.eraserCheckpoint, position: 0, snapshot: [])
        }
        let t = Task { [self] in
            while !Task.isCancelled {
                do { _ = try await runOnce(now: Date()) } catch is CancellationError { break } catch EventStoreError.closed { return } catch {
                    logger.error("ticket housekeeping failed: \(error)")
                }
                try? await Task.sleep(for: service.settings.reactorInterval)
            }
        }
        task.withLock { $0 = t }
    }

    func stop() async {
        let t = task.withLock { t in defer { t = nil }; return t }
        t?.cancel()
        await t?.value
    }

    struct Round: Equatable, Sendable {
        var warnings = 0
        var breaches = 0
        var closed = 0
        var archived = 0
        var erasedBlobs = 0
    }

    /// One round at `now` (tests call this with their own clock).
    @discardableResult
    func runOnce(now: Date) async throws -> Round {
        var round = Round()
        await service.settle(service.store.lastPosition)
        let metadata = EventMetadata(actor: "ticket-housekeeping")
        for due in service.clocks.dueEvents(at: now, limit: 500) {
            do {
                _ = try await service.store.append([StreamAppend(stream: Ticket.stream(due.ticketID), expected: .exact(due.streamVersion),
                                                                 events: try due.events.map { try EventEnvelope.make($0, subject: nil, metadata: metadata) })])
                for e in due.events {
                    if e is SLABreached { round.breaches += 1 } else { round.warnings += 1 }
                }
            } catch EventStoreError.wrongExpectedVersion {
                continue  // the ticket moved on; the next round decides again
            }
        }
        let policy = service.settings.policy
        for (status, decide) in [(TicketStatus.solved, { (t: Ticket) -> (any DomainEvent)? in t.decideAutoClose(policy: policy, now: now) }),
                                 (.closed, { (t: Ticket) -> (any DomainEvent)? in t.decideArchive(policy: policy, now: now) })] {
            var query = TicketQuery()
            query.statuses = [status]
            query.archived = false
            query.sort = .openedOldest
            query.limit = 100_000
            for summary in service.directory.search(query).items {
                let loaded = try service.repository.load(summary.id)
                guard let event = decide(loaded.ticket) else { continue }
                do {
                    _ = try await service.store.append([StreamAppend(stream: Ticket.stream(summary.id), expected: .exact(loaded.version), events: [
                        // An erased customer's ticket still closes and archives, without the (unreadable) reason.
                        try EventEnvelope.make(event, subject: summary.requesterErased ? nil : loaded.ticket.requester?.stream, metadata: metadata),
                    ])])
                    if status == .solved { round.closed += 1 } else { round.archived += 1 }
                } catch EventStoreError.wrongExpectedVersion {
                    continue
                } catch EventStoreError.subjectErased {
                    continue  // erased a moment ago; the next round writes it without the sealed part
                }
            }
        }
        round.erasedBlobs = try await eraseBlobs()
        if round != Round() {
            await service.settle(service.store.lastPosition)
            logger.info("ticket housekeeping: \(round.warnings) SLA warnings, \(round.breaches) breaches, \(round.closed) closed, \(round.archived) archived, \(round.erasedBlobs) attachments erased")
        }
        return round
    }

    /// Deletes the attachments of customers erased since the last round.
    private func eraseBlobs() async throws -> Int {
        var position = try service.store.checkpoint(name: Self.eraserCheckpoint)?.position ?? 0
        var removed = 0
        while true {
            let batch = try service.store.read(after: position, limit: 1000, types: [PersonalDataErased.eventType], unseal: false)
            for record in batch.events {
                let erased = try record.decode(as: PersonalDataErased.self)
                removed += try service.subjectErased(erased.accountID)
            }
            guard batch.through > position else { break }
            position = batch.through
            try await service.store.saveCheckpoint(name: Self.eraserCheckpoint, position: position, snapshot: [])
        }
        return removed
    }
}
