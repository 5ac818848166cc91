/// An open blob: its size, any byte range, or all of it chunk by chunk.
///
/// Opening authenticates the file's shape: it reads the 16-byte tag of every chunk (to be able to start
/// decrypting at any chunk, see ``SecretStreamPull``) and decrypts the last chunk, which must be sealed as final
/// for this address. So ``size`` can be trusted, and a truncated file, or a file moved from another address or
/// subject, does not open. Every range read then authenticates the chunks it decrypts.
/// Not thread-safe: open one reader per request.
public final class BlobReader {
    /// The blob's address.
    public let address: String
    /// Plaintext size in bytes (derived from the file length, checked when opening).
    public let size: Int

    private let file: FileDescriptor
    private let start: SecretStreamPull
    /// `inonces[i]` is the stream's inonce before chunk `i`.
    private let inonces: [UInt64]
    private let finalAdditionalData: [UInt8]
    private var cursor = 0

    init(path: String, key: [UInt8], address: String, addressBytes: [UInt8]) throws(BlobStoreError) {
        self.address = address
        file = try FileDescriptor.openForReading(path)
        guard let size = BlobFormat.plaintextSize(fileLength: try file.length()) else { throw .corrupt }
        self.size = size
        let header = try file.read(count: BlobFormat.headerLength, at: 0)
        start = try SecretStreamPull(header: header, key: key)
        finalAdditionalData = BlobFormat.finalAdditionalData(address: addressBytes)

        let chunks = BlobFormat.chunkCount(plaintextSize: size)
        guard chunks <= BlobFormat.maxChunks else { throw .corrupt }
        var inonces = [UInt64]()
        inonces.reserveCapacity(chunks)
        var inonce = SecretStreamPull.initialInonce(header: header)
        inonces.append(inonce)
        for index in 0..<(chunks - 1) {
            let tagOffset = BlobFormat.chunkOffset(index) + BlobFormat.encryptedChunkLength - BlobFormat.tagLength
            let tag = try file.read(count: BlobFormat.tagLength, at: tagOffset)
            inonce = tag.withUnsafeBytes { SecretStreamPull.advance(inonce, pastTag: $0) }
            inonces.append(inonce)
        }
        self.inonces = inonces
        _ = try decrypt(chunks: (chunks - 1)..<chunks)
    }

    /// The number of 64 KiB chunks the blob is stored in.
    public var chunkCount: Int { inonces.count }

    /// The plaintext bytes in `range`, decrypting only the chunks it touches.
    ///
    /// Memory grows with the range: serve large ranges in pieces of a few chunks (e.g. 1 MiB).
    /// - Throws: ``BlobStoreError/invalidRange(_:size:)`` for a range outside `0..<size`; ``BlobStoreError/corrupt``
    ///   when a chunk fails authentication.
    public func read(range: Range<Int>) throws -> [UInt8] {
        guard range.lowerBound >= 0, range.upperBound <= size else { throw BlobStoreError.invalidRange(range, size: size) }
        guard !range.isEmpty else { return [] }
        let first = range.lowerBound / BlobFormat.chunkLength
        let last = (range.upperBound - 1) / BlobFormat.chunkLength
        let plain = try decrypt(chunks: first..<(last + 1))
        let from = range.lowerBound - first * BlobFormat.chunkLength
        return Array(plain[from..<(from + range.count)])
    }

    /// The next chunk of plaintext (up to 64 KiB) from the start of the blob, or nil after the last one.
    /// An empty blob has no chunks.
    public func next() throws -> [UInt8]? {
        guard size > 0, cursor < chunkCount else { return nil }
        let chunk = try decrypt(chunks: cursor..<(cursor + 1))
        cursor += 1
        return chunk
    }

    /// Starts ``next()`` over at the chunk holding `offset` (for a range served in pieces); returns where that
    /// chunk starts.
    @discardableResult
    public func seek(toChunkContaining offset: Int) throws -> Int {
        guard offset >= 0, offset <= size else { throw BlobStoreError.invalidRange(offset..<offset, size: size) }
        cursor = offset / BlobFormat.chunkLength
        return cursor * BlobFormat.chunkLength
    }

    /// The whole blob; use it for small files only.
    public func readAll() throws -> [UInt8] {
        try read(range: 0..<size)
    }

    /// Decrypts consecutive chunks with one read, checking each one's position and finality.
    private func decrypt(chunks: Range<Int>) throws(BlobStoreError) -> [UInt8] {
        let lastChunk = chunkCount - 1
        let offset = BlobFormat.chunkOffset(chunks.lowerBound)
        let end = chunks.upperBound - 1 == lastChunk ? BlobFormat.fileLength(plaintextSize: size) : BlobFormat.chunkOffset(chunks.upperBound)
        let sealed = try file.read(count: end - offset, at: offset)
        var stream = start.positioned(atMessage: chunks.lowerBound, inonce: inonces[chunks.lowerBound])
        var plain = [UInt8]()
        plain.reserveCapacity(chunks.count * BlobFormat.chunkLength)
        var position = 0
        for index in chunks {
            let isLast = index == lastChunk
            let length = BlobFormat.chunkPlaintextLength(index, plaintextSize: size) + BlobFormat.overhead
            let result = sealed.withUnsafeBytes { raw in
                Result { () throws(BlobStoreError) in
                    try stream.pull(UnsafeRawBufferPointer(rebasing: raw[position..<(position + length)]),
                                    additionalData: isLast ? finalAdditionalData : [])
                }
            }
            let (chunk, final) = try result.get()
            guard final == isLast else { throw .corrupt }
            plain.append(contentsOf: chunk)
            position += length
        }
        return plain
    }
}
