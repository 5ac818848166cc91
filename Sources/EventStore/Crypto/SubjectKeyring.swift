import Foundation
import Synchronization

/// Per-subject data keys, wrapped by the master key and stored in the `keys` database.
///
/// A value of zero length is the tombstone of an erased subject: its key is gone for good and
/// nothing new may be sealed for it. Unwrapped keys are cached in memory; the cache is updated
/// only after the transaction that created or erased a key has committed.
final class SubjectKeyring: Sendable {
    private let master: MasterKey?
    private struct Cache {
        var keys: [String: [UInt8]] = [:]
        /// Subjects erased while this process runs: a reader that unwrapped a key from an older
        /// snapshot must not put it back into the cache.
        var erased: Set<String> = []
    }
    private let cache = Mutex(Cache())
    /// True in the writing process, which erases through ``forget(_:)`` and so keeps the cache
    /// exact. A read-only store shares the log with a writer in another process, whose erasures
    /// it only learns of from the database.
    private let seesEveryErasure: Bool

    init(master: MasterKey?, seesEveryErasure: Bool) {
        self.master = master
        self.seesEveryErasure = seesEveryErasure
    }

    var canUnseal: Bool { master != nil }

    enum Lookup { case key([UInt8]), erased, absent }

    /// Looks a subject's key up in the cache, then in the database.
    func lookup(_ subject: String, in txn: borrowing LMDBTransaction) throws -> Lookup {
        let cached: Lookup? = cache.withLock { c in
            if c.erased.contains(subject) { return .erased }
            return c.keys[subject].map { .key($0) }
        }
        if case .key? = cached, !seesEveryErasure, try isErased(subject, in: txn) {
            forget(subject)
            return .erased
        }
        if let cached { return cached }
        guard let wrapped = try txn.getBytes(.keys, key: Array(subject.utf8)) else { return .absent }
        if wrapped.isEmpty { return .erased }
        guard let master else { return .absent }
        guard let key = Sodium.open(wrapped, key: master.bytes, additionalData: Array(subject.utf8)) else {
            throw EventStoreError.crypto("subject key of '\(subject)' does not unwrap with this master key (wrong key file?)")
        }
        cache.withLock { c in if !c.erased.contains(subject) { c.keys[subject] = key } }
        return .key(key)
    }

    /// Creates a key for a new subject inside the writer's transaction. The caller caches it after commit.
    func create(_ subject: String, in txn: borrowing LMDBTransaction) throws -> [UInt8] {
        guard let master else { throw EventStoreError.readOnly }
        let key = Sodium.randomBytes(Sodium.aeadKeyLength)
        let wrapped = try Sodium.seal(key, key: master.bytes, additionalData: Array(subject.utf8))
        try txn.put(.keys, key: Array(subject.utf8), value: wrapped)
        return key
    }

    /// Replaces the wrapped key with the erased tombstone.
    func erase(_ subject: String, in txn: borrowing LMDBTransaction) throws {
        try txn.put(.keys, key: Array(subject.utf8), value: [])
    }

    func remember(_ subject: String, key: [UInt8]) { cache.withLock { $0.keys[subject] = key } }
    func forget(_ subject: String) {
        cache.withLock { c in
            c.keys[subject] = nil
            c.erased.insert(subject)
        }
    }

    /// Whether the subject has been erased (reads the database).
    func isErased(_ subject: String, in txn: borrowing LMDBTransaction) throws -> Bool {
        guard let wrapped = try txn.getBytes(.keys, key: Array(subject.utf8)) else { return false }
        return wrapped.isEmpty
    }
}
