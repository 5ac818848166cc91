import CSodium
import Foundation
import Synchronization

/// An encrypted, content-addressed store of files on disk, partitioned by data subject.
///
/// Attachments are personal data, so everything about a subject is derived from the master key and the subject:
/// - the **subject key**, BLAKE2b-256 keyed by the master key over `"blob-subject/v1" ‖ subject`, encrypts the
///   subject's blobs and keys their content addresses;
/// - the **subject folder**, hex of BLAKE2b-128 keyed by the master key over `"blob-folder/v1" ‖ subject`, holds
///   them, so folder names reveal neither the subject nor which subjects exist;
/// - a blob's **address** is hex of BLAKE2b-256 keyed by the subject key over the plaintext: the same file stored
///   twice for one subject is stored once, and the same file of two subjects gets unrelated addresses (an address
///   says nothing about the content to someone without the key).
///
/// Erasing a subject (``deleteAll(subject:)``) removes one folder. Files live at
/// `<directory>/<subject folder>/<first two hex digits of the address>/<address>` in the format of ``BlobFormat``;
/// uploads in progress live in `<directory>/tmp/` until they are complete, fsynced and renamed into place, so a
/// crash never leaves a partial blob under a final name.
///
/// Thread-safe: writers and readers are independent objects; creating and removing subject folders is serialised
/// by a lock. Several processes may share a directory (temporary files are claimed with `flock`).
public final class BlobStore: Sendable {
    /// The directory the store lives in.
    public let directory: URL
    let root: String
    private let key: [UInt8]
    /// Held while a finished upload is moved into its subject's folder and while a folder is erased, so an erasure
    /// never races a half-created folder.
    private let folders = Mutex(())

    static let keyLength = 32
    static let maxSubjectBytes = 256

