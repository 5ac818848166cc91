import Domain
import EventStore
import Foundation
import Projections
import Testing

/// 100,000 tickets of 1,000 requesters folded into the directory: the data structures must hold
/// that many and still answer a customer's search exactly. No timing is asserted.
@Suite("Ticket directory at scale")
struct TicketDirectoryScaleTests {
    static let subjects = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike"]
    static let colours = ["red", "orange", "yellow", "green", "blue", "purple", "silver"]
    static let requesters = 1000
    static let perRequester = 100

    static func ticket(_ i: Int) -> UUID { UUID(uuidString: String(format: "0190f5d4-0000-7000-8000-%012d", i))! }

    /// Ticket `i` belongs to requester `i % 1000`; its `k = i / 1000` picks the subject word
    /// (k mod 13) and the colour in the description (k mod 7); every fifth is solved.
    static func new(_ event: some DomainEvent, requester: AccountID) throws -> NewEvent {
        let encoded = try EventCatalog.encode(event)
        return NewEvent(id: UUIDv7.make(), type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data,
                        metadata: EventMetadata(actor: "test"), sealed: SealedPayload(subject: requester.stream, data: encoded.personal ?? Array("{}".utf8)))
    }

    @Test func aHundredThousandTicketsStillAnswerExactly() async throws {
        let log = try TestLog()
        var batch: [StreamAppend] = []
        for i in 0..<(Self.requesters * Self.perRequester) {
            let requester = IDs.account(i % Self.requesters + 1), k = i / Self.requesters, id = Self.ticket(i)
            var events = [try Self.new(TicketOpened(
                ticketID: id, requester: requester, categoryID: k % 2 == 0 ? "billing" : "tech", formVersion: 1, priority: .normal, attachmentIDs: [],
                followUpOf: nil, personal: .init(subject: "\(Self.subjects[k % 13].capitalized) trouble number \(i)",
                                                 description: "The \(Self.colours[k % 7]) light keeps blinking.", fields: [])), requester: requester)]
            if k % 5 == 0 {
                events.append(try Self.new(TicketStatusChanged(ticketID: id, from: .new, to: .solved, by: IDs.agent, role: .agent, personal: .init(reason: "")),
                                           requester: requester))
            }
            batch.append(StreamAppend(stream: Ticket.stream(id), expected: .noStream, events: events))
            if batch.count == 2000 {
                _ = try await log.store.append(batch)
                batch = []
            }
        }
        if !batch.isEmpty { _ = try await log.store.append(batch) }

        let directory = TicketDirectoryProjection(searchKey: [UInt8](repeating: 3, count: 32))
        var position: UInt64 = 0
        while true {
            let read = try log.store.read(after: position, limit: 2000, types: directory.eventTypes, unseal: true)
            for event in read.events { try directory.apply(event) }
            guard read.through > position else { break }
            position = read.through
        }
        #expect(directory.count == 100_000)

        // Requester 8 holds tickets 7, 1007, …, 99007; "delta green" needs k ≡ 3 (mod 13) and (mod 7).
        let customer = IDs.account(8)
        let matchingK = (0..<Self.perRequester).filter { $0 % 13 == 3 && $0 % 7 == 3 }
        #expect(matchingK == [3, 94])
        let expected = matchingK.map { Self.ticket(7 + 1000 * $0) }
        let found = directory.search(TicketQuery(requester: customer, text: "DELTA greens", sort: .openedOldest, limit: 50))
        #expect(found.total == 2)
        #expect(found.items.map(\.id) == expected)
        #expect(found.items.allSatisfy { $0.requester == customer })

        let open = directory.search(TicketQuery(requester: customer, statuses: [.new], text: "delta", sort: .openedOldest, limit: 50))
        let openK = (0..<Self.perRequester).filter { $0 % 13 == 3 && $0 % 5 != 0 }
        #expect(open.items.map(\.id) == openK.map { Self.ticket(7 + 1000 * $0) })
        #expect(directory.counts(requester: customer) == [.new: 80, .solved: 20])
        #expect(directory.allTickets(of: customer).count == 100)
        // A ticket number is a word too.
        #expect(directory.search(TicketQuery(requester: customer, text: "number 42007")).items.map(\.id) == [Self.ticket(42007)])
        #expect(directory.search(TicketQuery(requester: IDs.account(9), text: "number 42007")).total == 0)

        // Agents search across everyone: two matching tickets per requester.
        #expect(directory.search(TicketQuery(text: "delta green", limit: 10)).total == 2 * Self.requesters)

        let similar = directory.similar(to: "Delta trouble", requester: customer, openOnly: true, limit: 3)
        #expect(similar.count == 3)
        #expect(similar.allSatisfy { $0.summary.requester == customer && $0.summary.status == .new })

        let restored = TicketDirectoryProjection(searchKey: [UInt8](repeating: 3, count: 32))
        try restored.restore(from: directory.snapshot())
        #expect(restored.count == 100_000)
        #expect(restored.search(TicketQuery(requester: customer, text: "DELTA greens", sort: .openedOldest, limit: 50)).items == found.items)
    }
}
