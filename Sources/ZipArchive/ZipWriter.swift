import Foundation

/// Writes a ZIP archive front to back into a sink (a file, a response body), never seeking and never holding
/// an entry's data: for personal-data exports of any size.
///
/// Entries are stored uncompressed (method 0): exports are mostly already-compressed attachments, and stored
/// entries can be streamed with a known CRC-32. Names are UTF-8 (flag bit 11). ZIP64 records are added when a
/// size, an offset or the number of entries does not fit the classic format.
///
///     var zip = ZipWriter { bytes in try file.write(contentsOf: bytes) }
///     try zip.addFile(path: "account.json", modified: now, data: json)
///     try zip.beginFile(path: "attachments/report.pdf", modified: uploaded)
///     while let chunk = try reader.next() { try zip.write(chunk) }
///     try zip.endFile()
///     try zip.finish()
///
/// Streamed entries (``beginFile(path:modified:)``) have their CRC and size in a data descriptor after the data
/// (flag bit 3), which Info-ZIP, Python, 7-Zip, Windows and macOS read; Java's `ZipInputStream` does not accept
/// stored entries with a descriptor. A value type holding the sink: do not copy it while writing.
public struct ZipWriter {
    private let sink: (ArraySlice<UInt8>) throws -> Void
    private let limits: Zip64Limits
    private var offset: UInt64 = 0
    private var entries: [ZipEntry] = []
    private var names: Set<[UInt8]> = []
    private var open: (entry: ZipEntry, crc: CRC32)?
    private var finished = false

    /// - Parameter sink: receives the archive's bytes in order; an error it throws stops the archive.
    public init(sink: @escaping (ArraySlice<UInt8>) throws -> Void) {
        self.init(sink: sink, limits: Zip64Limits())
    }

    init(sink: @escaping (ArraySlice<UInt8>) throws -> Void, limits: Zip64Limits) {
        self.sink = sink
        self.limits = limits
    }

    /// Bytes written so far.
    public var bytesWritten: UInt64 { offset }

    /// Adds a file whose content is at hand (it is read twice: for the CRC, then to write it).
    /// - Parameter path: relative, `/`-separated; see ``ZipError/invalidPath(_:reason:)`` for what is refused.
    public mutating func addFile(path: String, modified: Date, data: some Collection<UInt8>) throws {
        guard !finished else { throw ZipError.finished }
        guard open == nil else { throw ZipError.entryOpen }
        var entry = try newEntry(path: path, modified: modified, streamed: false)
        entry.crc = CRC32.checksum(data)
        entry.size = UInt64(data.count)
        try emit(entry.localHeader(limits: limits))
        try emitData(data)
        entries.append(entry)
    }

    /// Starts a file whose content will come in pieces through ``write(_:)``; end it with ``endFile()``.
    public mutating func beginFile(path: String, modified: Date) throws {
        guard !finished else { throw ZipError.finished }
        guard open == nil else { throw ZipError.entryOpen }
        let entry = try newEntry(path: path, modified: modified, streamed: true)
        try emit(entry.localHeader(limits: limits))
        open = (entry, CRC32())
    }

    /// Appends to the open streamed file.
    public mutating func write(_ bytes: some Collection<UInt8>) throws {
        guard var current = open else { throw finished ? ZipError.finished : ZipError.noEntryOpen }
        current.crc.update(bytes)
        current.entry.size += UInt64(bytes.count)
        open = current
        try emitData(bytes)
    }

    /// Ends the open streamed file with its data descriptor.
    public mutating func endFile() throws {
        guard var current = open else { throw finished ? ZipError.finished : ZipError.noEntryOpen }
        current.entry.crc = current.crc.value
        open = nil
        try emit(current.entry.dataDescriptor(limits: limits))
        entries.append(current.entry)
    }

    /// Writes the central directory and the end records. The archive is complete when this returns.
    public mutating func finish() throws {
        guard !finished else { throw ZipError.finished }
        guard open == nil else { throw ZipError.entryOpen }
        finished = true
        let directoryOffset = offset
        var pending: [UInt8] = []
        for entry in entries {
            pending += entry.centralHeader(limits: limits)
            if pending.count >= 64 * 1024 {
                try emit(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        try emit(pending)
        let directorySize = offset - directoryOffset
        let count = UInt64(entries.count)
        let bigCount = entries.count >= limits.count
        let bigSize = directorySize >= limits.offset
        let bigOffset = directoryOffset >= limits.offset

        var end: [UInt8] = []
        if bigCount || bigSize || bigOffset {
            let recordOffset = offset
            end.appendLE(UInt32(0x0606_4B50))
            end.appendLE(UInt64(44))  // size of the rest of this record
            end.appendLE(ZipEntry.madeBy)
            end.appendLE(UInt16(45))
            end.appendLE(UInt32(0)); end.appendLE(UInt32(0))  // this disk, disk with the directory
            end.appendLE(count); end.appendLE(count)
            end.appendLE(directorySize); end.appendLE(directoryOffset)
            // ZIP64 end of central directory locator
            end.appendLE(UInt32(0x0706_4B50))
            end.appendLE(UInt32(0))
            end.appendLE(recordOffset)
            end.appendLE(UInt32(1))
        }
        end.appendLE(UInt32(0x0605_4B50))
        end.appendLE(UInt16(0)); end.appendLE(UInt16(0))
        let count16: UInt16 = bigCount ? 0xFFFF : UInt16(count)
        end.appendLE(count16); end.appendLE(count16)
        end.appendLE(bigSize ? 0xFFFF_FFFF : UInt32(directorySize))
        end.appendLE(bigOffset ? 0xFFFF_FFFF : UInt32(directoryOffset))
        end.appendLE(UInt16(0))  // comment length
        try emit(end)
    }

    // MARK: Helpers

    private mutating func newEntry(path: String, modified: Date, streamed: Bool) throws(ZipError) -> ZipEntry {
        let name = Array(try ZipPath.sanitize(path).utf8)
        guard names.insert(name).inserted else { throw .duplicatePath(String(decoding: name, as: UTF8.self)) }
        let seconds = modified.timeIntervalSince1970.rounded(.down)
        let unixTime = seconds >= Double(Int32.min) && seconds <= Double(Int32.max) ? Int32(seconds) : nil
        return ZipEntry(name: name, modified: DOSDateTime(modified), unixTime: unixTime, offset: offset, streamed: streamed)
    }

    private mutating func emit(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try sink(bytes[...])
        offset += UInt64(bytes.count)
    }

    /// Passes data on in pieces of at most 1 MiB, without copying arrays.
    private mutating func emitData(_ data: some Collection<UInt8>) throws {
        let piece = 1 << 20
        if let array = data as? [UInt8] {
            try emitSlices(array[...], piece: piece)
        } else if let slice = data as? ArraySlice<UInt8> {
            try emitSlices(slice, piece: piece)
        } else {
            var index = data.startIndex
            while index != data.endIndex {
                let end = data.index(index, offsetBy: piece, limitedBy: data.endIndex) ?? data.endIndex
                try emit(Array(data[index..<end]))
                index = end
            }
        }
    }

    private mutating func emitSlices(_ slice: ArraySlice<UInt8>, piece: Int) throws {
        var start = slice.startIndex
        while start < slice.endIndex {
            let end = min(start + piece, slice.endIndex)
            try sink(slice[start..<end])
            offset += UInt64(end - start)
            start = end
        }
    }
}
