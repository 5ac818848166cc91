import Domain
import EventStore
import Foundation
import Synchronization

/// The background task that closes idle conversations.
final class SweepTask: Sendable {
    let task = Mutex<Task<Void, Never>?>(nil)
}

extension ChatService {
    /// Closes every conversation idle for longer than the timeout at `now`; returns how many it closed.
    @discardableResult
    public func closeIdle(at now: Date) async -> Int {
        _ = await runner.waitUntil(store.lastPosition, projections: [conversations.name], timeout: .seconds(2))
        var closed = 0
        for id in conversations.idle(before: now.addingTimeInterval(-settings.idleTimeout)) {
            do {
                let (conversation, _) = try load(id)
                let event = try conversation.decideIdleClose(now: now, timeout: settings.idleTimeout)
                _ = try await record([event], in: conversation, client: ClientContext(), actor: ChatParticipant(account: nil))
                closed += 1
            } catch {
                // Someone wrote in the meantime (no longer idle), or the conversation ended: the next sweep sees it.
                logger.debug("idle sweep skipped a conversation", metadata: ["conversation": "\(id)", "error": "\(error)"])
            }
        }
        return closed
    }

    func startSweeping() {
        let interval = settings.sweepInterval
        sweeper.task.withLock { task in
            task = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let self, !Task.isCancelled else { return }
                    await self.closeIdle(at: Date())
                }
            }
        }
    }

    func stopSweeping() async {
        let task = sweeper.task.withLock { t in defer { t = nil }; return t }
        task?.cancel()
        await task?.value
    }
}
