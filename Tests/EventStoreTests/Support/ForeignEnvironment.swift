import CLMDB

/// Writes LMDB environments that are not portal logs, straight through the C API.
enum ForeignEnvironment {
    struct Failure: Error { let operation: String, code: Int32 }

    /// Creates an environment in `directory`; with `database`, one named database holding one entry.
    static func create(at directory: String, database: String?) throws {
        func check(_ rc: Int32, _ operation: String) throws { if rc != 0 { throw Failure(operation: operation, code: rc) } }
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "mdb_env_create")
        defer { mdb_env_close(env) }
        try check(mdb_env_set_maxdbs(env, 4), "mdb_env_set_maxdbs")
        try check(mdb_env_open(env, directory, 0, 0o600), "mdb_env_open")
        guard let database else { return }
        var txn: OpaquePointer?
        try check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
        var dbi = MDB_dbi()
        try check(mdb_dbi_open(txn, database, UInt32(MDB_CREATE), &dbi), "mdb_dbi_open")
        var key: UInt64 = 1, value: UInt64 = 2
        try withUnsafeMutableBytes(of: &key) { k in
            try withUnsafeMutableBytes(of: &value) { v in
                var kv = MDB_val(mv_size: k.count, mv_data: k.baseAddress)
                var vv = MDB_val(mv_size: v.count, mv_data: v.baseAddress)
                try check(mdb_put(txn, dbi, &kv, &vv, 0), "mdb_put")
            }
        }
        try check(mdb_txn_commit(txn), "mdb_txn_commit")
    }
}
