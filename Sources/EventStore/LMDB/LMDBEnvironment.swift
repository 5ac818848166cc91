import CLMDB
#if canImport(Glibc)
import Glibc
#endif

/// Owns one `MDB_env` and the handles of its named databases.
///
/// `@unchecked Sendable` because the C handle is shared between threads, which LMDB allows for an
/// environment opened with `MDB_NOTLS`: every transaction is begun and ended inside one synchronous
/// call on one thread. The map can only be resized, and the environment only closed, while no
/// transaction of this process is open, so every transaction holds `resizeLock` for reading and
/// ``grow()`` and ``close()`` take it for writing. `handle` is nil once closed; it only changes
/// under the write lock, so anyone holding the read lock sees a stable value.
final class LMDBEnvironment: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var dbis: [LMDBDatabase: MDB_dbi] = [:]
    /// Heap-allocated: a pthread lock must not move, and `&property` does not promise a stable address.
    private let resizeLock: UnsafeMutablePointer<pthread_rwlock_t>
    let path: String
    let readOnly: Bool

    /// Opens the environment in directory `path`; creates its named databases only when `createDatabases`
    /// (a new log), so a foreign LMDB environment is refused rather than written into.
    init(path: String, readOnly: Bool, createDatabases: Bool, initialMapSize: Int) throws {
        self.path = path
        self.readOnly = readOnly
        resizeLock = .allocate(capacity: 1)
        var attr = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attr)
        // Prefer the writer: a resize must not starve behind a steady stream of readers.
        pthread_rwlockattr_setkind_np(&attr, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(resizeLock, &attr)
        pthread_rwlockattr_destroy(&attr)

        // From here on `self` is fully initialised, so a throw runs `deinit`, which closes the
        // environment: closing it here as well would free it twice.
        try check(mdb_env_create(&handle), "mdb_env_create")
        guard let env = handle else { throw LMDBError(operation: "mdb_env_create", code: -1) }
        try check(mdb_env_set_maxdbs(env, MDB_dbi(LMDBDatabase.allCases.count + 2)), "mdb_env_set_maxdbs")
        try check(mdb_env_set_maxreaders(env, 1022), "mdb_env_set_maxreaders")
        try check(mdb_env_set_mapsize(env, initialMapSize), "mdb_env_set_mapsize")
        var flags = UInt32(MDB_NOTLS) | UInt32(MDB_NORDAHEAD)
        if readOnly { flags |= UInt32(MDB_RDONLY) }
        try check(mdb_env_open(env, path, flags, 0o600), "mdb_env_open(\(path))")
        try openDatabases(env, create: createDatabases && !readOnly)
    }

    deinit {
        if let handle { mdb_env_close(handle) }
        pthread_rwlock_destroy(resizeLock)
        resizeLock.deallocate()
    }

    /// Closes the environment once no transaction of this process is open. Later calls throw
    /// ``EventStoreError/closed``. Closing early matters: LMDB forbids opening the same file twice
    /// in one process, so a closed store must let go of it before the folder is opened again.
    func close() {
        pthread_rwlock_wrlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        if let handle { mdb_env_close(handle) }
        handle = nil
    }

    /// The open handle; call only while holding `resizeLock`.
    private func openHandle() throws -> OpaquePointer {
        guard let handle else { throw EventStoreError.closed }
        return handle
    }

    private func openDatabases(_ env: OpaquePointer, create: Bool) throws {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn), "mdb_txn_begin(open databases)")
        // An environment holding nothing at all is a first start that died before its databases
        // were committed (the file exists from `mdb_env_open` on): finish it instead of refusing it.
        let create = create || (!readOnly && isEmpty(txn))
        for db in LMDBDatabase.allCases {
            var dbi = MDB_dbi()
            let flags = db.flags | (create ? UInt32(MDB_CREATE) : 0)
            let rc = mdb_dbi_open(txn, db.rawValue, flags, &dbi)
            if rc != 0 {
                mdb_txn_abort(txn)
                if rc == MDB_NOTFOUND {
                    throw EventStoreError.notAPortalDataFolder(path: path, reason: "it has no '\(db.rawValue)' database")
                }
                try check(rc, "mdb_dbi_open(\(db.rawValue))")
            }
            dbis[db] = dbi
        }
        try check(mdb_txn_commit(txn), "mdb_txn_commit(open databases)")
    }

    /// Whether the environment's main database has no entries (so no named database either).
    private func isEmpty(_ txn: OpaquePointer?) -> Bool {
        var main = MDB_dbi()
        var stat = MDB_stat()
        guard mdb_dbi_open(txn, nil, 0, &main) == 0, mdb_stat(txn, main, &stat) == 0 else { return false }
        return stat.ms_entries == 0
    }

    /// Runs `body` in a read-only transaction.
    func read<R>(_ body: (borrowing LMDBTransaction) throws -> R) throws -> R {
        var result: R?
        // Another process may grow the file beyond our map, even several times while we adopt its
        // size. Adopting needs the write lock (no transaction of this process may be open), so it
        // happens between attempts.
        for _ in 0..<100 {
            if try readIfMapFits({ result = try body($0) }) { return result! }
            try adoptMapSize()
        }
        throw LMDBError(operation: "mdb_txn_begin(read)", code: MDB_MAP_RESIZED)
    }

    /// Runs `body` in a read-only transaction; returns false, without running it, when the map
    /// must grow first (`MDB_MAP_RESIZED`).
    private func readIfMapFits(_ body: (borrowing LMDBTransaction) throws -> Void) throws -> Bool {
        pthread_rwlock_rdlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        var txn: OpaquePointer?
        let rc = mdb_txn_begin(try openHandle(), nil, UInt32(MDB_RDONLY), &txn)
        if rc == MDB_MAP_RESIZED { return false }
        try check(rc, "mdb_txn_begin(read)")
        defer { mdb_txn_abort(txn) }
        try body(LMDBTransaction(handle: txn!, dbis: dbis))
        return true
    }

    /// Runs `body` in a write transaction and commits it (one sync), or aborts on error.
    func write<R>(_ body: (borrowing LMDBTransaction) throws -> R) throws -> R {
        pthread_rwlock_rdlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        var txn: OpaquePointer?
        try check(mdb_txn_begin(try openHandle(), nil, 0, &txn), "mdb_txn_begin(write)")
        let result: R
        do {
            result = try body(LMDBTransaction(handle: txn!, dbis: dbis))
        } catch {
            mdb_txn_abort(txn)
            throw error
        }
        try check(mdb_txn_commit(txn), "mdb_txn_commit")
        return result
    }

    /// Current size of the memory map in bytes; call inside ``read(_:)`` or ``write(_:)`` (0 once closed).
    var mapSize: Int {
        guard let handle else { return 0 }
        var info = MDB_envinfo()
        mdb_env_info(handle, &info)
        return info.me_mapsize
    }

    /// Doubles the map (up to +4 GiB at a time). Called by the writer after `MDB_MAP_FULL`.
    func grow() throws {
        pthread_rwlock_wrlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        let current = mapSize
        let next = current + min(current, 4 << 30)
        try check(mdb_env_set_mapsize(try openHandle(), next), "mdb_env_set_mapsize(\(next))")
    }

    /// Adopts the map size another process has grown the file to (size 0 means "as large as the file").
    private func adoptMapSize() throws {
        pthread_rwlock_wrlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        try check(mdb_env_set_mapsize(try openHandle(), 0), "mdb_env_set_mapsize(adopt)")
    }

    /// Copies the environment to directory `destination`, omitting free pages; safe while writers run.
    func copyCompacted(to destination: String) throws {
        pthread_rwlock_rdlock(resizeLock)
        defer { pthread_rwlock_unlock(resizeLock) }
        try check(mdb_env_copy2(try openHandle(), destination, UInt32(MDB_CP_COMPACT)), "mdb_env_copy2(\(destination))")
    }

    /// Bytes used by the data file: pages in use times the page size; call inside ``read(_:)``.
    func usedBytes() throws -> Int {
        let env = try openHandle()
        var info = MDB_envinfo()
        try check(mdb_env_info(env, &info), "mdb_env_info")
        var stat = MDB_stat()
        try check(mdb_env_stat(env, &stat), "mdb_env_stat")
        return (info.me_last_pgno + 1) * Int(stat.ms_psize)
    }
}
