import Domain
import Foundation
import Synchronization

/// Which agents are on the chat desk: an open desk socket, or activity on the desk within the presence window.
/// With nobody online, the assistant offers a ticket instead of a queue nobody watches.
public final class AgentPresence: Sendable {
    private struct State {
        var sockets: [AccountID: Int] = [:]
        var lastSeen: [AccountID: Date] = [:]
    }
    private let state = Mutex(State())
    let window: TimeInterval

    public init(window: TimeInterval) { self.window = window }

    func connected(_ agent: AccountID) { state.withLock { $0.sockets[agent, default: 0] += 1 } }

    func disconnected(_ agent: AccountID, at now: Date) {
        state.withLock { s in
            s.sockets[agent] = max(0, (s.sockets[agent] ?? 1) - 1)
            if s.sockets[agent] == 0 { s.sockets[agent] = nil }
            s.lastSeen[agent] = now
        }
    }

    func seen(_ agent: AccountID, at now: Date) { state.withLock { $0.lastSeen[agent] = now } }

    /// Agents online at `now`.
    public func online(at now: Date) -> [AccountID] {
        state.withLock { s in
            Array(Set(s.sockets.keys).union(s.lastSeen.filter { now.timeIntervalSince($0.value) <= window }.keys))
        }
    }

    public func anyoneOnline(at now: Date) -> Bool { !online(at: now).isEmpty }
}
