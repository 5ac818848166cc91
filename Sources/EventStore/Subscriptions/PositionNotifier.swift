import Synchronization

/// Tells waiting readers that the log has grown past a position.
///
/// The writer publishes the committed position after every transaction; subscribers and
/// read-your-writes queries wait here instead of polling.
final class PositionNotifier: Sendable {
    private struct Waiter {
        let id: UInt64
        let after: UInt64
        let continuation: CheckedContinuation<UInt64, any Error>
    }
    private struct State {
        var current: UInt64
        var nextID: UInt64 = 0
        var waiters: [Waiter] = []
        var closed = false
    }
    private let state: Mutex<State>

    init(current: UInt64) { state = Mutex(State(current: current)) }

    var current: UInt64 { state.withLock { $0.current } }

    func publish(_ position: UInt64) {
        let ready: [Waiter] = state.withLock { s in
            s.current = max(s.current, position)
            let (done, waiting) = s.waiters.partitioned { $0.after < s.current }
            s.waiters = waiting
            return done
        }
        let now = current
        for w in ready { w.continuation.resume(returning: now) }
    }

    /// Returns the committed position once it is greater than `position`. Cancellation ends the wait
    /// with `CancellationError`; closing the store ends it with ``EventStoreError/closed``.
    func wait(after position: UInt64) async throws -> UInt64 {
        let id: UInt64 = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<UInt64, any Error>) in
                let immediate: Result<UInt64, any Error>? = state.withLock { s in
                    if s.closed { return .failure(EventStoreError.closed) }
                    if s.current > position { return .success(s.current) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    s.waiters.append(Waiter(id: id, after: position, continuation: c))
                    return nil
                }
                if let immediate { c.resume(with: immediate) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { s in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: i)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    func close() {
        let all: [Waiter] = state.withLock { s in
            s.closed = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in all { w.continuation.resume(throwing: EventStoreError.closed) }
    }
}

extension Array {
    /// Splits into (matching, not matching), keeping order.
    func partitioned(_ predicate: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = [], no: [Element] = []
        for e in self { if predicate(e) { yes.append(e) } else { no.append(e) } }
        return (yes, no)
    }
}
