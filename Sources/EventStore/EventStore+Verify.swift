import Foundation

/// The outcome of walking the log and recomputing its hash chain.
public struct VerifyReport: Sendable, Equatable {
    public var eventsChecked: UInt64
    /// Hex of the last record's chain hash (the head a signed checkpoint would cover).
    public var headHash: String
    /// The first thing found wrong, or nil when everything holds.
    public var firstProblem: VerifyProblem?
    public var isOK: Bool { firstProblem == nil }
}

/// The first bad position and what is wrong with it.
public struct VerifyProblem: Sendable, Equatable, CustomStringConvertible {
    public var position: UInt64
    public var reason: String
    public var description: String { "position \(position): \(reason)" }
}

extension EventStore {
    /// Walks every record in order and checks: positions are gapless from 1, each record parses,
    /// its chain hash equals BLAKE2b(previous hash ‖ record), stream versions run 1, 2, 3…, each record
    /// links back to its stream's previous one, and the (sparse) stream index and the event-id index
    /// point back at the record. Stops at the first problem.
    /// Reads in chunks so no transaction stays open for long.
    public func verify(progress: ((UInt64) -> Void)? = nil) throws -> VerifyReport {
        var previousHash = [UInt8](repeating: 0, count: 32)
        var expected: UInt64 = 1
        var streamVersions: [String: (number: UInt64, version: UInt64, last: UInt64)] = [:]
        var problem: VerifyProblem?
        let chunk = 50_000
        while problem == nil {
            var scanned = 0
            try env.read { txn in
                var start = expected
                try withUnsafeBytes(of: &start) { startKey in
                    try txn.scan(.events, from: startKey) { key, value in
                        let p = key.loadUnaligned(as: UInt64.self)
                        func fail(_ reason: String) -> Bool {
                            problem = VerifyProblem(position: min(p, expected), reason: reason)
                            return false
                        }
                        guard p == expected else { return fail("position \(expected) is missing (next record is \(p))") }
                        let view: RecordView
                        do { view = try RecordView(value, expectedPosition: p) } catch { return fail("record does not parse: \(error)") }
                        guard view.position == p else { return fail("record says it is position \(view.position)") }
                        let hash = previousHash.withUnsafeBytes { Sodium.blake2b([$0, view.canonical]) }
                        guard hash.elementsEqual(view.hash) else {
                            return fail("chain hash does not match the record's bytes (record changed, or its link to position \(p - 1) is broken)")
                        }
                        let stream = view.string(view.streamRange)
                        var entry = streamVersions[stream]
                        if entry == nil {
                            guard let head = try StreamHead.read(stream, in: txn) else { return fail("stream '\(stream)' has no head") }
                            entry = (head.number, 0, 0)
                        }
                        guard view.streamVersion == entry!.version + 1 else {
                            return fail("stream '\(stream)' jumps from version \(entry!.version) to \(view.streamVersion)")
                        }
                        guard view.previousInStream == entry!.last else {
                            return fail("record links back to position \(view.previousInStream), but the previous event of '\(stream)' is at \(entry!.last)")
                        }
                        entry!.version = view.streamVersion
                        entry!.last = p
                        streamVersions[stream] = entry
                        if StreamIndex.isIndexed(view.streamVersion) {
                            let indexed = try streamIndexKey(streamNumber: entry!.number, version: view.streamVersion).withUnsafeBytes { k in
                                try txn.get(.streams, key: k) { $0.loadLE(at: 0, as: UInt64.self) }
                            }
                            guard indexed == p else { return fail("stream index for '\(stream)' v\(view.streamVersion) points to \(indexed.map(String.init) ?? "nothing")") }
                        }
                        let byID = try withUnsafeBytes(of: view.id.uuid) { k in try txn.get(.eventIDs, key: k) { $0.loadLE(at: 0, as: UInt64.self) } }
                        guard byID == p else { return fail("event-id index for \(view.id) points to \(byID.map(String.init) ?? "nothing")") }
                        previousHash = Array(view.hash)
                        expected += 1
                        scanned += 1
                        return scanned < chunk
                    }
                }
            }
            progress?(expected - 1)
            if scanned < chunk { break }
        }
        return VerifyReport(eventsChecked: expected - 1, headHash: previousHash.hex, firstProblem: problem)
    }
}

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for b in self {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
