/// One unit of work queued for the writer thread. Each is all-or-nothing on its own, and the
/// writer commits many of them in one transaction.
enum WriteRequest: Sendable {
    /// Append to one or more streams; tombstone the keys of `erase` and store `checkpoint` in the same
    /// transaction.
    case append([PreparedAppend], erase: [String], checkpoint: Checkpoint? = nil, CheckedContinuation<AppendResult, any Error>)
    /// Store a projection's checkpoint and snapshot.
    case checkpoint(name: String, position: UInt64, snapshot: [UInt8], CheckedContinuation<Void, any Error>)
    /// Delete a projection's checkpoint so it rebuilds from position 0.
    case resetCheckpoint(name: String, CheckedContinuation<Void, any Error>)

    func fail(_ error: any Error) {
        switch self {
        case .append(_, _, _, let c): c.resume(throwing: error)
        case .checkpoint(_, _, _, let c), .resetCheckpoint(_, let c): c.resume(throwing: error)
        }
    }
}

/// A reactor's or projection's position (and state), stored in the `checkpoints` database.
struct Checkpoint: Sendable {
    let name: String
    let position: UInt64
    let snapshot: [UInt8]

    var value: [UInt8] {
        var v: [UInt8] = []
        v.reserveCapacity(8 + snapshot.count)
        v.appendLE(position)
        v += snapshot
        return v
    }
}
