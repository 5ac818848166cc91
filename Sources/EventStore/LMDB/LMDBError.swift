import CLMDB

/// A failed LMDB call: which operation failed, its return code and LMDB's own explanation.
public struct LMDBError: Error, CustomStringConvertible, Sendable {
    /// The operation that failed, e.g. `mdb_txn_commit`.
    public let operation: String
    /// The C return code.
    public let code: Int32

    public var description: String {
        let message = String(cString: mdb_strerror(code))
        return "\(operation) failed: \(message) (code \(code))"
    }

    var isMapFull: Bool { code == MDB_MAP_FULL }
    var isMapResized: Bool { code == MDB_MAP_RESIZED }
    var isNotFound: Bool { code == MDB_NOTFOUND }
}

/// Checks an LMDB return code and throws an ``LMDBError`` naming `operation` when it is not success.
@inline(__always)
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws {
    if code != 0 { throw LMDBError(operation: operation(), code: code) }
}
