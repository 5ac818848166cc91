import CLMDB
#if canImport(Glibc)
import Glibc
#endif

/// Owns one `MDB_env` and the handles of its named databases.
///
/// `@unchecked Sendable` because the C handle is shared between threads, which LMDB allows for an
/// environment opened with `MDB_NOTLS`: every transaction is begun and ended inside one synchronous
/// call on one thread. The map can only be resized while no transaction of this process is open, so
/// every transaction holds `resizeLock` for reading and ``grow()`` takes it for writing.
final class LMDBEnvironment: @unchecked Sendable {
    private let env: OpaquePointer
    private var dbis: [LMDBDatabase: MDB_dbi] = [:]
    private var resizeLock = pthread_rwlock_t()
    let path: String
    let readOnly: Bool

    /// Opens the environment in directory `path`; creates its named databases only when `createDatabases`
    /// (a new log), so a foreign LMDB environment is refused rather than written into.
    init(path: String, readOnly: Bool, createDatabases: Bool, initialMapSize: Int) throws {
        self.path = path
        self.readOnly = readOnly
        var attr = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attr)
        // Prefer the writer: a resize must not starve behind a steady stream of readers.
        pthread_rwlockattr_setkind_np(&attr, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(&resizeLock, &attr)
        pthread_rwlockattr_destroy(&attr)

        var handle: OpaquePointer?
        try check(mdb_env_create(&handle), "mdb_env_create")
        guard let handle else { throw LMDBError(operation: "mdb_env_create", code: -1) }
        env = handle
        do {
            try check(mdb_env_set_maxdbs(env, MDB_dbi(LMDBDatabase.allCases.count + 2)), "mdb_env_set_maxdbs")
            try check(mdb_env_set_maxreaders(env, 1022), "mdb_env_set_maxreaders")
            try check(mdb_env_set_mapsize(env, initialMapSize), "mdb_env_set_mapsize")
            var flags = UInt32(MDB_NOTLS) | UInt32(MDB_NORDAHEAD)
            if readOnly { flags |= UInt32(MDB_RDONLY) }
            try check(mdb_env_open(env, path, flags, 0o600), "mdb_env_open(\(path))")
            try openDatabases(create: createDatabases && !readOnly)
        } catch {
            mdb_env_close(env)
            throw error
        }
    }

    deinit {
        mdb_env_close(env)
        pthread_rwlock_destroy(&resizeLock)
    }

    private func openDatabases(create: Bool) throws {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn), "mdb_txn_begin(open databases)")
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

    /// Runs `body` in a read-only transaction.
    func read<R>(_ body: (borrowing LMDBTransaction) throws -> R) throws -> R {
        pthread_rwlock_rdlock(&resizeLock)
        defer { pthread_rwlock_unlock(&resizeLock) }
        var txn: OpaquePointer?
        var rc = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn)
        if rc == MDB_MAP_RESIZED {
            // Another process grew the map: adopt its size and try again.
            try check(mdb_env_set_mapsize(env, 0), "mdb_env_set_mapsize(adopt)")
            rc = mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn)
        }
        try check(rc, "mdb_txn_begin(read)")
        defer { mdb_txn_abort(txn) }
        return try body(LMDBTransaction(handle: txn!, dbis: dbis))
    }

    /// Runs `body` in a write transaction and commits it (one sync), or aborts on error.
    func write<R>(_ body: (borrowing LMDBTransaction) throws -> R) throws -> R {
        pthread_rwlock_rdlock(&resizeLock)
        defer { pthread_rwlock_unlock(&resizeLock) }
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin(write)")
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

    /// Current size of the memory map in bytes.
    var mapSize: Int {
        var info = MDB_envinfo()
        mdb_env_info(env, &info)
        return info.me_mapsize
    }

    /// Doubles the map (up to +4 GiB at a time). Called by the writer after `MDB_MAP_FULL`.
    func grow() throws {
        pthread_rwlock_wrlock(&resizeLock)
        defer { pthread_rwlock_unlock(&resizeLock) }
        let current = mapSize
        let next = current + min(current, 4 << 30)
        try check(mdb_env_set_mapsize(env, next), "mdb_env_set_mapsize(\(next))")
    }

    /// Copies the environment to directory `destination`, omitting free pages; safe while writers run.
    func copyCompacted(to destination: String) throws {
        pthread_rwlock_rdlock(&resizeLock)
        defer { pthread_rwlock_unlock(&resizeLock) }
        try check(mdb_env_copy2(env, destination, UInt32(MDB_CP_COMPACT)), "mdb_env_copy2(\(destination))")
    }

    /// Bytes used by the data file: pages in use times the page size.
    func usedBytes() throws -> Int {
        var info = MDB_envinfo()
        try check(mdb_env_info(env, &info), "mdb_env_info")
        var stat = MDB_stat()
        try check(mdb_env_stat(env, &stat), "mdb_env_stat")
        return (info.me_last_pgno + 1) * Int(stat.ms_psize)
    }
}
