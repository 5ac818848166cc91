import Foundation
import NIOPosix

/// "Sends" mail by writing each message to a folder as an `.eml` file that any mail program opens.
///
/// This is the default for a local install: nothing leaves the machine, and a person can read
/// the verification and reset links in the folder. Files are named
/// `<UTC timestamp>-<message id>.eml` (for example `20250701T100000.123Z-event-42@portal.example.eml`),
/// so they sort by the time they were written. Each file appears complete or not at all: it is
/// written under a hidden temporary name in the same folder, synced, then given its final name.
/// Files are readable only by their owner (0600), as they hold sign-in links; a missing folder
/// is created readable only by its owner (0700).
public struct MailFolderTransport: MailTransport {
    /// The folder the messages go to.
    public let folder: String

    /// Creates a transport that writes to `folder`, which is created on the first send if missing.
    public init(folder: String) {
        self.folder = folder
    }

    /// Writes `message` to the folder.
    ///
    /// - Throws: ``MailError`` of kind ``MailError/Kind/storageFailed`` if the folder cannot be
    ///   created or the file cannot be written (a temporary failure, such as a full disk).
    public func send(_ message: MailMessage) async throws {
        _ = try await write(message)
    }

    /// Writes `message` to the folder and returns the path of the new file.
    ///
    /// An existing file is never replaced: if the name is taken (the same message written twice in
    /// the same millisecond), a suffix such as `-2` is added.
    ///
    /// - Throws: ``MailError`` of kind ``MailError/Kind/storageFailed``.
    @discardableResult
    public func write(_ message: MailMessage) async throws -> String {
        let bytes = message.rendered()
        let baseName = MailDate.compactUTC(Date()) + "-" + Self.sanitized(message.messageID)
        let folder = self.folder
        // Blocking file system calls (fsync above all) belong on NIO's thread pool, not on the
        // cooperative threads that run async code.
        return try await NIOThreadPool.singleton.runIfActive {
            try MailFile(folder: folder).publish(bytes, baseName: baseName)
        }
    }

    /// The message id with everything but letters, digits and `.@+-_` replaced by `_`, at most 100
    /// characters, so it is safe as a file name on any system.
    static func sanitized(_ messageID: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@+-_".utf8)
        let bytes = messageID.utf8.prefix(100).map { allowed.contains($0) ? $0 : UInt8(ascii: "_") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
