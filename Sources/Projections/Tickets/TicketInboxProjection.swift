import Domain
import EventStore
import Foundation
import Synchronization

/// In-portal notifications for requesters about their tickets, and everyone's notification choices.
///
/// A requester hears of an agent's public reply (`agentReplied`) and of a status change made by anyone
/// but themselves (`solved`, otherwise `statusChanged`) — unless they turned that kind off in the
/// portal. Each account keeps its newest ``maximumItems``; reading marks everything up to a
/// notification id. The choices are also what the mailer asks before sending an e-mail.
public final class TicketInboxProjection: Projection {
    public struct InboxItem: Sendable, Equatable {
        /// The log position of the event it tells of: unique, and increasing with time.
        public var id: UInt64
        public var ticketID: UUID
        public var kind: TicketNotificationKind
        public var at: Date
        public var read: Bool
    }

    struct Stored {
        var id: UInt64
        var ticketID: UUID
        var kind: TicketNotificationKind
        var at: Date
    }

    struct Inbox {
        /// Oldest first.
        var items: [Stored] = []
        var readUpTo: UInt64 = 0
        var email = Set(TicketNotificationKind.allCases)
        var inPortal = Set(TicketNotificationKind.allCases)
    }

    struct State {
        /// Who opened each ticket that can still change (archived ones are dropped).
        var requesters: [UUID: AccountID] = [:]
        var inboxes: [AccountID: Inbox] = [:]
        /// Erased accounts get nothing more.
        var erased: Set<AccountID> = []
    }

    /// Notifications kept per account.
    public static let maximumItems = 200

