import Domain
import Foundation

/// Binary snapshot: per ticket its summary and token hashes — never a word of text. Tickets are
/// written requester by requester, in each requester's opening order, so the per-requester index
/// comes back in the same order.
extension TicketDirectoryProjection {
    public func snapshot() throws -> [UInt8] {
        let copy = state.withLock { $0 }
        var w = BinarySnapshotWriter(version: version, capacity: copy.items.count * 400)
        w.append(UInt32(copy.items.count))
        for slots in copy.byRequester.values {
            for slot in slots { write(copy.items[slot], to: &w) }
        }
        return w.bytes
    }

    public func restore(from snapshot: [UInt8]) throws {
        var r = BinarySnapshotReader(snapshot)
        var restored = State()
        let count = try r.read(UInt32.self)
        for _ in 0..<count {
            let t = try read(&r)
            guard restored.insert(t) else { throw TicketSnapshotError.malformed("ticket \(t.summary.id) twice") }
        }
        guard r.isAtEnd else { throw TicketSnapshotError.malformed("bytes after the last ticket") }
        state.withLock { $0 = restored }
    }

    private func write(_ t: Indexed, to w: inout BinarySnapshotWriter) {
        let s = t.summary
        w.append(s.id)
        w.append(s.requester)
        w.append(s.categoryID)
        w.append(case: s.priority)
        w.append(case: s.status)
        w.append(s.assignee)
        w.append(s.openedAt)
        w.append(s.updatedAt)
        w.append(s.solvedAt)
        w.append(s.closedAt)
        w.append(s.archived)
        w.append(UInt8(clamping: s.rating ?? 0))
        w.append(UInt32(clamping: s.publicComments))
        w.append(role: s.lastPublicActor)
        w.append(UInt32(clamping: s.attachments))
        w.append(s.followUpOf)
        w.append(s.streamVersion)
        w.append(s.requesterErased)
        w.append(tokens: t.text)
        w.append(tokens: t.notes)
        w.append(tokens: t.subject)
        w.append(tokens: t.description)
        w.append(UInt32(t.agentFiles.count))
        for (id, file) in t.agentFiles {
            w.append(id)
            switch file {
            case .named(let isPublic):
                w.append(UInt8(isPublic ? 1 : 0))
            case .waiting(let tokens):
                w.append(UInt8(2))
                w.append(tokens: tokens)
            }
        }
    }

    private func read(_ r: inout BinarySnapshotReader) throws -> Indexed {
        let id = try r.readUUID()
        let requester = try r.readAccount()
        let category = try r.readString()
        let priority = try r.readCase(TicketPriority.self)
        let status = try r.readCase(TicketStatus.self)
        let assignee = try r.readOptionalAccount()
        let openedAt = try r.readDate()
        let updatedAt = try r.readDate()
        let solvedAt = try r.readOptionalDate()
        let closedAt = try r.readOptionalDate()
        let archived = try r.readFlag()
        let rating = try r.read(UInt8.self)
        let comments = try r.read(UInt32.self)
        let lastActor = try r.readRole()
        let attachments = try r.read(UInt32.self)
        let followUpOf = try r.readOptionalUUID()
        let streamVersion = try r.read(UInt64.self)
        let erased = try r.readFlag()
        let summary = TicketSummary(
            id: id, requester: requester, categoryID: category, priority: priority, status: status, assignee: assignee, openedAt: openedAt,
            updatedAt: updatedAt, solvedAt: solvedAt, closedAt: closedAt, archived: archived, rating: rating == 0 ? nil : Int(rating),
            publicComments: Int(comments), lastPublicActor: lastActor, attachments: Int(attachments), followUpOf: followUpOf,
            streamVersion: streamVersion, requesterErased: erased)
        var t = Indexed(summary: summary, text: try r.readTokens(), notes: try r.readTokens(), subject: try r.readTokens(), description: try r.readTokens())
        for _ in 0..<(try r.read(UInt32.self)) {
            let fileID = try r.readString()
            switch try r.read(UInt8.self) {
            case 0: t.agentFiles[fileID] = AgentFile.named(isPublic: false)
            case 1: t.agentFiles[fileID] = AgentFile.named(isPublic: true)
            case 2: t.agentFiles[fileID] = AgentFile.waiting(try r.readTokens())
            default: throw TicketSnapshotError.malformed("unknown file state")
            }
        }
        return t
    }
}
