import Domain
import Foundation
import Synchronization

/// What live sockets are told.
public enum ChatUpdate: Sendable, Equatable {
    /// New lines in a conversation's transcript.
    case lines(UUID, [ChatLine])
    /// The conversation's status changed (queued, picked up, back to the assistant, closed).
    case status(UUID, Conversation.Status)
    /// The agents' live queue changed.
    case queue
}

/// Fans out what was just appended to the sockets that watch it: a conversation's participants, and the
/// agents' desks for the queue. In-process: with several API nodes, each node's sockets hear about writes
/// made on that node (docs/chat.md).
public final class ChatHub: Sendable {
    private struct Watchers {
        var byConversation: [UUID: [UUID: AsyncStream<ChatUpdate>.Continuation]] = [:]
        var desks: [UUID: AsyncStream<ChatUpdate>.Continuation] = [:]
    }
    private let watchers = Mutex(Watchers())

    public init() {}

    /// Updates of one conversation, until `cancel` is called.
    public func watch(_ conversation: UUID) -> (stream: AsyncStream<ChatUpdate>, cancel: @Sendable () -> Void) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ChatUpdate>.makeStream(bufferingPolicy: .bufferingNewest(256))
        watchers.withLock { $0.byConversation[conversation, default: [:]][id] = continuation }
        return (stream, { [weak self] in
            continuation.finish()
            self?.watchers.withLock { w in
                w.byConversation[conversation]?[id] = nil
                if w.byConversation[conversation]?.isEmpty == true { w.byConversation[conversation] = nil }
            }
        })
    }

    /// Queue changes and every conversation's updates, for an agent's desk.
    public func watchDesk() -> (stream: AsyncStream<ChatUpdate>, cancel: @Sendable () -> Void) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ChatUpdate>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        watchers.withLock { $0.desks[id] = continuation }
        return (stream, { [weak self] in
            continuation.finish()
            self?.watchers.withLock { $0.desks[id] = nil }
        })
    }

    func publish(_ update: ChatUpdate) {
        let targets: [AsyncStream<ChatUpdate>.Continuation] = watchers.withLock { w in
            switch update {
            case .lines(let id, _), .status(let id, _): Array((w.byConversation[id] ?? [:]).values) + Array(w.desks.values)
            case .queue: Array(w.desks.values)
            }
        }
        for t in targets { t.yield(update) }
    }

    /// Open desk sockets (agents watching the queue live).
    public var deskCount: Int { watchers.withLock { $0.desks.count } }
}
