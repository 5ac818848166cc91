import Foundation

/// Figures about a log, for `portalctl stats`.
public struct StoreStatistics: Sendable {
    public var events: UInt64
    public var streams: Int
    public var subjects: Int
    public var erasedSubjects: Int
    public var fileBytes: Int
    public var usedBytes: Int
    public var mapBytes: Int
    public var eventsByType: [String: Int]
    public var checkpoints: [String: UInt64]
}

/// What a backup wrote and how it checked out.
public struct BackupReport: Sendable {
    public var destination: String
    public var bytes: Int
    public var verify: VerifyReport
}

extension EventStore {
    /// A projection's stored checkpoint position and snapshot.
    public func checkpoint(name: String) throws -> (position: UInt64, snapshot: [UInt8])? {
        try env.read { txn in
            try Array(name.utf8).withUnsafeBytes { k in
                try txn.get(.checkpoints, key: k) { v -> (UInt64, [UInt8])? in
                    guard v.count >= 8 else { return nil }
                    return (v.loadLE(at: 0, as: UInt64.self), Array(v[8...]))
                }
            } ?? nil
        }
    }

    /// Counts and sizes. Walks the log once for the per-type counts.
    public func statistics() throws -> StoreStatistics {
        try env.read { txn in
            var byType: [String: Int] = [:]
            var events: UInt64 = 0
            try txn.scan(.events, from: nil) { key, value in
                let view = try RecordView(value, expectedPosition: key.loadUnaligned(as: UInt64.self))
                byType[view.string(view.typeRange), default: 0] += 1
                events += 1
                return true
            }
            var subjects = 0, erased = 0
            try txn.scan(.keys, from: nil) { _, value in
                if value.isEmpty { erased += 1 } else { subjects += 1 }
                return true
            }
            var checkpoints: [String: UInt64] = [:]
            try txn.scan(.checkpoints, from: nil) { key, value in
                if value.count >= 8 { checkpoints[String(decoding: key, as: UTF8.self)] = value.loadLE(at: 0, as: UInt64.self) }
                return true
            }
            let fileBytes = ((try? FileManager.default.attributesOfItem(atPath: folder.dataFile))?[.size] as? Int) ?? 0
            return StoreStatistics(
                events: events, streams: try txn.count(.heads), subjects: subjects, erasedSubjects: erased,
                fileBytes: fileBytes, usedBytes: try env.usedBytes(), mapBytes: env.mapSize,
                eventsByType: byType, checkpoints: checkpoints)
        }
    }

    /// Writes a consistent, compacted copy of the log into `destination` (a new or empty folder) while
    /// writers keep running, then opens the copy read-only and verifies its chain. With `keyFile`,
    /// the master key is copied too (mode 0600); without it the backup's personal data stays sealed.
    public func backup(to destination: String, includeKey: Bool) throws -> BackupReport {
        let target = DataFolder(path: destination)
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) {
            let entries = try fm.contentsOfDirectory(atPath: target.path)
            guard entries.isEmpty else { throw EventStoreError.notAPortalDataFolder(path: target.path, reason: "backup destination must be new or empty") }
        }
        try fm.createDirectory(atPath: target.logPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try env.copyCompacted(to: target.logPath)
        if includeKey, let masterKey {
            try masterKey.write(to: target.defaultKeyFile)
        }
        let copy = try EventStore(.init(folder: target, readOnly: true, create: false, keyFile: includeKey ? nil : "/nonexistent"))
        defer { copy.close() }
        let report = try copy.verify()
        let bytes = ((try? fm.attributesOfItem(atPath: target.dataFile))?[.size] as? Int) ?? 0
        return BackupReport(destination: target.path, bytes: bytes, verify: report)
    }
}
