import Foundation
import Synchronization

/// The append-only event log of one data folder, in LMDB.
///
/// One process writes (it holds `writer.lock`); any number of read-only processes may read.
/// Appends are group-committed by a single writer thread and acknowledged only once durable.
/// Every record is chained to the previous one by a BLAKE2b hash, and personal data is sealed
/// under its subject's own key.
public final class EventStore: Sendable {
    /// How to open a store.
    public struct Options: Sendable {
        public var folder: DataFolder
        /// Open without writing (no lock, no writer thread). Subscriptions poll for growth.
        public var readOnly: Bool
        /// Create the folder and log when missing (only when not read-only).
        public var create: Bool
        /// Path of the master key file; default `<folder>/master.key`. Read-only stores may do without one.
        public var keyFile: String?
        public var initialMapSize: Int
        /// Store clock in microseconds since 1970 (tests inject their own).
        public var clock: @Sendable () -> Int64

        public init(folder: DataFolder, readOnly: Bool = false, create: Bool = true, keyFile: String? = nil,
                    initialMapSize: Int = 256 << 20,
                    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1_000_000) }) {
            self.folder = folder
            self.readOnly = readOnly
            self.create = create
            self.keyFile = keyFile
            self.initialMapSize = initialMapSize
            self.clock = clock
        }
    }

    public static let formatName = "customer-portal-log/2"

    let env: LMDBEnvironment
    let keyring: SubjectKeyring
    let notifier: PositionNotifier
    private let writer: LogWriter?
    private let lock: WriterLock?
    private let isClosed = Atomic<Bool>(false)
    public let folder: DataFolder
    public let readOnly: Bool
    /// The master key, when the store has one; other parts of the portal derive purpose keys from it.
    public let masterKey: MasterKey?

    /// Opens the log in `options.folder`.
    public init(_ options: Options) throws {
        try Sodium.ready()
        folder = options.folder
        readOnly = options.readOnly
        let fresh = !folder.exists
        if fresh {
            guard !options.readOnly, options.create else { throw folder.missingLogError() }
            try folder.prepareForCreate()
        }
        lock = options.readOnly ? nil : try WriterLock(path: folder.lockPath)
        let keyPath = options.keyFile ?? folder.defaultKeyFile
        if options.readOnly {
            masterKey = FileManager.default.fileExists(atPath: keyPath) ? try MasterKey.load(path: keyPath, create: false) : nil
        } else {
            masterKey = try MasterKey.load(path: keyPath, create: fresh)
        }
        env = try LMDBEnvironment(path: folder.logPath, readOnly: options.readOnly, createDatabases: fresh, initialMapSize: options.initialMapSize)
        try Self.checkFormat(env, folder: folder, fresh: fresh, clock: options.clock)
        keyring = SubjectKeyring(master: masterKey, seesEveryErasure: !options.readOnly)
        let last = try env.read { txn -> UInt64 in
            var last: UInt64 = 0
            try txn.scan(.events, from: nil, backwards: true) { key, _ in
                last = key.loadUnaligned(as: UInt64.self)
                return false
            }
            return last
        }
        notifier = PositionNotifier(current: last)
        writer = options.readOnly ? nil : try LogWriter(env: env, keyring: keyring, notifier: notifier, clock: options.clock)
    }

    private static func checkFormat(_ env: LMDBEnvironment, folder: DataFolder, fresh: Bool, clock: () -> Int64) throws {
        let key = Array(MetaKey.format.utf8)
        let found = try env.read { try $0.getBytes(.meta, key: key) }.map { String(decoding: $0, as: UTF8.self) }
        // The first start writes the marker just after creating the databases; a crash in between
        // leaves an empty log without one, which is finished now rather than refused for good.
        var unfinished = false
        if found == nil && !fresh && !env.readOnly {
            unfinished = try env.read { try $0.count(.meta) == 0 && $0.count(.events) == 0 }
        }
        switch found {
        case nil where (fresh || unfinished) && !env.readOnly:
            try env.write { txn in
                try txn.put(.meta, key: key, value: Array(formatName.utf8))
                var created: [UInt8] = []
                created.appendLE(clock())
                try txn.put(.meta, key: Array(MetaKey.createdAt.utf8), value: created)
            }
        case nil:
            throw EventStoreError.notAPortalDataFolder(path: folder.path, reason: "its log has no format marker")
        case let format? where format != formatName:
            throw EventStoreError.unsupportedFormat(path: folder.path, found: format, supported: formatName)
        default:
            break
        }
    }

    /// Stops the writer after the queued work, wakes waiting readers, closes the log and releases
    /// the folder. Calls made afterwards throw ``EventStoreError/closed``; the folder may be opened
    /// again at once, in this process or another.
    public func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        writer?.stop()
        notifier.close()
        // Waits for reads in progress. LMDB allows one environment per file per process, so the
        // file must be let go of here, not whenever the last reference to this object goes away.
        env.close()
        lock?.release()
    }

    deinit { close() }

    /// The last committed global position (0 for an empty log).
    public var lastPosition: UInt64 {
        if readOnly { return (try? currentLastPosition()) ?? notifier.current }
        return notifier.current
    }

    func currentLastPosition() throws -> UInt64 {
        try env.read { txn in
            var last: UInt64 = 0
            try txn.scan(.events, from: nil, backwards: true) { key, _ in
                last = key.loadUnaligned(as: UInt64.self)
                return false
            }
            return last
        }
    }

    func requireWriter() throws -> LogWriter {
        guard !isClosed.load(ordering: .acquiring) else { throw EventStoreError.closed }
        guard let writer else { throw EventStoreError.readOnly }
        return writer
    }
}
