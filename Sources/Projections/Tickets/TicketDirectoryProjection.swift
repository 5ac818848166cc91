import Domain
import EventStore
import Foundation
import Synchronization

/// Every ticket's summary, for the customers' lists and the agents' views, with full-text search that
/// stores no text.
///
/// The words of a ticket — subject, description, answered form fields, file names and public comments
/// — are kept only as keyed 32-bit hashes (``SearchTokenHasher``), sorted per ticket; internal notes
/// (and files not known to belong to a public reply) go to a second set that only agents' queries
/// read. A query hashes its own words the same way and needs all of them (AND). A per-requester index
/// means a customer's query looks at their own tickets only. When a requester's personal data is
/// erased, their tickets' token sets are dropped, so nothing they wrote can be found any more.
public final class TicketDirectoryProjection: Projection {
    /// A file uploaded by someone other than the requester is public only once a public comment names
    /// it; until both sides are known, its name is searchable by agents only.
    enum AgentFile: Equatable {
        /// A comment named the file before the file was recorded.
        case named(isPublic: Bool)
        /// The file was recorded (its name's tokens) before a comment named it.
        case waiting([UInt32])
    }

    struct Indexed {
        var summary: TicketSummary
        /// Everything a customer may find the ticket by.
        var text: [UInt32] = []
        /// Internal notes: for agents' queries only.
        var notes: [UInt32] = []
        var subject: [UInt32] = []
        var description: [UInt32] = []
        var agentFiles: [String: AgentFile] = [:]
    }

    /// Tickets live in one array (a ticket is never removed, only emptied on erasure), found by id
    /// through `slots`; queries walk slots and read the records in place instead of copying them.
    struct State {
        var items: [Indexed] = []
        var slots: [UUID: Int] = [:]
        /// Each requester's tickets (slots) in the order they were opened.
        var byRequester: [AccountID: [Int]] = [:]

        mutating func insert(_ t: Indexed) -> Bool {
            guard slots[t.summary.id] == nil else { return false }
            slots[t.summary.id] = items.count
            byRequester[t.summary.requester, default: []].append(items.count)
            items.append(t)
            return true
        }
    }

    public let name = "ticket-directory"
    public let version = 1
    public let needsPersonalData = true
    public let eventTypes: Set<String>? = [
        TicketOpened.eventType, TicketCommented.eventType, TicketStatusChanged.eventType, TicketAssigned.eventType,
        TicketPriorityChanged.eventType, AttachmentAdded.eventType, SLABreachWarned.eventType, SLABreached.eventType,
        TicketRated.eventType, SurveyAnswered.eventType, FollowUpRequested.eventType, TicketArchived.eventType,
        PersonalDataErased.eventType,
    ]
    let hasher: SearchTokenHasher
    let state = Mutex(State())

    /// `searchKey` (16–64 bytes, derived from the master key) makes the stored token hashes useless
    /// without it.
    public init(searchKey: [UInt8]) {
        hasher = SearchTokenHasher(key: searchKey)
    }

