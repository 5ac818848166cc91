/// The on-disk layout of one blob.
///
///     header (24 bytes) ‖ chunk 0 ‖ chunk 1 ‖ … ‖ chunk n-1
///
/// Each chunk is one secretstream message: 64 KiB of plaintext (the last one 1…64 KiB, or 0 for an empty blob)
/// plus 17 bytes (an encrypted tag byte and a 16-byte Poly1305 tag). Every chunk but the last is tagged MESSAGE
/// with no additional data; the last is tagged FINAL with ``finalAdditionalData(address:)``, which binds the file
/// to its content address, so a blob copied or renamed onto another address does not open. Fixed chunk sizes make
/// the plaintext size a function of the file length and let a reader go straight to the chunk holding any offset.
enum BlobFormat {
    static let headerLength = 24
    static let chunkLength = 64 * 1024
    /// Ciphertext bytes added to each chunk (`crypto_secretstream_xchacha20poly1305_ABYTES`).
    static let overhead = 17
    static let tagLength = 16
    static let encryptedChunkLength = chunkLength + overhead
    /// Well below the 2^32 messages after which libsodium would rekey the stream.
    static let maxChunks = 1 << 31

    static func finalAdditionalData(address: [UInt8]) -> [UInt8] {
        Array("blob-final/v1".utf8) + address
    }

    /// The number of chunks a plaintext of `size` bytes is stored in.
    static func chunkCount(plaintextSize size: Int) -> Int {
        max(1, (size + chunkLength - 1) / chunkLength)
    }

    /// The plaintext size stored in a file of `fileLength` bytes, or nil when no blob has that length.
    static func plaintextSize(fileLength: Int) -> Int? {
        let body = fileLength - headerLength
        guard body >= overhead else { return nil }
        let chunks = (body + encryptedChunkLength - 1) / encryptedChunkLength
        let last = body - (chunks - 1) * encryptedChunkLength
        // Only an empty blob has an empty (17-byte) chunk, and then it is the only one.
        guard last > overhead || chunks == 1 else { return nil }
        return body - chunks * overhead
    }

    static func fileLength(plaintextSize size: Int) -> Int {
        headerLength + size + chunkCount(plaintextSize: size) * overhead
    }

    /// Where chunk `index` starts in the file.
    static func chunkOffset(_ index: Int) -> Int {
        headerLength + index * encryptedChunkLength
    }

    /// The plaintext length of chunk `index` in a blob of `size` bytes.
    static func chunkPlaintextLength(_ index: Int, plaintextSize size: Int) -> Int {
        min(chunkLength, size - index * chunkLength)
    }
}
