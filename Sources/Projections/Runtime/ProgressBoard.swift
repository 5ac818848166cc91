import Synchronization

/// Applied positions per projection, and the queries waiting for them (read-your-writes).
final class ProgressBoard: Sendable {
    private struct Waiter {
        let id: UInt64
        let names: [String]
        let position: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }
    private struct State {
        var positions: [String: UInt64] = [:]
        var failures: [String: String] = [:]
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }
    private let state = Mutex(State())

    func set(_ name: String, position: UInt64) {
        let ready: [Waiter] = state.withLock { s in
            s.positions[name] = position
            let (done, waiting) = s.waiters.partitioned { w in w.names.allSatisfy { (s.positions[$0] ?? 0) >= w.position } }
            s.waiters = waiting
            return done
        }
        ready.forEach { $0.continuation.resume(returning: true) }
    }

    func fail(_ name: String, reason: String) { state.withLock { $0.failures[name] = reason } }
    func clearFailure(_ name: String) { _ = state.withLock { $0.failures.removeValue(forKey: name) } }
    func position(_ name: String) -> UInt64 { state.withLock { $0.positions[name] ?? 0 } }
    func failure(_ name: String) -> String? { state.withLock { $0.failures[name] } }

    /// Waits until every projection in `names` has applied `position`; false on timeout.
    func wait(for names: [String], position: UInt64, timeout: Duration) async -> Bool {
        let id: UInt64 = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
                    let done: Bool = self.state.withLock { s in
                        if names.allSatisfy({ (s.positions[$0] ?? 0) >= position }) { return true }
                        s.waiters.append(Waiter(id: id, names: names, position: position, continuation: c))
                        return false
                    }
                    if done { c.resume(returning: true) }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                let waiter: Waiter? = self.state.withLock { s in
                    guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return s.waiters.remove(at: i)
                }
                waiter?.continuation.resume(returning: false)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}

extension Array {
    func partitioned(_ predicate: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = [], no: [Element] = []
        for e in self { if predicate(e) { yes.append(e) } else { no.append(e) } }
        return (yes, no)
    }
}
