import CLMDB

/// One LMDB transaction. It only exists inside a synchronous closure passed to
/// ``LMDBEnvironment/read(_:)`` or ``LMDBEnvironment/write(_:)``, so the C handle never
/// outlives the call and never crosses an `await` (LMDB transactions are thread-affine).
struct LMDBTransaction: ~Copyable {
    let handle: OpaquePointer
    let dbis: [LMDBDatabase: MDB_dbi]

    func dbi(_ database: LMDBDatabase) -> MDB_dbi { dbis[database]! }

    /// Reads a value; the closure sees the bytes in the memory map, valid only while it runs.
    func get<R>(_ database: LMDBDatabase, key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R? {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let rc = mdb_get(handle, dbi(database), &k, &v)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_get(\(database.rawValue))")
        return try body(UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
    }

    /// Reads a value as a byte array.
    func getBytes(_ database: LMDBDatabase, key: [UInt8]) throws -> [UInt8]? {
        try key.withUnsafeBytes { k in try get(database, key: k) { Array($0) } }
    }

    /// Writes a value. `MDB_MAP_FULL` surfaces as an ``LMDBError`` that the writer answers by growing the map.
    func put(_ database: LMDBDatabase, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: UInt32 = 0) throws {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_put(handle, dbi(database), &k, &v, flags), "mdb_put(\(database.rawValue))")
    }

    func put(_ database: LMDBDatabase, key: [UInt8], value: [UInt8], flags: UInt32 = 0) throws {
        try key.withUnsafeBytes { k in try value.withUnsafeBytes { v in try put(database, key: k, value: v, flags: flags) } }
    }

    /// Deletes a key; returns false when it was not there.
    @discardableResult
    func delete(_ database: LMDBDatabase, key: [UInt8]) throws -> Bool {
        try key.withUnsafeBytes { kb in
            var k = MDB_val(mv_size: kb.count, mv_data: UnsafeMutableRawPointer(mutating: kb.baseAddress))
            let rc = mdb_del(handle, dbi(database), &k, nil)
            if rc == MDB_NOTFOUND { return false }
            try check(rc, "mdb_del(\(database.rawValue))")
            return true
        }
    }

    /// Walks a database with a cursor from `start` (or the first/last key), calling `body` with each
    /// key and value until it returns false. The buffers are only valid during the call.
    func scan(
        _ database: LMDBDatabase, from start: UnsafeRawBufferPointer?, backwards: Bool = false,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(handle, dbi(database), &cursor), "mdb_cursor_open(\(database.rawValue))")
        defer { mdb_cursor_close(cursor) }
        var k = MDB_val(), v = MDB_val()
        var rc: Int32
        if let start {
            k = MDB_val(mv_size: start.count, mv_data: UnsafeMutableRawPointer(mutating: start.baseAddress))
            rc = mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE)
            if backwards {
                if rc == MDB_NOTFOUND {
                    rc = mdb_cursor_get(cursor, &k, &v, MDB_LAST)
                } else if rc == 0 {
                    // SET_RANGE lands on the first key >= start; step back if it is beyond start.
                    let found = UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size)
                    if !found.elementsEqual(start) { rc = mdb_cursor_get(cursor, &k, &v, MDB_PREV) }
                }
            }
        } else {
            rc = mdb_cursor_get(cursor, &k, &v, backwards ? MDB_LAST : MDB_FIRST)
        }
        while rc == 0 {
            let more = try body(
                UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size),
                UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
            if !more { return }
            rc = mdb_cursor_get(cursor, &k, &v, backwards ? MDB_PREV : MDB_NEXT)
        }
        if rc != MDB_NOTFOUND { try check(rc, "mdb_cursor_get(\(database.rawValue))") }
    }

    /// Number of entries in a database.
    func count(_ database: LMDBDatabase) throws -> Int {
        var stat = MDB_stat()
        try check(mdb_stat(handle, dbi(database), &stat), "mdb_stat(\(database.rawValue))")
        return stat.ms_entries
    }
}
