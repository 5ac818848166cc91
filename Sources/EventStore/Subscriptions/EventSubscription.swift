/// An `AsyncSequence` over the log from a position: catches up, then goes live.
///
/// It always reads committed records by position, in batches, so concurrent appends can neither
/// create a gap nor a duplicate; it waits on the writer's notifications when it reaches the end.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent
    let store: EventStore
    let after: UInt64
    let types: Set<String>?
    let unseal: Bool
    let batchSize: Int

    public struct AsyncIterator: AsyncIteratorProtocol {
        let store: EventStore
        let types: Set<String>?
        let unseal: Bool
        let batchSize: Int
        var position: UInt64
        var buffer: [RecordedEvent] = []
        var index = 0

        public mutating func next() async throws -> RecordedEvent? {
            while true {
                if index < buffer.count {
                    defer { index += 1 }
                    return buffer[index]
                }
                try Task.checkCancellation()
                // Closing the store ends the sequence, whether it happens during a read or a wait.
                do {
                    let batch = try store.read(after: position, limit: batchSize, types: types, unseal: unseal)
                    buffer = batch.events
                    index = 0
                    if batch.through == position { _ = try await store.waitForEvents(after: position) }
                    position = batch.through
                } catch EventStoreError.closed {
                    return nil
                }
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(store: store, types: types, unseal: unseal, batchSize: batchSize, position: after)
    }
}
