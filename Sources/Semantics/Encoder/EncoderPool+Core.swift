import Dispatch
import Synchronization

extension EncoderPool {
    /// The queue shared by the callers and the worker threads.
    final class Core: Sendable {
        struct Job {
            let id: UInt64
            let texts: [String]
            let continuation: CheckedContinuation<[[Float]], any Error>
        }

        struct State {
            var jobs: [Job] = []
            /// Texts accepted and not yet taken by a worker (including reserved ones not yet queued).
            var waiting = 0
            var nextID: UInt64 = 0
            /// Jobs cancelled before they were queued.
            var cancelled: Set<UInt64> = []
            var stopped = false
        }

        /// The most texts one worker takes from the queue at once.
        static let textsPerBatch = 64

        let encoder: SentenceEncoder
        let queueLimit: Int
        /// Worker threads sharing the queue.
        let workers: Int
        private let state = Mutex(State())
        private let wakeUp = DispatchSemaphore(value: 0)

        init(encoder: SentenceEncoder, queueLimit: Int, workers: Int) {
            self.encoder = encoder
            self.queueLimit = queueLimit
            self.workers = workers
        }

        /// How many texts one worker takes when `queued` texts wait: its fair share, so that the other
        /// workers get the rest instead of idling while one of them encodes everything.
        static func share(of queued: Int, workers: Int) -> Int {
            max(1, min(textsPerBatch, (queued + workers - 1) / max(1, workers)))
        }

        /// Counts `count` texts as waiting, or throws when the queue has no room for them.
        func reserve(_ count: Int) throws(EncoderPoolError) {
            try state.withLock { state throws(EncoderPoolError) in
                if state.stopped { throw .shutDown }
                guard state.waiting + count <= queueLimit else {
                    throw .queueFull(waiting: state.waiting, limit: queueLimit)
                }
                state.waiting += count
            }
        }

        /// Gives back room counted by ``reserve(_:)`` and never used.
        func release(_ count: Int) {
            state.withLock { $0.waiting -= count }
        }

        /// Queues `texts` and waits for their embeddings.
        func submit(_ texts: [String], reserved: Bool = false) async throws -> [[Float]] {
            let id = state.withLock { state in
                state.nextID += 1
                return state.nextID
            }
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let refusal: (any Error)? = state.withLock { state in
                        if state.cancelled.remove(id) != nil {
                            if reserved { state.waiting -= texts.count }
                            return CancellationError()
                        }
                        if state.stopped {
                            if reserved { state.waiting -= texts.count }
                            return EncoderPoolError.shutDown
                        }
                        if !reserved {
                            guard state.waiting + texts.count <= queueLimit else {
                                return EncoderPoolError.queueFull(waiting: state.waiting, limit: queueLimit)
                            }
                            state.waiting += texts.count
                        }
                        state.jobs.append(Job(id: id, texts: texts, continuation: continuation))
                        return nil
                    }
                    if let refusal {
                        continuation.resume(throwing: refusal)
                    } else {
                        wakeUp.signal()
                    }
                }
            } onCancel: {
                let job: Job? = state.withLock { state in
                    if let index = state.jobs.firstIndex(where: { $0.id == id }) {
                        let job = state.jobs.remove(at: index)
                        state.waiting -= job.texts.count
                        return job
                    }
                    state.cancelled.insert(id)
                    return nil
                }
                job?.continuation.resume(throwing: CancellationError())
            }
        }

        /// A worker thread's loop: take the waiting jobs (up to a batch), encode them together, answer.
        func work() {
            let scratch = encoder.makeScratch()
            while true {
                wakeUp.wait()
                let (jobs, stop): ([Job], Bool) = state.withLock { state in
                    var taken: [Job] = [], texts = 0
                    let share = Self.share(of: state.jobs.reduce(0) { $0 + $1.texts.count }, workers: workers)
                    while let job = state.jobs.first, taken.isEmpty || texts + job.texts.count <= share {
                        taken.append(state.jobs.removeFirst())
                        texts += job.texts.count
                    }
                    state.waiting -= texts
                    return (taken, state.stopped && state.jobs.isEmpty)
                }
                if !jobs.isEmpty {
                    let embeddings = encoder.encode(jobs.flatMap(\.texts), using: scratch)
                    var start = 0
                    for job in jobs {
                        job.continuation.resume(returning: Array(embeddings[start..<(start + job.texts.count)]))
                        start += job.texts.count
                    }
                    state.withLock { state in
                        for job in jobs { state.cancelled.remove(job.id) }
                    }
                }
                if stop && jobs.isEmpty { return }
            }
        }

        /// Fails the queued jobs and lets every worker leave its loop.
        func shutDown(workers: Int) {
            let jobs: [Job] = state.withLock { state in
                if state.stopped { return [] }
                state.stopped = true
                let jobs = state.jobs
                state.jobs = []
                state.waiting = 0
                return jobs
            }
            for job in jobs { job.continuation.resume(throwing: EncoderPoolError.shutDown) }
            for _ in 0..<workers { wakeUp.signal() }
        }
    }
}
