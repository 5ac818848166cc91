import Domain
import Foundation

/// Binary snapshot: per ticket its clock (``SLAClock/Snapshot``), stream version, assignee and the
/// derived due and alarm moments, so a restore does no calendar arithmetic; the alarm index is
/// rebuilt from the alarms.
extension SLAClocksProjection {
    public func snapshot() throws -> [UInt8] {
        let clocks = state.withLock { $0.clocks }
        var w = BinarySnapshotWriter(version: version, capacity: clocks.count * 180)
        w.append(UInt32(clocks.count))
        for c in clocks.values {
            guard let s = c.clock.snapshot else { continue }
            w.append(s.ticketID)
            w.append(case: s.priority)
            w.append(case: s.status)
            w.append(s.openedAt)
            for target in SLATarget.allCases {
                let t = s.track(target)
                w.append(t.elapsed)
                w.append(t.runningSince)
                w.append(t.metAt)
                w.append(t.breached)
                w.append(t.warned)
            }
            w.append(c.streamVersion)
            w.append(c.assignee)
            w.append(c.dueFirstResponse)
            w.append(c.dueResolution)
            w.append(c.breachedAlready)
            w.append(c.alarm)
        }
        return w.bytes
    }

    /// Refuses a snapshot of another version: its clocks were counted under another policy.
    public func restore(from snapshot: [UInt8]) throws {
        guard SnapshotCodec.version(of: snapshot) == version else {
            throw TicketSnapshotError.version(found: SnapshotCodec.version(of: snapshot), expected: version)
        }
        var r = BinarySnapshotReader(snapshot)
        var clocks: [UUID: Clocked] = [:]
        for _ in 0..<(try r.read(UInt32.self)) {
            let id = try r.readUUID()
            let priority = try r.readCase(TicketPriority.self)
            let status = try r.readCase(TicketStatus.self)
            let openedAt = try r.readDate()
            var tracks: [SLAClock.TrackSnapshot] = []
            for _ in SLATarget.allCases {
                tracks.append(SLAClock.TrackSnapshot(elapsed: try r.readDouble(), runningSince: try r.readOptionalDate(), metAt: try r.readOptionalDate(),
                                                     breached: try r.readFlag(), warned: try r.readFlag()))
            }
            let clock = SLAClock(snapshot: .init(ticketID: id, priority: priority, status: status, openedAt: openedAt,
                                                 firstResponse: tracks[0], resolution: tracks[1]))
            var c = Clocked(clock: clock, streamVersion: try r.read(UInt64.self), assignee: try r.readOptionalAccount())
            c.dueFirstResponse = try r.readOptionalDate()
            c.dueResolution = try r.readOptionalDate()
            c.breachedAlready = try r.readFlag()
            c.alarm = try r.readOptionalDate()
            guard clocks.updateValue(c, forKey: id) == nil else { throw TicketSnapshotError.malformed("ticket \(id) twice") }
        }
        guard r.isAtEnd else { throw TicketSnapshotError.malformed("bytes after the last clock") }
        let alarms = Self.index(of: clocks)
        state.withLock { $0 = State(clocks: clocks, alarms: alarms) }
    }
}
