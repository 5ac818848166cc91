import Foundation

/// Tickets ordered by the moment the SLA reactor next has something to record for them: a binary
/// min-heap of (moment, ticket).
///
/// Entries are never removed in place: when a ticket's moment changes, a new entry is pushed and the
/// old one goes stale; readers check each entry against the ticket's current moment. Finding what is
/// due visits only entries at or before `now` (and their direct children), so it costs the number of
/// due tickets, not the number of tickets. Stale entries are dropped from the top as they surface and
/// the whole heap is rebuilt when they outnumber live ones.
struct SLAAlarmIndex {
    struct Entry: Equatable {
        var at: Double
        var ticket: UUID
    }

    private(set) var heap: [Entry] = []

    init() {}

    /// A heap of exactly these entries.
    init(_ entries: [Entry]) {
        heap = entries
        guard heap.count > 1 else { return }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
    }

    var count: Int { heap.count }

    mutating func push(_ at: Date, _ ticket: UUID) {
        heap.append(Entry(at: at.timeIntervalSince1970, ticket: ticket))
        siftUp(heap.count - 1)
    }

    /// Drops stale entries from the top; `isLive` says whether an entry is still a ticket's moment.
    mutating func dropStaleTop(_ isLive: (Entry) -> Bool) {
        while let top = heap.first, !isLive(top) { popTop() }
    }

    /// The live entries at or before `now`, earliest first, one per ticket.
    func due(through now: Date, isLive: (Entry) -> Bool) -> [Entry] {
        let limit = now.timeIntervalSince1970
        var found: [Entry] = []
        var seen = Set<UUID>()
        var stack = heap.isEmpty ? [] : [0]
        while let i = stack.popLast() {
            let e = heap[i]
            guard e.at <= limit else { continue }
            if isLive(e), seen.insert(e.ticket).inserted { found.append(e) }
            let left = 2 * i + 1
            if left < heap.count { stack.append(left) }
            if left + 1 < heap.count { stack.append(left + 1) }
        }
        return found.sorted { $0.at != $1.at ? $0.at < $1.at : UUIDOrder.less($0.ticket, $1.ticket) }
    }

    private mutating func popTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    private mutating func siftUp(_ index: Int) {
        var i = index
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].at < heap[parent].at else { return }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var i = index
        while true {
            let left = 2 * i + 1, right = left + 1
            var smallest = i
            if left < heap.count, heap[left].at < heap[smallest].at { smallest = left }
            if right < heap.count, heap[right].at < heap[smallest].at { smallest = right }
            guard smallest != i else { return }
            heap.swapAt(i, smallest)
            i = smallest
        }
    }
}
