import CLMDB
import Foundation

/// A bare LMDB environment for the baseline figures: what the C library alone achieves on this disk.
///
/// Opened with durable default flags (every commit syncs), one unnamed database with
/// `MDB_INTEGERKEY` keys. It owns its `MDB_env`; each transaction is begun and committed inside one
/// synchronous call, on one thread.
final class BaselineEnvironment {
    private let env: OpaquePointer
    private let dbi: MDB_dbi

    /// Opens a new environment in directory `path` (created when missing).
    init(path: String, mapSize: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var handle: OpaquePointer?
        try lmdbCheck(mdb_env_create(&handle), "mdb_env_create")
        guard let handle else { throw BenchError.lmdb(operation: "mdb_env_create", code: -1, message: "no handle") }
        env = handle
        do {
            try lmdbCheck(mdb_env_set_mapsize(env, mapSize), "mdb_env_set_mapsize")
            try lmdbCheck(mdb_env_open(env, path, 0, 0o600), "mdb_env_open(\(path))")
            var txn: OpaquePointer?
            try lmdbCheck(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
            var opened = MDB_dbi()
            let rc = mdb_dbi_open(txn, nil, UInt32(MDB_INTEGERKEY) | UInt32(MDB_CREATE), &opened)
            if rc != 0 { mdb_txn_abort(txn) }
            try lmdbCheck(rc, "mdb_dbi_open")
            try lmdbCheck(mdb_txn_commit(txn), "mdb_txn_commit")
            dbi = opened
        } catch {
            mdb_env_close(env)
            throw error
        }
    }

    deinit { mdb_env_close(env) }

    /// Puts `count` records with keys `firstKey, firstKey + 1, …` in one write transaction and
    /// commits it, which syncs the data file.
    func put(firstKey: UInt64, count: Int, value: [UInt8]) throws {
        var txn: OpaquePointer?
        try lmdbCheck(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
        do {
            try value.withUnsafeBytes { bytes in
                var key = firstKey
                var v = MDB_val(mv_size: bytes.count, mv_data: UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                for _ in 0..<count {
                    try withUnsafeMutableBytes(of: &key) { k in
                        var kv = MDB_val(mv_size: k.count, mv_data: k.baseAddress)
                        try lmdbCheck(mdb_put(txn, dbi, &kv, &v, 0), "mdb_put")
                    }
                    key += 1
                }
            }
        } catch {
            mdb_txn_abort(txn)
            throw error
        }
        try lmdbCheck(mdb_txn_commit(txn), "mdb_txn_commit")
    }
}

/// Turns a non-zero LMDB return code into an error that names the call.
func lmdbCheck(_ code: Int32, _ operation: @autoclosure () -> String) throws {
    guard code != 0 else { return }
    throw BenchError.lmdb(operation: operation(), code: code, message: String(cString: mdb_strerror(code)))
}
