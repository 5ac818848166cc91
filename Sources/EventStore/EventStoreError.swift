/// Errors of the event store, each with a message an operator or developer can act on.
public enum EventStoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// An append's expected version did not hold. `actual` is nil when the stream does not exist.
    case wrongExpectedVersion(stream: String, expected: ExpectedVersion, actual: UInt64?)
    /// Some, but not all, of an append's event ids were already stored: a retry must resend the same batch.
    case idempotencyConflict(eventID: String, reason: String)
    /// The append itself was malformed (empty, too long a stream id, the same stream twice…).
    case invalidAppend(String)
    /// Sealed data was addressed to a subject whose key has been erased.
    case subjectErased(String)
    /// The directory is missing or is not a portal data folder.
    case dataFolderMissing(path: String)
    case notAPortalDataFolder(path: String, reason: String)
    /// The data folder was written by a newer version of the portal.
    case unsupportedFormat(path: String, found: String, supported: String)
    /// Another process holds the folder open for writing.
    case folderLocked(path: String, holder: String)
    /// The key file is missing, unreadable or malformed.
    case keyFile(path: String, reason: String)
    /// A stored record could not be decoded.
    case corruptRecord(position: UInt64, reason: String)
    /// The store was opened read-only, or has been closed.
    case readOnly
    case closed
    /// A libsodium call failed.
    case crypto(String)

    public var description: String {
        switch self {
        case let .wrongExpectedVersion(stream, expected, actual):
            let found = actual.map { "is at version \($0)" } ?? "does not exist"
            return "stream '\(stream)' was expected to be \(expected), but it \(found)"
        case let .idempotencyConflict(id, reason):
            return "event \(id) was already stored, but \(reason); resend exactly the original append"
        case let .invalidAppend(reason):
            return "invalid append: \(reason)"
        case let .subjectErased(subject):
            return "subject '\(subject)' has been erased; no personal data can be sealed for it"
        case let .dataFolderMissing(path):
            return "no data folder at \(path); start the portal with `portalctl serve --data \(path)` to create one"
        case let .notAPortalDataFolder(path, reason):
            return "\(path) is not a Customer Portal data folder: \(reason)"
        case let .unsupportedFormat(path, found, supported):
            return "\(path) holds log format '\(found)', but this portal reads only '\(supported)'; open it with the portal version that wrote it"
        case let .folderLocked(path, holder):
            return "\(path) is open for writing by another process (\(holder)); stop it first or use a read-only command"
        case let .keyFile(path, reason):
            return "key file \(path): \(reason)"
        case let .corruptRecord(position, reason):
            return "record at position \(position) is corrupt: \(reason)"
        case .readOnly:
            return "the store was opened read-only"
        case .closed:
            return "the store has been closed"
        case let .crypto(what):
            return "libsodium: \(what)"
        }
    }
}
