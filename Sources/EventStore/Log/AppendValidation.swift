import Foundation

/// Shape checks on an append, before it reaches the log.
enum AppendValidation {
    static func checkShape(_ appends: [StreamAppend]) throws {
        guard !appends.isEmpty else { throw EventStoreError.invalidAppend("no streams given") }
        var seenStreams = Set<String>()
        var seenIDs = Set<UUID>()
        for append in appends {
            guard !append.stream.isEmpty, append.stream.utf8.count <= RecordCodec.maxStreamLength else {
                throw EventStoreError.invalidAppend("stream id must be 1–\(RecordCodec.maxStreamLength) bytes")
            }
            guard seenStreams.insert(append.stream).inserted else {
                throw EventStoreError.invalidAppend("stream '\(append.stream)' appears twice; put its events in one entry")
            }
            guard !append.events.isEmpty else { throw EventStoreError.invalidAppend("no events for stream '\(append.stream)'") }
            for event in append.events {
                guard !event.type.isEmpty, event.type.utf8.count <= RecordCodec.maxTypeLength else {
                    throw EventStoreError.invalidAppend("event type must be 1–\(RecordCodec.maxTypeLength) bytes")
                }
                guard seenIDs.insert(event.id).inserted else {
                    throw EventStoreError.invalidAppend("event id \(event.id) appears twice in one append")
                }
                if let s = event.sealed, s.subject.isEmpty || s.subject.utf8.count > RecordCodec.maxStreamLength {
                    throw EventStoreError.invalidAppend("sealed subject must be 1–\(RecordCodec.maxStreamLength) bytes")
                }
                guard event.data.count < Int(UInt32.max) / 2 else { throw EventStoreError.invalidAppend("event data too large") }
            }
        }
    }
}
