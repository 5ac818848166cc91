/// What went wrong in the blob store, with a message an operator or the API layer can act on.
public enum BlobStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The master key is not 32 bytes.
    case invalidKey
    /// The data subject is empty or too long.
    case invalidSubject
    /// The upload went past its limit; nothing was stored.
    case tooLarge(limit: Int)
    /// No blob with that address for that subject (also for addresses that are not 64 lower-case hex characters).
    case notFound
    /// The stored file fails authentication or does not have a blob's shape: it was altered, truncated or
    /// belongs to another address or subject.
    case corrupt
    /// A byte range outside the blob.
    case invalidRange(Range<Int>, size: Int)
    /// The writer was already finished or cancelled.
    case writerClosed
    /// A file-system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// libsodium refused an operation.
    case crypto(String)

    public var description: String {
        switch self {
        case .invalidKey: "The blob store key must be exactly 32 bytes."
        case .invalidSubject: "The data subject must be 1 to 256 UTF-8 bytes."
        case .tooLarge(let limit): "The file is larger than the limit of \(ByteCountText.format(limit)); nothing was stored."
        case .notFound: "No such file."
        case .corrupt: "The stored file failed its integrity check: it was altered or damaged and will not be served."
        case .invalidRange(let range, let size): "The byte range \(range.lowerBound)..<\(range.upperBound) is outside the file (\(size) bytes)."
        case .writerClosed: "The upload was already finished or cancelled."
        case .io(let operation, let path, let code): "\(operation) failed for \(path): \(String(cString: strerror(code))) (errno \(code))."
        case .crypto(let what): "Encryption failed: \(what)."
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
