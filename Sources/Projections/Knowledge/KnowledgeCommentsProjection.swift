import Domain
import EventStore
import Foundation
import Synchronization

/// The comments readers left with their votes, for editors' list of low-rated content: each voter's latest
/// comment per item (a changed vote replaces it), newest first, at most ``maximumPerItem`` per item.
///
/// Comments are sealed under the voter's key; erasing the voter drops theirs here too, and a rebuild after
/// erasure can no longer read them. The comments are plain text here, so this projection keeps no checkpoint:
/// it is rebuilt from the log at every start (it reads only votes and erasures).
public final class KnowledgeCommentsProjection: Projection {
    public struct Comment: Codable, Sendable, Equatable {
        public var voter: String
        public var helpful: Bool
        public var reason: UnhelpfulReason?
        public var text: String
        public var at: Date
    }

    public let name = "knowledge-comments"
    public let version = 1
    public let needsPersonalData = true
    public let keepsCheckpoints = false
    public let eventTypes: Set<String>? = [KnowledgeVoteCast.eventType, PersonalDataErased.eventType]
    static let maximumPerItem = 200
    private let state = Mutex<[String: [Comment]]>([:])

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        switch try event.domainEvent() {
        case let e as KnowledgeVoteCast:
            let voter = e.voter.description
            state.withLock { all in
                var list = all[e.itemKey] ?? []
                list.removeAll { $0.voter == voter }
                if let text = e.personal?.comment ?? nil, !text.isEmpty {
                    list.append(Comment(voter: voter, helpful: e.helpful, reason: e.reason, text: text, at: event.recordedAt))
                    if list.count > Self.maximumPerItem { list.removeFirst(list.count - Self.maximumPerItem) }
                }
                all[e.itemKey] = list.isEmpty ? nil : list
            }
        case let e as PersonalDataErased:
            let voter = KnowledgeVisitor.account(e.accountID).description
            state.withLock { all in
                for key in Array(all.keys) {
                    all[key]?.removeAll { $0.voter == voter }
                    if all[key]?.isEmpty == true { all[key] = nil }
                }
            }
        default:
            break
        }
    }

    /// An item's comments, newest first.
    public func comments(_ key: String, limit: Int = 20) -> [Comment] {
        state.withLock { Array(($0[key] ?? []).reversed().prefix(limit)) }
    }

    public func snapshot() throws -> [UInt8] { try SnapshotCodec.encode(state.withLock { $0 }, version: version) }

    public func restore(from snapshot: [UInt8]) throws {
        let stored = try SnapshotCodec.decode([String: [Comment]].self, from: snapshot)
        state.withLock { $0 = stored }
    }

    public func reset() { state.withLock { $0 = [:] } }
}
