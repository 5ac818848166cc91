import Foundation
import CLMDB

/// The log's single writer, with group commit.
///
/// Callers queue ``WriteRequest``s from any task; a dedicated thread takes everything queued, writes
/// it in one LMDB write transaction (one sync), and only then answers each caller. Inside a batch the
/// records go in with `MDB_APPEND` (positions only grow) and the index entries are sorted first, so
/// the B-trees are written in runs rather than at random pages — the layout is what makes hundreds
/// of concurrent writers cheap.
///
/// `@unchecked Sendable`: the queue is guarded by `condition`; every other mutable field is touched
/// only by the writer thread.
final class LogWriter: @unchecked Sendable {
    private let env: LMDBEnvironment
    private let keyring: SubjectKeyring
    private let notifier: PositionNotifier
    private let condition = NSCondition()
    private var queue: [WriteRequest] = []
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    // Writer-thread state.
    private var lastPosition: UInt64
    private var lastHash: [UInt8]
    private var lastRecordedAt: Int64
    private var nextStreamNumber: UInt64
    private let clock: @Sendable () -> Int64

    init(env: LMDBEnvironment, keyring: SubjectKeyring, notifier: PositionNotifier, clock: @escaping @Sendable () -> Int64) throws {
        self.env = env
        self.keyring = keyring
        self.notifier = notifier
        self.clock = clock
        let tail = try env.read { txn -> (UInt64, [UInt8], Int64, UInt64) in
            var last: (UInt64, [UInt8], Int64) = (0, [UInt8](repeating: 0, count: 32), 0)
            try txn.scan(.events, from: nil, backwards: true) { key, value in
                let view = try RecordView(value, expectedPosition: key.loadUnaligned(as: UInt64.self))
                last = (view.position, Array(view.hash), view.recordedAtMicros)
                return false
            }
            let next = try txn.getBytes(.meta, key: Array(MetaKey.nextStreamNumber.utf8))
                .map { $0.withUnsafeBytes { $0.loadLE(at: 0, as: UInt64.self) } } ?? 1
            return (last.0, last.1, last.2, next)
        }
        (lastPosition, lastHash, lastRecordedAt, nextStreamNumber) = tail
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "log-writer"  // at most 15 bytes: the kernel keeps no more
        thread.stackSize = 1 << 20
        thread.start()
    }

    var committedPosition: UInt64 { notifier.current }

    func submit(_ request: WriteRequest) {
        condition.lock()
        if stopping {
            condition.unlock()
            request.fail(EventStoreError.closed)
            return
        }
        queue.append(request)
        condition.signal()
        condition.unlock()
    }

