import CLMDB

/// The named databases inside the log's environment.
///
/// Each is a B-tree in the same memory map; one write transaction can touch all of them,
/// which is what makes a multi-stream append atomic.
enum LMDBDatabase: String, CaseIterable, Sendable {
    /// Global position (native UInt64, `MDB_INTEGERKEY`) → encoded record. Written with `MDB_APPEND`.
    case events
    /// Stream number (8 bytes BE) + stream version (8 bytes BE) → global position.
    case streams
    /// Stream id (UTF-8) → stream head (stream number, version, last position).
    case heads
    /// Event id (16 bytes) → global position. Makes retried appends idempotent.
    case eventIDs = "event-ids"
    /// Subject id (UTF-8) → wrapped subject key, or an empty value once the subject is erased.
    case keys
    /// Projection name (UTF-8) → checkpoint position and snapshot.
    case checkpoints
    /// Format marker, counters.
    case meta

    var flags: UInt32 {
        switch self {
        case .events: return UInt32(MDB_INTEGERKEY)
        default: return 0
        }
    }
}
