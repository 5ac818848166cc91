import Domain
import EventStore
import Foundation
import Projections
import Synchronization

/// Loads accounts from their streams, keeping folded states in memory so a load reads only the
/// events appended since (account streams grow with every sign-in).
final class AccountRepository: Sendable {
    private let store: EventStore
    private let cache = Mutex<[AccountID: (version: UInt64, account: Account)]>([:])
    private let capacity: Int

    init(store: EventStore, capacity: Int = 10_000) {
        self.store = store
        self.capacity = capacity
    }

    /// The account and its stream version (0 when absent).
    func load(_ id: AccountID) throws -> (account: Account, version: UInt64) {
        var (version, account) = cache.withLock { $0[id] } ?? (0, Account())
        while true {
            let events = try store.read(stream: id.stream, from: version + 1, limit: 500)
            for record in events {
                if let event = AccountEvent(try record.domainEvent()) {
                    account = account.evolve(event, at: record.recordedAt)
                }
                version = record.streamVersion
            }
            if events.count < 500 { break }
        }
        if version > 0 {
            cache.withLock { c in
                if c.count >= capacity, c[id] == nil, let victim = c.keys.first { c[victim] = nil }
                c[id] = (version, account)
            }
        }
        return (account, version)
    }
}
