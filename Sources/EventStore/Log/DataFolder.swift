import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The layout of a data folder: `log/` (the LMDB environment), `master.key`, `writer.lock`, and
/// room for other stores of the portal (e.g. `blobs/`).
public struct DataFolder: Sendable {
    public let path: String
    public init(path: String) {
        self.path = (path as NSString).standardizingPath
    }
    public var logPath: String { path + "/log" }
    public var defaultKeyFile: String { path + "/master.key" }
    var lockPath: String { path + "/writer.lock" }
    var dataFile: String { logPath + "/data.mdb" }

    public var exists: Bool { FileManager.default.fileExists(atPath: dataFile) }

    /// The error for a folder without a log: missing altogether, or something else that is not ours.
    func missingLogError() -> EventStoreError {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { return .dataFolderMissing(path: path) }
        guard isDir.boolValue else { return .notAPortalDataFolder(path: path, reason: "it is a file") }
        let entries = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }
        if entries.isEmpty { return .dataFolderMissing(path: path) }
        return .notAPortalDataFolder(path: path, reason: "it holds no log (found \(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : ""))")
    }

    /// Makes sure the folder can hold a log: creates it when missing, refuses a non-empty folder that holds no log.
    func prepareForCreate() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw EventStoreError.notAPortalDataFolder(path: path, reason: "it is a file") }
            if !fm.fileExists(atPath: logPath) {
                let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
                let foreign = entries.filter { !["master.key", "writer.lock", "blobs", "mail"].contains($0) && !$0.hasPrefix(".") }
                if !foreign.isEmpty {
                    throw EventStoreError.notAPortalDataFolder(path: path, reason: "it is not empty and holds no log (found \(foreign.prefix(3).joined(separator: ", "))); choose a new or empty folder")
                }
            }
        }
        try fm.createDirectory(atPath: logPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}

/// An exclusive lock on a data folder, held by the one process that writes to it.
///
/// `@unchecked Sendable`: the descriptor is only closed once, in `release()` under the lock's own guard.
final class WriterLock: @unchecked Sendable {
    private var fd: Int32

    init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw EventStoreError.notAPortalDataFolder(path: path, reason: "cannot open lock file: \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw EventStoreError.folderLocked(path: (path as NSString).deletingLastPathComponent, holder: holder.map { $0.isEmpty ? "unknown process" : $0 } ?? "unknown process")
        }
        let text = Array("pid \(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, text, text.count, 0)
    }

    func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
