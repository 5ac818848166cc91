import EventStore
import Foundation

/// Small builders that keep the tests about behaviour rather than about constructing values.
enum Fixtures {
    static func event(_ type: String = "ThingHappened", _ json: String = "{}", sealed: SealedPayload? = nil,
                      clientIP: String? = nil, id: UUID = UUIDv7.make()) -> NewEvent {
        NewEvent(id: id, type: type, data: Array(json.utf8), metadata: EventMetadata(actor: "tester", clientIP: clientIP), sealed: sealed)
    }

    static func events(_ count: Int, type: String = "ThingHappened") -> [NewEvent] {
        (0..<count).map { event(type, #"{"i":\#($0)}"#) }
    }
}

extension EventStore {
    /// Appends `count` plain events to `stream` with no version check.
    @discardableResult
    func appendSome(_ count: Int, to stream: String, type: String = "ThingHappened") async throws -> AppendResult {
        try await append(to: stream, expected: .any, events: Fixtures.events(count, type: type))
    }

    /// Every record of the log, in order.
    func readAll(unseal: Bool = true) throws -> [RecordedEvent] {
        var all: [RecordedEvent] = []
        var position: UInt64 = 0
        while true {
            let batch = try read(after: position, limit: 500, unseal: unseal)
            all += batch.events
            if batch.through == position { return all }
            position = batch.through
        }
    }
}

extension RecordedEvent {
    var dataString: String { String(decoding: data, as: UTF8.self) }
}

extension Array where Element: Sendable {
    /// Runs `body` for every element concurrently and collects the results in the original order.
    func concurrentMap<T: Sendable>(_ body: @escaping @Sendable (Element) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for (i, element) in enumerated() { group.addTask { (i, try await body(element)) } }
            var results = [T?](repeating: nil, count: count)
            for try await (i, value) in group { results[i] = value }
            return results.map { $0! }
        }
    }
}
