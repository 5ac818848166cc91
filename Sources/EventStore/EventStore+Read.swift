import Foundation

/// A slice of the log: the events that matched, and how far the scan got.
public struct LogBatch: Sendable {
    public var events: [RecordedEvent]
    /// The last position scanned (matched or not); continue after it.
    public var through: UInt64
}

/// Which way to read a stream.
public enum ReadDirection: Sendable { case forwards, backwards }

extension EventStore {
    /// Reads the whole log after `position` (exclusive), at most `limit` records scanned.
    /// With `types`, only those event types are decoded and returned; `through` still advances.
    /// With `unseal: false` sealed parts are left as ``SealedContent/sealed(subject:)``.
    public func read(after position: UInt64, limit: Int = 1000, types: Set<String>? = nil, unseal: Bool = true) throws -> LogBatch {
        let typeBytes = types.map { $0.map { Array($0.utf8) } }
        let names = TypeNames()
        return try env.read { txn in
            var events: [RecordedEvent] = []
            var through = position
            var scanned = 0
            var start = position + 1
            try withUnsafeBytes(of: &start) { startKey in
                try txn.scan(.events, from: startKey) { key, value in
                    let p = key.loadUnaligned(as: UInt64.self)
                    let view = try RecordView(value, expectedPosition: p)
                    if typeBytes == nil || typeBytes!.contains(where: { view.typeEquals($0) }) {
                        events.append(try decode(view, txn, unseal: unseal, types: names))
                    }
                    through = p
                    scanned += 1
                    return scanned < limit
                }
            }
            return LogBatch(events: events, through: through)
        }
    }

    /// Reads one record by global position.
    public func event(at position: UInt64, unseal: Bool = true) throws -> RecordedEvent? {
        var key = position
        return try env.read { txn in
            try withUnsafeBytes(of: &key) { k in
                try txn.get(.events, key: k) { try decode(RecordView($0, expectedPosition: position), txn, unseal: unseal) }
            }
        }
    }

    /// Reads a stream from `version` (inclusive; default: the start, or the end when reading backwards).
    ///
    /// Walks the records' back-links from the nearest indexed version at or above the range (or from
    /// the stream's head), so it reads at most ``StreamIndex/stride`` records beyond those returned.
    public func read(stream: String, from version: UInt64? = nil, direction: ReadDirection = .forwards,
                     limit: Int = 1000, unseal: Bool = true) throws -> [RecordedEvent] {
        guard limit > 0 else { return [] }
        return try env.read { txn in
            guard let head = try StreamHead.read(stream, in: txn) else { return [] }
            let start = version ?? (direction == .forwards ? 1 : head.version)
            guard start >= 1 else { return [] }
            let lowest: UInt64, highest: UInt64
            switch direction {
            case .forwards:
                guard start <= head.version else { return [] }
                lowest = start
                highest = min(head.version, start + UInt64(limit) - 1)
            case .backwards:
                highest = min(start, head.version)
                lowest = highest >= UInt64(limit) ? highest - UInt64(limit) + 1 : 1
            }
            // Where to begin walking back: an indexed version at or above `highest`, or the head.
            var position = head.lastPosition
            var current = head.version
            let indexed = StreamIndex.indexedVersion(atOrAbove: highest)
            if indexed < head.version {
                let found = try streamIndexKey(streamNumber: head.number, version: indexed).withUnsafeBytes { k in
                    try txn.get(.streams, key: k) { $0.loadLE(at: 0, as: UInt64.self) }
                }
                if let found {
                    position = found
                    current = indexed
                }
            }
            var events: [RecordedEvent] = []
            events.reserveCapacity(Int(highest - lowest + 1))
            let types = TypeNames()
            while current >= lowest, position > 0 {
                var key = position
                let p = position
                let previous = try Swift.withUnsafeBytes(of: &key) { k in
                    try txn.get(.events, key: k) { bytes -> UInt64 in
                        let view = try RecordView(bytes, expectedPosition: p)
                        guard view.streamVersion == current else {
                            throw EventStoreError.corruptRecord(position: p, reason: "expected version \(current) of '\(stream)', found \(view.streamVersion)")
                        }
                        if current <= highest { events.append(try decode(view, txn, unseal: unseal, types: types)) }
                        return view.previousInStream
                    }
                }
                guard let previous else { throw EventStoreError.corruptRecord(position: p, reason: "record of '\(stream)' v\(current) is missing") }
                position = previous
                current -= 1
            }
            return direction == .forwards ? events.reversed() : events
        }
    }

    /// The version of a stream's last event, or nil when the stream does not exist.
    public func streamVersion(_ stream: String) throws -> UInt64? {
        try env.read { try StreamHead.read(stream, in: $0)?.version }
    }

    /// Whether a subject's key has been erased.
    public func isErased(subject: String) throws -> Bool {
        try env.read { try keyring.isErased(subject, in: $0) }
    }

    func decode(_ view: RecordView, _ txn: borrowing LMDBTransaction, unseal: Bool, types: TypeNames? = nil) throws -> RecordedEvent {
        var sealedIP: String?
        var sealed = SealedContent.none
        if view.hasSealed {
            let subject = view.string(view.subjectRange)
            sealed = .sealed(subject: subject)
            if unseal {
                switch try keyring.lookup(subject, in: txn) {
                case .key(let key):
                    guard let plain = Sodium.open(view.array(view.sealedRange), key: key, additionalData: Swift.withUnsafeBytes(of: view.id.uuid) { Array($0) }),
                          plain.count >= 2
                    else { throw EventStoreError.corruptRecord(position: view.position, reason: "sealed part does not decrypt") }
                    let ipLength = Int(plain.withUnsafeBytes { $0.loadLE(at: 0, as: UInt16.self) })
                    guard plain.count >= 2 + ipLength else { throw EventStoreError.corruptRecord(position: view.position, reason: "sealed part is truncated") }
                    if ipLength > 0 { sealedIP = String(decoding: plain[2..<(2 + ipLength)], as: UTF8.self) }
                    sealed = .plaintext(subject: subject, data: Array(plain[(2 + ipLength)...]))
                case .erased:
                    sealed = .erased(subject: subject)
                case .absent:
                    break
                }
            }
        }
        let type = types?.name(UnsafeRawBufferPointer(rebasing: view.bytes[view.typeRange])) ?? view.string(view.typeRange)
        return RecordedEvent(
            position: view.position, stream: view.string(view.streamRange), streamVersion: view.streamVersion, id: view.id,
            type: type, schemaVersion: view.schemaVersion, recordedAtMicros: view.recordedAtMicros,
            rawMetadata: view.array(view.metadataRange), sealedIP: sealedIP, data: view.array(view.dataRange), sealed: sealed,
            chainHash: ChainHash(view.hash))
    }

    /// Waits until the log holds a position greater than `position`; returns the new last position.
    public func waitForEvents(after position: UInt64) async throws -> UInt64 {
        if readOnly {
            // No writer in this process to announce commits: poll.
            while true {
                let last = try currentLastPosition()
                if last > position { return last }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        return try await notifier.wait(after: position)
    }

    /// Follows the log after `position`: first what is stored, then new events as they commit,
    /// with no gap and no duplicate.
    public func subscribe(after position: UInt64, types: Set<String>? = nil, unseal: Bool = true, batchSize: Int = 1000) -> EventSubscription {
        EventSubscription(store: self, after: position, types: types, unseal: unseal, batchSize: batchSize)
    }
}