    /// Opens (creating if needed) a store in `directory`.
    ///
    /// Creates the directory with mode 0700 and removes temporary files left by writers that died: a temporary file
    /// is removed only when no open writer holds its lock.
    /// - Parameter key: the 32-byte master blob key. Keep it apart from the data: it is what makes the files unreadable.
    /// - Throws: ``BlobStoreError/invalidKey``, ``BlobStoreError/io(operation:path:errno:)``.
    public init(directory: URL, key: [UInt8]) throws {
        guard key.count == Self.keyLength else { throw BlobStoreError.invalidKey }
        guard sodium_init() >= 0 else { throw BlobStoreError.crypto("sodium_init failed") }
        self.directory = directory.standardizedFileURL
        self.key = key
        var root = self.directory.path
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BlobStoreError.io(operation: "creating directory", path: root, errno: EACCES)
        }
        guard chmod(root, 0o700) == 0 else { throw BlobStoreError.io(operation: "chmod 0700", path: root, errno: errno) }
        try FileSystem.makeDirectory(temporaryDirectory)
        try removeStaleTemporaryFiles()
    }

    var temporaryDirectory: String { root + "/tmp" }

    // MARK: Subjects and addresses

    struct Subject {
        let key: [UInt8]
        let folder: String
    }

    func subject(_ subject: String) throws(BlobStoreError) -> Subject {
        let bytes = Array(subject.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maxSubjectBytes else { throw .invalidSubject }
        let subjectKey = Blake2b.hash(Array("blob-subject/v1".utf8), bytes, key: key, outputLength: 32)
        let folder = Hex.encode(Blake2b.hash(Array("blob-folder/v1".utf8), bytes, key: key, outputLength: 16))
        return Subject(key: subjectKey, folder: root + "/" + folder)
    }

    /// The raw 32 bytes of an address, or nil unless it is exactly 64 lower-case hex characters (addresses come from
    /// URLs: anything else, such as `../../etc/passwd`, is refused before it gets near a path).
    static func addressBytes(_ address: String) -> [UInt8]? {
        guard address.utf8.count == 64 else { return nil }
        return Hex.decodeLowercase(address)
    }

    static func path(of address: String, in subject: Subject) -> String {
        subject.folder + "/" + address.prefix(2) + "/" + address
    }

    // MARK: Writing

    /// Starts storing a file for `subject`; write its bytes as they arrive, then ``BlobWriter/finish()``.
    /// - Parameter limit: the most bytes accepted; one more and ``BlobWriter/write(_:)`` throws
    ///   ``BlobStoreError/tooLarge(limit:)`` and discards what it had.
    public func writer(subject: String, limit: Int) throws -> BlobWriter {
        let subject = try self.subject(subject)
        let maxSize = (BlobFormat.maxChunks - 1) * BlobFormat.chunkLength
        return try BlobWriter(store: self, subject: subject, limit: min(max(0, limit), maxSize))
    }

    /// A new temporary file in `tmp/`, locked for as long as the returned descriptor is open.
    func createTemporaryFile() throws(BlobStoreError) -> FileDescriptor {
        while true {
            var random = [UInt8](repeating: 0, count: 16)
            randombytes_buf(&random, random.count)
            let path = temporaryDirectory + "/" + Hex.encode(random) + ".part"
            let file = try FileDescriptor.createExclusive(path)
            _ = try file.lockExclusive(wait: true)
            // Another process's init may have claimed and removed the file between creating and locking it.
            if try FileIdentity.of(path) == file.identity() { return file }
        }
    }

    /// Moves a complete temporary file to its address; if a blob with that address exists, keeps that one.
    func commit(temporary: String, address: String, subject: Subject) throws(BlobStoreError) {
        try folders.withLock { (_) throws(BlobStoreError) in
            if try FileSystem.makeDirectory(subject.folder) { try FileSystem.syncDirectory(root) }
            let shard = subject.folder + "/" + address.prefix(2)
            if try FileSystem.makeDirectory(shard) { try FileSystem.syncDirectory(subject.folder) }
            let target = shard + "/" + address
            if FileSystem.kind(target) == .file {
                try FileSystem.remove(temporary)
            } else {
                try FileSystem.move(temporary, to: target)
                try FileSystem.syncDirectory(shard)
            }
        }
    }

    // MARK: Reading

    /// Opens a stored blob.
    /// - Throws: ``BlobStoreError/notFound`` when there is no such blob or `address` is not 64 lower-case hex
    ///   characters; ``BlobStoreError/corrupt`` when the file fails authentication (also when it was moved from
    ///   another address or subject).
    public func open(subject: String, address: String) throws -> BlobReader {
        guard let addressBytes = Self.addressBytes(address) else { throw BlobStoreError.notFound }
        let subject = try self.subject(subject)
        return try BlobReader(path: Self.path(of: address, in: subject), key: subject.key, address: address, addressBytes: addressBytes)
    }

    /// Whether a blob is stored at `address` for `subject` (false for malformed addresses and subjects).
    public func exists(subject: String, address: String) -> Bool {
        guard Self.addressBytes(address) != nil, let subject = try? self.subject(subject) else { return false }
        return FileSystem.kind(Self.path(of: address, in: subject)) == .file
    }

    // MARK: Erasure and accounting

    /// Erases everything stored for `subject` by removing its folder; returns how many files were removed.
    public func deleteAll(subject: String) throws -> Int {
        let subject = try self.subject(subject)
        return try folders.withLock { (_) throws(BlobStoreError) -> Int in
            let removed = try FileSystem.removeTree(subject.folder)
            try FileSystem.syncDirectory(root)
            return removed
        }
    }

    /// How many blobs are stored and how many bytes they take on disk (encrypted, so a little more than their
    /// content). Uploads in progress are not counted.
    public func usage() throws -> (blobs: Int, bytes: Int) { try Self.usage(root: root) }

    /// The same for a store's directory, without its key (for `portalctl stats` next to a running server).
    public static func usage(of directory: URL) throws -> (blobs: Int, bytes: Int) {
        let root = directory.standardizedFileURL.path
        guard FileSystem.kind(root) == .directory else { return (0, 0) }
        return try usage(root: root)
    }

    private static func usage(root: String) throws -> (blobs: Int, bytes: Int) {
        var blobs = 0
        var bytes = 0
        for folder in try FileSystem.list(root) where folder != "tmp" {
            let folderPath = root + "/" + folder
            guard FileSystem.kind(folderPath) == .directory else { continue }
            for shard in try FileSystem.list(folderPath) {
                let shardPath = folderPath + "/" + shard
                guard FileSystem.kind(shardPath) == .directory else { continue }
                for name in try FileSystem.list(shardPath) {
                    if let length = FileSystem.fileLength(shardPath + "/" + name) {
                        blobs += 1
                        bytes += length
                    }
                }
            }
        }
        return (blobs, bytes)
    }

    /// Removes temporary files whose writer is gone (its process died, so its lock was released).
    private func removeStaleTemporaryFiles() throws(BlobStoreError) {
        for name in try FileSystem.list(temporaryDirectory) {
            let path = temporaryDirectory + "/" + name
            guard FileSystem.kind(path) == .file else { continue }
            guard let file = try? FileDescriptor.openForReading(path) else { continue }
            if try file.lockExclusive(wait: false) {
                try FileSystem.remove(path)
            }
        }
    }
}
