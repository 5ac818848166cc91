import Foundation

extension EventStore {
    /// Appends events to one or more streams in one atomic transaction.
    ///
    /// Each stream's `expected` version is checked first; if any fails, nothing is written and
    /// ``EventStoreError/wrongExpectedVersion(stream:expected:actual:)`` names the stream. Resending an
    /// append whose event ids are all stored returns the original positions and writes nothing.
    /// Returns once the transaction holding the events is durable on disk.
    public func append(_ appends: [StreamAppend]) async throws -> AppendResult {
        let writer = try requireWriter()
        let prepared = try PreparedAppend.prepare(appends)
        return try await withCheckedThrowingContinuation { c in
            writer.submit(.append(prepared, erase: [], c))
        }
    }

    /// Appends events and, in the same transaction, stores a checkpoint: a reactor that records what it
    /// did this way can never, after a crash, both have done it and not have moved past its cause.
    public func append(_ appends: [StreamAppend], checkpoint name: String, position: UInt64, snapshot: [UInt8] = []) async throws -> AppendResult {
        let writer = try requireWriter()
        let prepared = try PreparedAppend.prepare(appends)
        let checkpoint = Checkpoint(name: name, position: position, snapshot: snapshot)
        return try await withCheckedThrowingContinuation { c in
            writer.submit(.append(prepared, erase: [], checkpoint: checkpoint, c))
        }
    }

    /// Appends events to a single stream.
    public func append(to stream: String, expected: ExpectedVersion, events: [NewEvent]) async throws -> AppendResult {
        try await append([StreamAppend(stream: stream, expected: expected, events: events)])
    }

    /// Crypto-shreds a subject: in one transaction, appends `events` (which record the erasure) and
    /// replaces the subject's key with a tombstone. Sealed data of the subject reads as erased from
    /// then on; no record is rewritten.
    public func eraseSubject(_ subject: String, recording events: [StreamAppend]) async throws -> AppendResult {
        let writer = try requireWriter()
        let prepared = try PreparedAppend.prepare(events)
        return try await withCheckedThrowingContinuation { c in
            writer.submit(.append(prepared, erase: [subject], c))
        }
    }

    /// Stores a projection's checkpoint and snapshot through the writer (same environment as the log).
    public func saveCheckpoint(name: String, position: UInt64, snapshot: [UInt8]) async throws {
        let writer = try requireWriter()
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            writer.submit(.checkpoint(name: name, position: position, snapshot: snapshot, c))
        }
    }

    /// Deletes a projection's checkpoint, so it is rebuilt from the start of the log.
    public func resetCheckpoint(name: String) async throws {
        let writer = try requireWriter()
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            writer.submit(.resetCheckpoint(name: name, c))
        }
    }
}
