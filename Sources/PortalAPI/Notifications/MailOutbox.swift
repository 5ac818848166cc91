import Domain
import EventStore
import Foundation
import Logging
import Mail
import Projections
import Synchronization

/// The outbox reactor: follows the log with its own checkpoint and turns security events into
/// e-mails, each delivered once.
///
/// After a mail is handed over, `NotificationSent` is appended in the same transaction that moves the
/// checkpoint past the event, so a restart never sends it again — except if the process dies in the
/// instant between the server's acceptance and that commit; the Message-ID is derived from the event,
/// so the receiving side can recognise that one duplicate. Temporary failures (connection, 4xx) are
/// retried with growing pauses, in order; a permanent refusal is recorded and the outbox moves on.
final class MailOutbox: Sendable {
    static let name = "mail-outbox"
    private let store: EventStore
    private let repository: AccountRepository
    private let planner: NotificationPlanner
    private let composer: MailComposer
    private let transport: any MailTransport
    private let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let progress = Mutex<UInt64>(0)

    init(store: EventStore, repository: AccountRepository, planner: NotificationPlanner, composer: MailComposer,
         transport: any MailTransport, logger: Logger) {
        self.store = store
        self.repository = repository
        self.planner = planner
        self.composer = composer
        self.transport = transport
        self.logger = logger
    }

    /// Starts delivering. The first start on a folder with history begins at its end: old events
    /// would only produce stale mail.
    func start() async throws {
        var position: UInt64
        if let checkpoint = try store.checkpoint(name: Self.name) {
            position = checkpoint.position
        } else {
            position = store.lastPosition
            try await store.saveCheckpoint(name: Self.name, position: position, snapshot: [])
        }
        progress.withLock { $0 = position }
        let t = Task { [self] in await run(from: position) }
        task.withLock { $0 = t }
    }

    func stop() async {
        let t = task.withLock { t in defer { t = nil }; return t }
        t?.cancel()
        await t?.value
    }

    /// The last position the outbox has dealt with.
    var position: UInt64 { progress.withLock { $0 } }

    private func run(from start: UInt64) async {
        var position = start  // everything up to here has been dealt with
        var saved = start     // the stored checkpoint
        while !Task.isCancelled {
            do {
                let before = position
                let batch = try store.read(after: position, limit: 200, types: NotificationPlanner.eventTypes, unseal: true)
                for event in batch.events {
                    if let plan = try planner.plan(event, now: Date()), try await deliver(plan, for: event) {
                        saved = event.position
                    }
                    position = event.position
                    progress.withLock { $0 = position }
                }
                position = batch.through
                progress.withLock { $0 = position }
                if position == before {
                    // Caught up: remember how far, then wait for new events.
                    if saved != position {
                        try await store.saveCheckpoint(name: Self.name, position: position, snapshot: [])
                        saved = position
                    }
                    _ = try await store.waitForEvents(after: position)
                }
            } catch is CancellationError {
                break
            } catch EventStoreError.closed {
                return
            } catch {
                logger.error("mail outbox paused at position \(position): \(error)")
                try? await Task.sleep(for: .seconds(5))
            }
        }
        if position != saved { try? await store.saveCheckpoint(name: Self.name, position: position, snapshot: []) }
    }

    /// Sends one plan's mail, retrying temporary failures until it goes out or is refused for good.
    /// Returns whether it recorded the outcome (and with it the checkpoint).
    private func deliver(_ plan: NotificationPlan, for event: RecordedEvent) async throws -> Bool {
        let account = try repository.load(plan.account).account
        let stream = NotificationStreams.of(plan.account)
        let metadata = EventMetadata(actor: "mail-outbox", causationID: event.id)
        // Erased since: there is no one to write to.
        guard account.status == .active, let address = account.email, let name = account.name else { return false }
        var pause = Duration.seconds(1)
        while true {
            try Task.checkCancellation()
            do {
                let message = try composer.message(for: plan, to: address, name: name, causation: event.id)
                try await transport.send(message)
                let sent = NotificationSent(accountID: plan.account, kind: plan.kind, causationEventID: event.id, messageID: message.messageID)
                _ = try await store.append([StreamAppend(stream: stream, expected: .any, events: [try EventEnvelope.make(sent, subject: nil, metadata: metadata)])],
                                           checkpoint: Self.name, position: event.position)
                logger.info("sent \(plan.kind.rawValue) mail for event \(event.position)")
                return true
            } catch let error as MailError where error.isPermanent {
                logger.error("\(plan.kind.rawValue) mail for event \(event.position) refused for good: \(error)")
                let failed = NotificationFailed(accountID: plan.account, kind: plan.kind, causationEventID: event.id, personal: .init(reason: "\(error)"))
                _ = try await store.append([StreamAppend(stream: stream, expected: .any, events: [try EventEnvelope.make(failed, subject: plan.account.stream, metadata: metadata)])],
                                           checkpoint: Self.name, position: event.position)
                return true
            } catch let error as MailError {
                logger.warning("\(plan.kind.rawValue) mail for event \(event.position) not sent yet (\(error)); retrying in \(pause)")
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(300))
            }
        }
    }
}