    /// Finishes what is queued, then stops the thread.
    func stop() {
        condition.lock()
        let wasStopping = stopping
        stopping = true
        condition.signal()
        condition.unlock()
        if !wasStopping { finished.wait() }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            let done = stopping && batch.isEmpty
            condition.unlock()
            if done { break }
            process(batch)
        }
        finished.signal()
    }

    // MARK: One batch

    private struct Staged {
        var results: [Result<AppendResult, any Error>?]
        var lastPosition: UInt64
        var lastHash: [UInt8]
        var lastRecordedAt: Int64
        var nextStreamNumber: UInt64
        var newKeys: [String: [UInt8]]
        var erased: [String]
        var checkpointsDone: [Int]
    }

    private func process(_ batch: [WriteRequest]) {
        while true {
            do {
                let staged = try env.write { txn in try stage(batch, txn) }
                lastPosition = staged.lastPosition
                lastHash = staged.lastHash
                lastRecordedAt = staged.lastRecordedAt
                nextStreamNumber = staged.nextStreamNumber
                for (subject, key) in staged.newKeys { keyring.remember(subject, key: key) }
                for subject in staged.erased { keyring.forget(subject) }
                notifier.publish(lastPosition)
                for (i, request) in batch.enumerated() {
                    switch request {
                    case .append(_, _, _, let c): c.resume(with: staged.results[i]!)
                    case .checkpoint(_, _, _, let c), .resetCheckpoint(_, let c): c.resume()
                    }
                }
                return
            } catch let error as LMDBError where error.isMapFull {
                do { try env.grow() } catch {
                    batch.forEach { $0.fail(error) }
                    return
                }
            } catch {
                batch.forEach { $0.fail(error) }
                return
            }
        }
    }

    private func stage(_ batch: [WriteRequest], _ txn: borrowing LMDBTransaction) throws -> Staged {
        var s = Staged(
            results: Array(repeating: nil, count: batch.count), lastPosition: lastPosition, lastHash: lastHash,
            lastRecordedAt: max(lastRecordedAt, clock()), nextStreamNumber: nextStreamNumber,
            newKeys: [:], erased: [], checkpointsDone: [])
        var heads: [String: StreamHead] = [:]
        var ids: [UUID: UInt64] = [:]
        var indexEntries: [([UInt8], UInt64)] = []
        var idEntries: [([UInt8], UInt64)] = []
        var erasedInBatch: Set<String> = []

        for (i, request) in batch.enumerated() {
            switch request {
            case let .checkpoint(name, position, snapshot, _):
                try txn.put(.checkpoints, key: Array(name.utf8), value: Checkpoint(name: name, position: position, snapshot: snapshot).value)
            case let .resetCheckpoint(name, _):
                try txn.delete(.checkpoints, key: Array(name.utf8))
            case let .append(appends, erase, checkpoint, _):
                do {
                    let result = try stageAppend(
                        appends, erase: erase, txn, &s, &heads, &ids, &indexEntries, &idEntries, &erasedInBatch)
                    if let checkpoint, !result.wasDuplicate {
                        try txn.put(.checkpoints, key: Array(checkpoint.name.utf8), value: checkpoint.value)
                    }
                    s.results[i] = .success(result)
                } catch let error as LMDBError {
                    throw error
                } catch {
                    s.results[i] = .failure(error)
                }
            }
        }

        // Index entries in key order: runs of neighbouring keys instead of random B-tree pages.
        indexEntries.sort { $0.0.lexicographicallyPrecedes($1.0) }
        for (key, position) in indexEntries {
            var p = position.littleEndian
            try key.withUnsafeBytes { k in try withUnsafeBytes(of: &p) { try txn.put(.streams, key: k, value: $0) } }
        }
        idEntries.sort { $0.0.lexicographicallyPrecedes($1.0) }
        for (key, position) in idEntries {
            var p = position.littleEndian
            try key.withUnsafeBytes { k in try withUnsafeBytes(of: &p) { try txn.put(.eventIDs, key: k, value: $0) } }
        }
        for stream in heads.keys.sorted() {
            try txn.put(.heads, key: Array(stream.utf8), value: heads[stream]!.encoded)
        }
        if s.nextStreamNumber != nextStreamNumber {
            var v: [UInt8] = []
            v.appendLE(s.nextStreamNumber)
            try txn.put(.meta, key: Array(MetaKey.nextStreamNumber.utf8), value: v)
        }
        return s
    }

    private func head(_ stream: String, _ txn: borrowing LMDBTransaction, _ heads: [String: StreamHead]) throws -> StreamHead? {
        if let h = heads[stream] { return h }
        return try StreamHead.read(stream, in: txn)
    }

    private func stageAppend(
        _ appends: [PreparedAppend], erase: [String], _ txn: borrowing LMDBTransaction, _ s: inout Staged,
        _ heads: inout [String: StreamHead], _ ids: inout [UUID: UInt64],
        _ indexEntries: inout [([UInt8], UInt64)], _ idEntries: inout [([UInt8], UInt64)], _ erasedInBatch: inout Set<String>
    ) throws -> AppendResult {
        // Idempotency: a batch whose every id is stored already answers with the original positions.
        let allIDs = appends.flatMap { $0.events.map(\.id) }
        var existing: [UInt64?] = []
        existing.reserveCapacity(allIDs.count)
        for id in allIDs {
            if let p = ids[id] { existing.append(p); continue }
            existing.append(try Swift.withUnsafeBytes(of: id.uuid) { k in try txn.get(.eventIDs, key: k) { $0.loadLE(at: 0, as: UInt64.self) } })
        }
        let found = existing.compactMap { $0 }
        if !found.isEmpty {
            guard found.count == allIDs.count else {
                let first = zip(allIDs, existing).first { $0.1 != nil }!.0
                throw EventStoreError.idempotencyConflict(eventID: first.uuidString, reason: "other events of the same append were not")
            }
            var versions: [String: UInt64] = [:]
            var cursor = 0
            for append in appends {
                let last = found[cursor + append.events.count - 1]
                var key = last   // its bytes are the LMDB key, valid only inside the closure below
                cursor += append.events.count
                versions[append.stream] = try withUnsafeBytes(of: &key) { k in
                    try txn.get(.events, key: k) { try RecordView($0, expectedPosition: last).streamVersion }
                } ?? 0
            }
            return AppendResult(positions: found, streamVersions: versions, wasDuplicate: true)
        }
        // Expected versions, all checked before anything is written.
        var current: [StreamHead?] = []
        for append in appends {
            let h = try head(append.stream, txn, heads)
            guard append.expected.isSatisfied(by: h?.version) else {
                throw EventStoreError.wrongExpectedVersion(stream: append.stream, expected: append.expected, actual: h?.version)
            }
            current.append(h)
        }
        // Subject keys for sealed data.
        var sealKeys: [String: [UInt8]] = [:]
        var missing: [String] = []
        for subject in Set(appends.flatMap { $0.events.compactMap(\.subject) }).sorted() {
            if erasedInBatch.contains(subject) { throw EventStoreError.subjectErased(subject) }
            if let k = s.newKeys[subject] { sealKeys[subject] = k; continue }
            switch try keyring.lookup(subject, in: txn) {
            case .key(let k): sealKeys[subject] = k
            case .erased: throw EventStoreError.subjectErased(subject)
            case .absent: missing.append(subject)
            }
        }
        // New keys only once no subject can refuse the append: the transaction is shared with the
        // rest of the batch, so a key written before a refusal would be committed all the same.
        for subject in missing {
            let k = try keyring.create(subject, in: txn)
            s.newKeys[subject] = k
            sealKeys[subject] = k
        }
        // Records.
        var positions: [UInt64] = []
        var versions: [String: UInt64] = [:]
        for (append, h) in zip(appends, current) {
            var head = h ?? StreamHead(number: s.nextStreamNumber, version: 0, lastPosition: 0)
            if h == nil { s.nextStreamNumber += 1 }
            for event in append.events {
                let previous = head.lastPosition
                s.lastPosition += 1
                head.version += 1
                head.lastPosition = s.lastPosition
                let record = try encodeRecord(event, stream: append.streamBytes, position: s.lastPosition, version: head.version,
                                              previousInStream: previous, recordedAt: s.lastRecordedAt, prevHash: s.lastHash,
                                              sealKey: event.subject.map { sealKeys[$0]! })
                s.lastHash = Array(record.suffix(RecordCodec.hashSize))
                var key = s.lastPosition
                try Swift.withUnsafeBytes(of: &key) { k in
                    try record.withUnsafeBytes { try txn.put(.events, key: k, value: $0, flags: UInt32(MDB_APPEND)) }
                }
                if StreamIndex.isIndexed(head.version) {
                    indexEntries.append((streamIndexKey(streamNumber: head.number, version: head.version), s.lastPosition))
                }
                idEntries.append((event.idBytes, s.lastPosition))
                ids[event.id] = s.lastPosition
                positions.append(s.lastPosition)
            }
            heads[append.stream] = head
            versions[append.stream] = head.version
        }
        for subject in erase {
            try keyring.erase(subject, in: txn)
            erasedInBatch.insert(subject)
            s.erased.append(subject)
            s.newKeys[subject] = nil
        }
        return AppendResult(positions: positions, streamVersions: versions, wasDuplicate: false)
    }

    private func encodeRecord(
        _ event: PreparedEvent, stream: [UInt8], position: UInt64, version: UInt64, previousInStream: UInt64, recordedAt: Int64,
        prevHash: [UInt8], sealKey: [UInt8]?
    ) throws -> [UInt8] {
        var sealedBytes: [UInt8]?
        if let plain = event.sealedPlaintext, let sealKey {
            sealedBytes = try Sodium.seal(plain, key: sealKey, additionalData: event.idBytes)
        }
        var record = RecordCodec.encodeCanonical(.init(
            position: position, streamVersion: version, recordedAtMicros: recordedAt, id: event.id, previousInStream: previousInStream,
            type: event.type, schemaVersion: event.schemaVersion, stream: stream, metadata: event.metadata,
            subject: Array((event.subject ?? "").utf8), data: event.data, sealed: sealedBytes))
        let hash = prevHash.withUnsafeBytes { p in record.withUnsafeBytes { r in Sodium.blake2b([p, r]) } }
        record += hash
        return record
    }
}