    public func apply(_ event: RecordedEvent) throws {
        let at = event.recordedAt
        switch try event.domainEvent() {
        case let e as TicketOpened:
            opened(e, event: event)
        case let e as TicketCommented:
            let tokens = hasher.tokens([e.personal?.body ?? ""])
            update(e.ticketID, event) { t in
                if e.isInternal {
                    t.notes = SortedTokens.union(t.notes, tokens)
                } else {
                    t.summary.publicComments += 1
                    t.summary.lastPublicActor = e.role
                    t.text = SortedTokens.union(t.text, tokens)
                }
                if e.author != t.summary.requester {
                    for id in e.attachmentIDs { name(id, isPublic: !e.isInternal, in: &t) }
                }
            }
        case let e as TicketStatusChanged:
            update(e.ticketID, event) { t in
                t.summary.status = e.to
                if e.to == .solved { t.summary.solvedAt = at }
                if e.to == .closed { t.summary.closedAt = at }
                if e.to == .open || e.to == .pending { t.summary.closedAt = nil }
            }
        case let e as TicketAssigned:
            update(e.ticketID, event) { $0.summary.assignee = e.agent }
        case let e as TicketPriorityChanged:
            update(e.ticketID, event) { $0.summary.priority = e.to }
        case let e as AttachmentAdded:
            let tokens = hasher.tokens([e.personal?.filename ?? ""])
            update(e.ticketID, event) { t in
                t.summary.attachments += 1
                guard !t.summary.requesterErased else { return }
                if e.uploadedBy == t.summary.requester {
                    t.text = SortedTokens.union(t.text, tokens)
                } else {
                    switch t.agentFiles[e.attachmentID] {
                    case .named(let isPublic)?:
                        t.agentFiles[e.attachmentID] = nil
                        if isPublic { t.text = SortedTokens.union(t.text, tokens) } else { t.notes = SortedTokens.union(t.notes, tokens) }
                    default:
                        t.agentFiles[e.attachmentID] = .waiting(tokens)
                        t.notes = SortedTokens.union(t.notes, tokens)
                    }
                }
            }
        case let e as TicketRated:
            update(e.ticketID, event) { $0.summary.rating = e.rating }
        case let e as TicketArchived:
            update(e.ticketID, event) { $0.summary.archived = true }
        case let e as SLABreachWarned:
            update(e.ticketID, event) { _ in }
        case let e as SLABreached:
            update(e.ticketID, event) { _ in }
        case let e as SurveyAnswered:
            update(e.ticketID, event) { _ in }
        case let e as FollowUpRequested:
            // The follow-up itself is a new ticket whose `TicketOpened` names this one.
            update(e.ticketID, event) { _ in }
        case let e as PersonalDataErased:
            erase(e.accountID)
        default:
            break
        }
    }

    private func opened(_ e: TicketOpened, event: RecordedEvent) {
        let p = e.personal
        let fieldTexts = (p?.fields ?? []).compactMap { field -> String? in
            if case .files = field.value { return nil }
            return field.value.display
        }
        let subject = hasher.tokens([p?.subject ?? ""])
        let description = hasher.tokens([p?.description ?? ""])
        let text = SortedTokens.union(SortedTokens.union(subject, description), hasher.tokens(fieldTexts))
        let summary = TicketSummary(
            id: e.ticketID, requester: e.requester, categoryID: e.categoryID, priority: e.priority, status: .new, assignee: nil,
            openedAt: event.recordedAt, updatedAt: event.recordedAt, solvedAt: nil, closedAt: nil, archived: false, rating: nil,
            publicComments: 0, lastPublicActor: .customer, attachments: 0, followUpOf: e.followUpOf, streamVersion: event.streamVersion,
            requesterErased: false)
        state.withLock { s in
            _ = s.insert(Indexed(summary: summary, text: text, subject: subject, description: description))
        }
    }

    /// Applies `change` to a known ticket and notes the event as its latest.
    private func update(_ id: UUID, _ event: RecordedEvent, _ change: (inout Indexed) -> Void) {
        state.withLock { s in
            guard let slot = s.slots[id] else { return }
            change(&s.items[slot])
            s.items[slot].summary.updatedAt = event.recordedAt
            s.items[slot].summary.streamVersion = event.streamVersion
        }
    }

    /// A comment by an agent named a file: its name becomes public or stays internal.
    private func name(_ attachmentID: String, isPublic: Bool, in t: inout Indexed) {
        switch t.agentFiles[attachmentID] {
        case .waiting(let tokens)?:
            t.agentFiles[attachmentID] = nil
            if isPublic { t.text = SortedTokens.union(t.text, tokens) }
        default:
            t.agentFiles[attachmentID] = .named(isPublic: isPublic)
        }
    }

    private func erase(_ account: AccountID) {
        state.withLock { s in
            for slot in s.byRequester[account] ?? [] {
                s.items[slot].text = []
                s.items[slot].notes = []
                s.items[slot].subject = []
                s.items[slot].description = []
                s.items[slot].agentFiles = [:]
                s.items[slot].summary.requesterErased = true
            }
        }
    }

    public func reset() { state.withLock { $0 = State() } }
}
