import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The key that wraps every subject key. Kept in a file of its own (mode 0600) beside — or away
/// from — the data folder, so a copy of the log alone reveals no personal data.
public struct MasterKey: Sendable {
    let bytes: [UInt8]
    private static let header = "customer-portal-master-key v1\n"

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the key file at `path`, or creates it with a fresh random key when `create` is true and
    /// no file exists. Refuses a file readable by group or others.
    public static func load(path: String, create: Bool) throws -> MasterKey {
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
            guard create else { throw EventStoreError.keyFile(path: path, reason: "missing; it holds the key that unseals personal data") }
            let key = Sodium.randomBytes(32)
            let text = header + Data(key).base64EncodedString() + "\n"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else { throw EventStoreError.keyFile(path: path, reason: "cannot create: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let bytes = Array(text.utf8)
            guard Glibc.write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
                throw EventStoreError.keyFile(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
            return MasterKey(bytes: key)
        }
        var st = stat()
        guard stat(path, &st) == 0 else { throw EventStoreError.keyFile(path: path, reason: "cannot stat: \(String(cString: strerror(errno)))") }
        guard st.st_mode & 0o077 == 0 else {
            throw EventStoreError.keyFile(path: path, reason: "is readable by other users (mode \(String(st.st_mode & 0o777, radix: 8))); run `chmod 600 \(path)`")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw EventStoreError.keyFile(path: path, reason: "cannot be read")
        }
        guard text.hasPrefix(header),
              let key = Data(base64Encoded: text.dropFirst(header.count).trimmingCharacters(in: .whitespacesAndNewlines)),
              key.count == 32
        else { throw EventStoreError.keyFile(path: path, reason: "is not a portal master key file") }
        return MasterKey(bytes: Array(key))
    }

    /// Writes this key to a new file with mode 0600 (used by backups that include the key).
    func write(to path: String) throws {
        let text = Array((Self.header + Data(bytes).base64EncodedString() + "\n").utf8)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw EventStoreError.keyFile(path: path, reason: "cannot create: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard Glibc.write(fd, text, text.count) == text.count, fsync(fd) == 0 else {
            throw EventStoreError.keyFile(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
    }

    /// A key derived for one purpose (e.g. the keyed hash of e-mail addresses), so the master key
    /// itself is only ever used to wrap subject keys.
    public func derive(purpose: String) -> [UInt8] {
        Sodium.blake2b(Array("customer-portal/\(purpose)".utf8), key: bytes, outputLength: 32)
    }
}
