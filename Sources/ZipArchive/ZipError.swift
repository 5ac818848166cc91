/// Why an archive could not be written as asked.
public enum ZipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A path that cannot be an entry name (empty, `..`, control characters, too long).
    case invalidPath(String, reason: String)
    /// Two entries with the same (sanitised) path.
    case duplicatePath(String)
    /// `addFile` or `beginFile` while a streamed entry is open, or `write`/`endFile` with none open.
    case entryOpen
    case noEntryOpen
    /// Anything after `finish()`.
    case finished

    public var description: String {
        switch self {
        case .invalidPath(let path, let reason): "The archive path \"\(path)\" cannot be used: \(reason)."
        case .duplicatePath(let path): "The archive already has an entry \"\(path)\"."
        case .entryOpen: "A streamed entry is still open: call endFile() first."
        case .noEntryOpen: "No streamed entry is open: call beginFile(path:modified:) first."
        case .finished: "The archive is already finished."
        }
    }
}
