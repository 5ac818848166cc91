/// What the central directory records about one entry, and the header and descriptor bytes built from it.
///
/// All entries are stored (method 0), with UTF-8 names (general-purpose flag bit 11). An entry whose size or
/// local-header offset does not fit in 32 bits gets a ZIP64 extra field (0x0001) holding the real values, and its
/// 32-bit fields say 0xFFFFFFFF. Every entry carries an extended-timestamp field (0x5455) with the exact
/// modification time, since the DOS time has 2-second resolution and no zone.
struct ZipEntry {
    let name: [UInt8]
    let modified: DOSDateTime
    let unixTime: Int32?
    let offset: UInt64
    /// Written with a data descriptor (flag bit 3): CRC and size follow the data.
    let streamed: Bool
    var crc: UInt32 = 0
    var size: UInt64 = 0

    static let madeBy: UInt16 = 3 << 8 | 45  // Unix, APPNOTE 4.5
    static let unixFileMode: UInt32 = 0o100644

    var flags: UInt16 { 0x0800 | (streamed ? 0x0008 : 0) }

    /// The local file header. For a streamed entry, CRC and sizes are zero here and come in the data descriptor.
    func localHeader(limits: Zip64Limits) -> [UInt8] {
        let zip64 = !streamed && size >= limits.size
        var extra = timestampExtra
        if zip64 {
            // In a local header the ZIP64 field must hold both sizes.
            extra.appendLE(UInt16(0x0001)); extra.appendLE(UInt16(16))
            extra.appendLE(size); extra.appendLE(size)
        }
        var out: [UInt8] = []
        out.reserveCapacity(30 + name.count + extra.count)
        out.appendLE(UInt32(0x0403_4B50))
        out.appendLE(zip64 ? UInt16(45) : streamed ? 20 : 10)
        out.appendLE(flags)
        out.appendLE(UInt16(0))  // stored
        out.appendLE(modified.time); out.appendLE(modified.date)
        out.appendLE(streamed ? 0 : crc)
        let size32: UInt32 = streamed ? 0 : zip64 ? 0xFFFF_FFFF : UInt32(size)
        out.appendLE(size32); out.appendLE(size32)
        out.appendLE(UInt16(name.count)); out.appendLE(UInt16(extra.count))
        out += name
        out += extra
        return out
    }

    /// The data descriptor after a streamed entry's data: 8-byte sizes when the size does not fit in 32 bits
    /// (the central directory then says the same in its ZIP64 field).
    func dataDescriptor(limits: Zip64Limits) -> [UInt8] {
        var out: [UInt8] = []
        out.appendLE(UInt32(0x0807_4B50))
        out.appendLE(crc)
        if size >= limits.size {
            out.appendLE(size); out.appendLE(size)
        } else {
            out.appendLE(UInt32(size)); out.appendLE(UInt32(size))
        }
        return out
    }

    func centralHeader(limits: Zip64Limits) -> [UInt8] {
        let bigSize = size >= limits.size
        let bigOffset = offset >= limits.offset
        var extra: [UInt8] = []
        if bigSize || bigOffset {
            var values: [UInt8] = []
            if bigSize { values.appendLE(size); values.appendLE(size) }
            if bigOffset { values.appendLE(offset) }
            extra.appendLE(UInt16(0x0001)); extra.appendLE(UInt16(values.count))
            extra += values
        }
        extra += timestampExtra
        var out: [UInt8] = []
        out.reserveCapacity(46 + name.count + extra.count)
        out.appendLE(UInt32(0x0201_4B50))
        out.appendLE(Self.madeBy)
        out.appendLE(bigSize || bigOffset ? UInt16(45) : streamed ? 20 : 10)
        out.appendLE(flags)
        out.appendLE(UInt16(0))
        out.appendLE(modified.time); out.appendLE(modified.date)
        out.appendLE(crc)
        let size32: UInt32 = bigSize ? 0xFFFF_FFFF : UInt32(size)
        out.appendLE(size32); out.appendLE(size32)
        out.appendLE(UInt16(name.count)); out.appendLE(UInt16(extra.count))
        out.appendLE(UInt16(0))  // comment length
        out.appendLE(UInt16(0))  // disk number start
        out.appendLE(UInt16(0))  // internal attributes
        out.appendLE(Self.unixFileMode << 16)
        out.appendLE(bigOffset ? 0xFFFF_FFFF : UInt32(offset))
        out += name
        out += extra
        return out
    }

    /// Extended timestamp (0x5455) with the modification time only, the same in local and central headers.
    private var timestampExtra: [UInt8] {
        guard let unixTime else { return [] }
        var out: [UInt8] = []
        out.appendLE(UInt16(0x5455)); out.appendLE(UInt16(5))
        out.append(0x01)
        out.appendLE(UInt32(bitPattern: unixTime))
        return out
    }
}

/// From which values on a field needs ZIP64. The real limits are the defaults; tests lower them to exercise the
/// ZIP64 records without writing 4 GiB (ZIP64 may be used for any size, APPNOTE 4.3.9.2).
struct Zip64Limits {
    var size: UInt64 = 0xFFFF_FFFF
    var offset: UInt64 = 0xFFFF_FFFF
    var count: Int = 0xFFFF
}
