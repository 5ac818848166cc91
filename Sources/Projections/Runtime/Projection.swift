import EventStore

/// A read model folded from the log, in log order.
///
/// Implementations guard their state with a lock of their own: the runner applies events from one
/// task while queries read from many.
public protocol Projection: AnyObject, Sendable {
    /// Stable name; the checkpoint is stored under it and `portalctl rebuild NAME` uses it.
    var name: String { get }
    /// Bump when the snapshot format or the folding logic changes: a stored snapshot of another
    /// version is discarded and the projection rebuilt from the start.
    var version: Int { get }
    /// The event types this projection handles (nil: all). Others are skipped without being decoded.
    var eventTypes: Set<String>? { get }
    /// Whether `apply` needs sealed parts decrypted. Projections that only index positions don't.
    var needsPersonalData: Bool { get }
    /// False for projections that hold unsealed personal text: they write no snapshot and are rebuilt from the
    /// log at every start, so that text never rests outside its sealed events.
    var keepsCheckpoints: Bool { get }
    /// True for projections whose state also changes between events (background work, such as the encoder
    /// filling in vectors): the runner then checkpoints them in quiet times and on stop whenever
    /// ``hasUnsavedChanges`` says so, not only after new events.
    var changesWithoutEvents: Bool { get }
    /// Whether the state changed since the last ``snapshot()`` (asked only when ``changesWithoutEvents``).
    var hasUnsavedChanges: Bool { get }

    func apply(_ event: RecordedEvent) throws
    /// The state as bytes, stored with the checkpoint.
    func snapshot() throws -> [UInt8]
    func restore(from snapshot: [UInt8]) throws
    /// Back to the empty state.
    func reset()
}

extension Projection {
    public var needsPersonalData: Bool { false }
    public var keepsCheckpoints: Bool { true }
    public var changesWithoutEvents: Bool { false }
    public var hasUnsavedChanges: Bool { false }
}
