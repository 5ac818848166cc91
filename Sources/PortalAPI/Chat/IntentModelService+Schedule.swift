import Domain
import Foundation

extension IntentModelService {
    /// Starts the scheduled retraining: every ``IntentSettings/retrainInterval`` it trains a candidate when intents
    /// or examples changed since the latest training (`changedSinceLastTraining`). Stopped by ``stop()``.
    func startSchedule() {
        guard let interval = settings.retrainInterval else { return }
        let task = Task { [self] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                guard !Task.isCancelled, catalog.changedSinceLastTraining else { continue }
                do {
                    let outcome = try await train(trigger: .schedule, author: "schedule")
                    logger.info("scheduled retraining: version \(outcome.version) \(outcome.promoted ? "promoted" : "rejected")")
                } catch {
                    logger.warning("scheduled retraining failed: \(error)")
                }
            }
        }
        schedule.withLock { $0 = task }
    }

    /// Stops the schedule; a training under way finishes first.
    func stop() async {
        let task = schedule.withLock { t -> Task<Void, Never>? in
            defer { t = nil }
            return t
        }
        task?.cancel()
        await task?.value
    }
}
