import EventStore
import Foundation
import Logging
import Synchronization

/// Follows the log for each projection: restores its snapshot, replays the tail, then applies new
/// events as they commit. Checkpoints (position + snapshot) go into the log's own environment every
/// `checkpointEvery` events or `checkpointInterval`, whichever comes first, and on stop.
public final class ProjectionRunner: Sendable {
    public let store: EventStore
    public let projections: [any Projection]
    private let board = ProgressBoard()
    private let tasks = Mutex<[String: Task<Void, Never>]>([:])
    private let checkpointEvery: Int
    private let checkpointInterval: Duration
    private let logger: Logger

    public init(store: EventStore, projections: [any Projection], checkpointEvery: Int = 50_000,
                checkpointInterval: Duration = .seconds(10), logger: Logger = Logger(label: "portal.projections")) {
        self.store = store
        self.projections = projections
        self.checkpointEvery = checkpointEvery
        self.checkpointInterval = checkpointInterval
        self.logger = logger
    }

    /// The projection with this name.
    public func projection(named name: String) -> (any Projection)? { projections.first { $0.name == name } }

    /// Restores every projection from its checkpoint and starts following the log.
    public func start() throws {
        for p in projections {
            let from = try restore(p)
            launch(p, from: from)
        }
    }

    /// Restores from the stored snapshot when its version matches; otherwise starts from 0.
    private func restore(_ p: any Projection) throws -> UInt64 {
        p.reset()
        guard p.keepsCheckpoints, let (position, snapshot) = try store.checkpoint(name: p.name) else { return 0 }
        guard SnapshotCodec.version(of: snapshot) == p.version else {
            logger.notice("snapshot of \(p.name) has another version; rebuilding from the start")
            return 0
        }
        do {
            try p.restore(from: snapshot)
        } catch {
            logger.warning("snapshot of \(p.name) does not restore (\(error)); rebuilding from the start")
            p.reset()
            return 0
        }
        return position
    }

    private func launch(_ p: any Projection, from position: UInt64) {
        board.set(p.name, position: position)
        board.clearFailure(p.name)
        let task = Task { [self] in await follow(p, from: position) }
        tasks.withLock { $0[p.name] = task }
    }

    private func follow(_ p: any Projection, from start: UInt64) async {
        let batchSize = 1000
        var position = start
        var sinceCheckpoint = 0
        var lastCheckpoint = ContinuousClock.now
        var snapshotCost = Duration.zero
        var checkpointed = start
        let types = p.eventTypes
        while !Task.isCancelled {
            do {
                let batch = try store.read(after: position, limit: batchSize, types: types, unseal: p.needsPersonalData)
                for event in batch.events {
                    do { try p.apply(event) } catch {
                        throw ProjectionFailure(position: event.position, type: event.type, underlying: error)
                    }
                }
                let scanned = Int(batch.through - position)
                let caughtUp = scanned < batchSize
                sinceCheckpoint += scanned
                position = batch.through
                if scanned > 0 { board.set(p.name, position: position) }
                // Checkpoint after `checkpointEvery` events — but while catching up, only as long as
                // snapshots take at most a tenth of the time, or a rebuild would be quadratic — and
                // once caught up, after `checkpointInterval`.
                let sinceLast = ContinuousClock.now - lastCheckpoint
                let dueByCount = sinceCheckpoint >= checkpointEvery && sinceLast >= snapshotCost * 10
                let dueByTime = caughtUp && sinceLast >= checkpointInterval
                // A projection that works between events (the encoder filling in vectors) is checkpointed in quiet
                // times too, or a restart would lose that work.
                let unsaved = position != checkpointed || (p.changesWithoutEvents && p.hasUnsavedChanges)
                if unsaved, dueByCount || dueByTime {
                    let started = ContinuousClock.now
                    try await saveCheckpoint(p, position: position)
                    snapshotCost = ContinuousClock.now - started
                    checkpointed = position
                    sinceCheckpoint = 0
                    lastCheckpoint = .now
                }
                if scanned == 0 {
                    let deadline = checkpointed == position && !p.changesWithoutEvents ? nil : lastCheckpoint + checkpointInterval
                    try await waitForEvents(after: position, until: deadline)
                }
            } catch is CancellationError {
                break
            } catch EventStoreError.closed {
                break
            } catch {
                logger.error("projection \(p.name) stopped: \(error)")
                board.fail(p.name, reason: "\(error)")
                return
            }
        }
        if position != checkpointed || (p.changesWithoutEvents && p.hasUnsavedChanges) { try? await saveCheckpoint(p, position: position) }
    }

    /// Waits for new events, or until `deadline` so a pending checkpoint gets written in quiet times.
    private func waitForEvents(after position: UInt64, until deadline: ContinuousClock.Instant?) async throws {
        guard let deadline else {
            _ = try await store.waitForEvents(after: position)
            return
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await self.store.waitForEvents(after: position) }
            group.addTask { try await Task.sleep(until: deadline) }
            try await group.next()
            group.cancelAll()
        }
    }

    private func saveCheckpoint(_ p: any Projection, position: UInt64) async throws {
        guard !store.readOnly, p.keepsCheckpoints else { return }
        try await store.saveCheckpoint(name: p.name, position: position, snapshot: p.snapshot())
    }

    /// Stops following and writes a final checkpoint for each projection.
    public func stop() async {
        let running = tasks.withLock { t in
            defer { t.removeAll() }
            return Array(t.values)
        }
        running.forEach { $0.cancel() }
        for t in running { await t.value }
    }

    /// Throws away a projection's state and checkpoint and replays it from the start of the log.
    public func rebuild(_ name: String) async throws {
        guard let p = projection(named: name) else { throw ProjectionError.unknown(name, known: projections.map(\.name)) }
        let task = tasks.withLock { $0.removeValue(forKey: name) }
        task?.cancel()
        await task?.value
        try await store.resetCheckpoint(name: name)
        p.reset()
        board.set(name, position: 0)
        launch(p, from: 0)
    }

    /// Waits until the named projections (default: all) have applied `position`. False on timeout.
    public func waitUntil(_ position: UInt64, projections names: [String]? = nil, timeout: Duration = .seconds(5)) async -> Bool {
        await board.wait(for: names ?? projections.map(\.name), position: position, timeout: timeout)
    }

    /// Waits until every projection has caught up with the log as it is now.
    public func catchUp(timeout: Duration = .seconds(3600)) async -> Bool {
        await waitUntil(store.lastPosition, timeout: timeout)
    }

    public func status() -> [ProjectionStatus] {
        let last = store.lastPosition
        return projections.map { ProjectionStatus(name: $0.name, position: board.position($0.name), logPosition: last, failure: board.failure($0.name)) }
    }
}

/// An event a projection could not apply; the projection stops there so its state is never silently wrong.
public struct ProjectionFailure: Error, CustomStringConvertible {
    public var position: UInt64
    public var type: String
    public var underlying: any Error
    public var description: String { "cannot apply \(type) at position \(position): \(underlying)" }
}

public enum ProjectionError: Error, CustomStringConvertible {
    case unknown(String, known: [String])
    public var description: String {
        switch self {
        case let .unknown(name, known): return "no projection named '\(name)'; known: \(known.joined(separator: ", "))"
        }
    }
}
