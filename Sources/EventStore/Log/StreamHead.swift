/// Where a stream stands: its number in the stream index, its last version and last global position.
struct StreamHead: Sendable, Equatable {
    var number: UInt64
    var version: UInt64
    var lastPosition: UInt64

    init(number: UInt64, version: UInt64, lastPosition: UInt64) {
        self.number = number
        self.version = version
        self.lastPosition = lastPosition
    }

    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 24 else { return nil }
        number = bytes.loadLE(at: 0, as: UInt64.self)
        version = bytes.loadLE(at: 8, as: UInt64.self)
        lastPosition = bytes.loadLE(at: 16, as: UInt64.self)
    }

    var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        out.appendLE(number)
        out.appendLE(version)
        out.appendLE(lastPosition)
        return out
    }

    static func read(_ stream: String, in txn: borrowing LMDBTransaction) throws -> StreamHead? {
        try Array(stream.utf8).withUnsafeBytes { k in try txn.get(.heads, key: k) { StreamHead($0) } } ?? nil
    }
}
