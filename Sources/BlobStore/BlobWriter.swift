import NIOCore

/// One file being stored, written as it arrives (an upload is never held in memory whole).
///
/// Bytes are hashed and encrypted as they come, 64 KiB at a time, into a temporary file; ``finish()`` seals the
/// last chunk, fsyncs, and renames the file to its content address. Anything that goes wrong — a write past the
/// limit, an I/O error, ``cancel()``, or dropping the writer unfinished — removes the temporary file.
/// Not thread-safe: one upload, one task.
public final class BlobWriter {
    /// The most bytes this writer accepts.
    public let limit: Int
    /// Bytes accepted so far.
    public private(set) var size = 0

    private let store: BlobStore
    private let subject: BlobStore.Subject
    private var file: FileDescriptor?
    private let hasher: Blake2b
    private var stream: SecretStreamPush
    /// Plaintext not encrypted yet. A full chunk waits here until more bytes arrive, because only then is it known
    /// not to be the last one (which is sealed differently).
    private var pending: [UInt8] = []
    private var head: [UInt8] = []

    init(store: BlobStore, subject: BlobStore.Subject, limit: Int) throws(BlobStoreError) {
        self.store = store
        self.subject = subject
        self.limit = limit
        hasher = Blake2b(key: subject.key, outputLength: 32)
        stream = try SecretStreamPush(key: subject.key)
        let file = try store.createTemporaryFile()
        self.file = file
        pending.reserveCapacity(BlobFormat.chunkLength)
        do {
            try file.writeAll(stream.header)
        } catch {
            discard()
            throw error
        }
    }

    deinit { discard() }

    /// Appends bytes to the file.
    /// - Throws: ``BlobStoreError/tooLarge(limit:)`` as soon as the total goes past ``limit`` (the upload is then
    ///   discarded; later calls throw ``BlobStoreError/writerClosed``), or an I/O error (also discarding it).
    public func write(_ bytes: some Collection<UInt8>) throws {
        let done: Void? = try bytes.withContiguousStorageIfAvailable { buffer in
            try write(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            try Array(bytes).withUnsafeBytes { try write($0) }
        }
    }

    /// Appends the readable bytes of a NIO buffer, as they come from a request body.
    public func write(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { try write($0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws(BlobStoreError) {
        guard let file else { throw .writerClosed }
        guard bytes.count <= limit - size else {
            discard()
            throw .tooLarge(limit: limit)
        }
        size += bytes.count
        hasher.update(bytes)
        if head.count < ContentSniffer.headLength {
            head.append(contentsOf: bytes.prefix(ContentSniffer.headLength - head.count))
        }
        var rest = bytes[...]
        do {
            while !rest.isEmpty {
                if pending.count == BlobFormat.chunkLength { try sealPending(final: false, into: file) }
                let take = min(BlobFormat.chunkLength - pending.count, rest.count)
                pending.append(contentsOf: rest.prefix(take))
                rest = rest.dropFirst(take)
            }
        } catch {
            discard()
            throw error
        }
    }

    private func sealPending(final: Bool, into file: FileDescriptor, additionalData: [UInt8] = []) throws(BlobStoreError) {
        let sealed = try pending.withUnsafeBytes { plain in
            Result { () throws(BlobStoreError) in try stream.push(plain, final: final, additionalData: additionalData) }
        }.get()
        try file.writeAll(sealed)
        pending.removeAll(keepingCapacity: true)
    }

    /// Seals and stores the file under its content address. If the subject already has this content, the existing
    /// blob is kept and the new copy dropped; either way the returned address is the one to record.
    public func finish() throws -> StoredBlob {
        guard let file else { throw BlobStoreError.writerClosed }
        let address = hasher.finalize()
        let hex = Hex.encode(address)
        do {
            try sealPending(final: true, into: file, additionalData: BlobFormat.finalAdditionalData(address: address))
            try file.sync()
            try store.commit(temporary: file.path, address: hex, subject: subject)
        } catch {
            discard()
            throw error
        }
        self.file = nil
        return StoredBlob(address: hex, size: size, sniffedType: ContentSniffer.sniff(head))
    }

    /// Abandons the upload and removes its temporary file. Safe to call more than once.
    public func cancel() {
        discard()
    }

    private func discard() {
        guard let file else { return }
        self.file = nil
        try? FileSystem.remove(file.path)
        pending.removeAll()
    }
}

/// A file that was stored.
public struct StoredBlob: Sendable, Equatable {
    /// 64 lower-case hex characters; with the subject, all that is needed to open the blob again.
    public let address: String
    /// Plaintext size in bytes.
    public let size: Int
    /// What the first bytes say the file is, or nil when they match no known type.
    public let sniffedType: SniffedType?
}
