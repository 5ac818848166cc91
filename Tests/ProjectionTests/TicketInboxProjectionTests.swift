import Domain
import EventStore
import Foundation
import Projections
import Testing

/// Requesters' in-portal notifications from their tickets' events and their own choices.
@Suite("Ticket inbox projection")
struct TicketInboxProjectionTests {
    let ann = IDs.account(1)
    let bob = IDs.account(2)

    func preferences(_ script: TicketScript, _ account: AccountID, email: [TicketNotificationKind], inPortal: [TicketNotificationKind]) async throws {
        try await script.log.append(TicketNotificationPreferencesChanged(accountID: account, email: email, inPortal: inPortal),
                                    to: "ticket-notifications-\(account.description)")
    }

    func read(_ script: TicketScript, _ account: AccountID, upTo: UInt64) async throws {
        try await script.log.append(TicketNotificationsRead(accountID: account, upTo: upTo), to: "ticket-notifications-\(account.description)")
    }

    @Test func requestersHearOfRepliesAndOfChangesMadeByOthers() async throws {
        let script = try TicketScript()
        let t = IDs.ticket(1), other = IDs.ticket(2)
        try await script.open(t, by: ann, subject: "Printer jams")
        try await script.open(other, by: bob, subject: "Bob's")
        let replied = try await script.reply(t)
        try await script.comment(t, by: IDs.agent, role: .agent, body: "internal", internal: true)
        try await script.comment(t, by: ann, role: .customer, body: "more details")
        let pending = try await script.status(t, .pending)
        try await script.status(t, .open, by: ann, role: .customer)
        let solved = try await script.status(t, .solved)
        let closed = try await script.status(t, .closed, by: nil, role: .system, reason: "Closed after 7 days without a reply.")
        let bobs = try await script.reply(other)
        let p = try await script.fold(TicketInboxProjection())

        let items = p.items(for: ann, limit: 10)
        #expect(items.map(\.id) == [closed, solved, pending, replied])
        #expect(items.map(\.kind) == [.statusChanged, .solved, .statusChanged, .agentReplied])
        #expect(items.allSatisfy { $0.ticketID == t && !$0.read })
        #expect(p.unread(for: ann) == 4)
        #expect(p.items(for: ann, limit: 2).map(\.id) == [closed, solved])
        #expect(p.items(for: bob, limit: 10).map(\.id) == [bobs])
        #expect(p.items(for: IDs.agent, limit: 10).isEmpty)
        #expect(p.unread(for: IDs.account(99)) == 0)
    }

    @Test func kindsTurnedOffInThePortalAreNotListed() async throws {
        let script = try TicketScript()
        let t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Printer jams")
        let p0 = try await script.fold(TicketInboxProjection())
        #expect(p0.preferences(for: ann).email == Set(TicketNotificationKind.allCases))
        #expect(p0.preferences(for: ann).inPortal == Set(TicketNotificationKind.allCases))

        try await preferences(script, ann, email: [.solved, .agentReplied], inPortal: [.solved])
        try await script.reply(t)
        try await script.status(t, .pending)
        let solved = try await script.status(t, .solved)
        let p = try await script.fold(TicketInboxProjection())
        #expect(p.items(for: ann, limit: 10).map(\.id) == [solved])
        #expect(p.preferences(for: ann).email == [.solved, .agentReplied])
        #expect(p.preferences(for: ann).inPortal == [.solved])
        #expect(p.preferences(for: bob).inPortal == Set(TicketNotificationKind.allCases))
    }

    @Test func readingMarksEverythingUpToANotification() async throws {
        let script = try TicketScript()
        let t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Printer jams")
        let first = try await script.reply(t, "one")
        let second = try await script.reply(t, "two")
        let third = try await script.reply(t, "three")
        try await read(script, ann, upTo: second)
        try await read(script, ann, upTo: first)  // an older marker never unreads
        let p = try await script.fold(TicketInboxProjection())
        #expect(p.unread(for: ann) == 1)
        #expect(p.items(for: ann, limit: 10).map(\.read) == [false, true, true])
        #expect(p.items(for: ann, limit: 10).map(\.id) == [third, second, first])
    }

    @Test func anInboxKeepsTheNewestTwoHundred() async throws {
        let script = try TicketScript()
        let t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Chatty ticket")
        var positions: [UInt64] = []
        for n in 0..<205 { positions.append(try await script.reply(t, "reply \(n)")) }
        let p = try await script.fold(TicketInboxProjection())
        let items = p.items(for: ann, limit: 1000)
        #expect(items.count == TicketInboxProjection.maximumItems)
        #expect(items.map(\.id) == Array(positions.suffix(200).reversed()))
        #expect(p.unread(for: ann) == 200)
    }

    @Test func anErasedAccountsInboxIsDropped() async throws {
        let script = try TicketScript()
        let t = IDs.ticket(1)
        try await script.open(t, by: ann, subject: "Printer jams")
        try await script.reply(t)
        try await preferences(script, ann, email: [], inPortal: [.agentReplied])
        try await script.erase(ann)
        let p = try await script.fold(TicketInboxProjection())
        #expect(p.items(for: ann, limit: 10).isEmpty)
        #expect(p.unread(for: ann) == 0)
        #expect(p.preferences(for: ann).inPortal == Set(TicketNotificationKind.allCases))
    }

    @Test func aSnapshotRestoresTheSameInboxes() async throws {
        let script = try TicketScript()
        for n in 1...6 {
            let requester = IDs.account(n % 3 + 1)
            try await script.open(IDs.ticket(n), by: requester, subject: "Ticket \(n)")
            try await script.reply(IDs.ticket(n))
            if n % 2 == 0 { try await script.status(IDs.ticket(n), .solved) }
        }
        try await preferences(script, IDs.account(2), email: [.solved], inPortal: [.agentReplied, .statusChanged])
        let marker = try await script.reply(IDs.ticket(1))
        try await read(script, IDs.account(2), upTo: marker)
        try await script.erase(IDs.account(3))
        try await script.reply(IDs.ticket(3))
        let p = try await script.fold(TicketInboxProjection())
        let restored = TicketInboxProjection()
        try restored.restore(from: p.snapshot())
        for account in (1...4).map(IDs.account) {
            #expect(restored.items(for: account, limit: 50) == p.items(for: account, limit: 50))
            #expect(restored.unread(for: account) == p.unread(for: account))
            #expect(restored.preferences(for: account) == p.preferences(for: account))
        }
        #expect(!p.items(for: IDs.account(2), limit: 50).isEmpty)
        // The ticket map came back too: a reply after the restore still reaches its requester.
        let later = try await script.reply(IDs.ticket(4))
        for e in try script.log.store.read(after: later - 1, limit: 1).events { try restored.apply(e) }
        #expect(restored.items(for: IDs.account(2), limit: 1).first?.id == later)
    }
}