    public let name = "ticket-inbox"
    public let version = 1
    public let eventTypes: Set<String>? = [
        TicketOpened.eventType, TicketCommented.eventType, TicketStatusChanged.eventType, TicketArchived.eventType,
        TicketNotificationPreferencesChanged.eventType, TicketNotificationsRead.eventType, PersonalDataErased.eventType,
    ]
    let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        switch try event.domainEvent() {
        case let e as TicketOpened:
            state.withLock { $0.requesters[e.ticketID] = e.requester }
        case let e as TicketCommented:
            guard e.role == .agent, !e.isInternal else { return }
            notify(e.ticketID, .agentReplied, event) { _ in true }
        case let e as TicketStatusChanged:
            // An agent taking up a new ticket (new → open) is not news; reopening a closed one is. The same rule
            // as the e-mails.
            guard e.to != .open || e.from == .closed else { return }
            notify(e.ticketID, e.to == .solved ? .solved : .statusChanged, event) { requester in e.by != requester }
        case let e as TicketArchived:
            state.withLock { _ = $0.requesters.removeValue(forKey: e.ticketID) }
        case let e as TicketNotificationPreferencesChanged:
            state.withLock { s in
                guard !s.erased.contains(e.accountID) else { return }
                var inbox = s.inboxes[e.accountID] ?? Inbox()
                inbox.email = Set(e.email)
                inbox.inPortal = Set(e.inPortal)
                s.inboxes[e.accountID] = inbox
            }
        case let e as TicketNotificationsRead:
            state.withLock { s in
                guard !s.erased.contains(e.accountID) else { return }
                var inbox = s.inboxes[e.accountID] ?? Inbox()
                inbox.readUpTo = max(inbox.readUpTo, e.upTo)
                s.inboxes[e.accountID] = inbox
            }
        case let e as PersonalDataErased:
            state.withLock { s in
                s.inboxes[e.accountID] = nil
                s.erased.insert(e.accountID)
            }
        default:
            break
        }
    }

    /// Adds a notification for the ticket's requester when `wanted` and their choices allow it.
    private func notify(_ ticket: UUID, _ kind: TicketNotificationKind, _ event: RecordedEvent, wanted: (AccountID) -> Bool) {
        state.withLock { s in
            guard let requester = s.requesters[ticket], !s.erased.contains(requester), wanted(requester) else { return }
            var inbox = s.inboxes.removeValue(forKey: requester) ?? Inbox()
            if inbox.inPortal.contains(kind) {
                inbox.items.append(Stored(id: event.position, ticketID: ticket, kind: kind, at: event.recordedAt))
                if inbox.items.count > Self.maximumItems { inbox.items.removeFirst(inbox.items.count - Self.maximumItems) }
            }
            s.inboxes[requester] = inbox
        }
    }

    /// The account's newest notifications first.
    public func items(for account: AccountID, limit: Int) -> [InboxItem] {
        state.withLock { s in
            guard let inbox = s.inboxes[account] else { return [] }
            return inbox.items.reversed().prefix(max(0, limit)).map {
                InboxItem(id: $0.id, ticketID: $0.ticketID, kind: $0.kind, at: $0.at, read: $0.id <= inbox.readUpTo)
            }
        }
    }

    /// How many of the account's notifications are unread.
    public func unread(for account: AccountID) -> Int {
        state.withLock { s in
            guard let inbox = s.inboxes[account] else { return 0 }
            return inbox.items.reduce(0) { $0 + ($1.id > inbox.readUpTo ? 1 : 0) }
        }
    }

    /// Which kinds the account wants by e-mail and in the portal (all until they choose).
    public func preferences(for account: AccountID) -> (email: Set<TicketNotificationKind>, inPortal: Set<TicketNotificationKind>) {
        state.withLock { s in
            let inbox = s.inboxes[account] ?? Inbox()
            return (inbox.email, inbox.inPortal)
        }
    }

    public func reset() { state.withLock { $0 = State() } }

    /// Binary: ticket requesters, erased accounts, then each inbox with its choices as bit sets.
    public func snapshot() throws -> [UInt8] {
        let copy = state.withLock { $0 }
        var w = BinarySnapshotWriter(version: version, capacity: copy.requesters.count * 32 + copy.inboxes.count * 64)
        w.append(UInt32(copy.requesters.count))
        for (ticket, requester) in copy.requesters {
            w.append(ticket)
            w.append(requester)
        }
        w.append(UInt32(copy.erased.count))
        for account in copy.erased { w.append(account) }
        w.append(UInt32(copy.inboxes.count))
        for (account, inbox) in copy.inboxes {
            w.append(account)
            w.append(inbox.readUpTo)
            w.append(Self.bits(inbox.email))
            w.append(Self.bits(inbox.inPortal))
            w.append(UInt32(inbox.items.count))
            for item in inbox.items {
                w.append(item.id)
                w.append(item.ticketID)
                w.append(case: item.kind)
                w.append(item.at)
            }
        }
        return w.bytes
    }

    public func restore(from snapshot: [UInt8]) throws {
        var r = BinarySnapshotReader(snapshot)
        var restored = State()
        for _ in 0..<(try r.read(UInt32.self)) {
            let ticket = try r.readUUID()
            restored.requesters[ticket] = try r.readAccount()
        }
        for _ in 0..<(try r.read(UInt32.self)) { restored.erased.insert(try r.readAccount()) }
        for _ in 0..<(try r.read(UInt32.self)) {
            let account = try r.readAccount()
            var inbox = Inbox()
            inbox.readUpTo = try r.read(UInt64.self)
            inbox.email = try Self.kinds(r.read(UInt8.self))
            inbox.inPortal = try Self.kinds(r.read(UInt8.self))
            let count = try r.read(UInt32.self)
            guard count <= Self.maximumItems else { throw TicketSnapshotError.malformed("an inbox of \(count) items") }
            for _ in 0..<count {
                inbox.items.append(Stored(id: try r.read(UInt64.self), ticketID: try r.readUUID(), kind: try r.readCase(TicketNotificationKind.self),
                                          at: try r.readDate()))
            }
            restored.inboxes[account] = inbox
        }
        guard r.isAtEnd else { throw TicketSnapshotError.malformed("bytes after the last inbox") }
        state.withLock { $0 = restored }
    }

    private static func bits(_ kinds: Set<TicketNotificationKind>) -> UInt8 {
        TicketNotificationKind.allCases.enumerated().reduce(0) { kinds.contains($1.element) ? $0 | 1 << $1.offset : $0 }
    }

    private static func kinds(_ bits: UInt8) throws -> Set<TicketNotificationKind> {
        guard bits >> TicketNotificationKind.allCases.count == 0 else { throw TicketSnapshotError.malformed("unknown notification kinds") }
        return Set(TicketNotificationKind.allCases.enumerated().filter { bits & 1 << $0.offset != 0 }.map(\.element))
    }
}
