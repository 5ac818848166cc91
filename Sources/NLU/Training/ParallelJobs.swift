import Foundation
import Synchronization

/// Runs independent CPU-bound jobs on a few dedicated threads and waits for all of them.
///
/// Training is minutes of blocking arithmetic: it runs on threads of its own instead of Swift's
/// cooperative pool, where it would hold up request handling. Each result lands in its job's slot,
/// so the results never depend on which thread finished first.
enum ParallelJobs {
    /// The jobs' results, in the jobs' order.
    static func run<T: Sendable>(_ jobs: [@Sendable () -> T], threads: Int) async -> [T] {
        guard !jobs.isEmpty else { return [] }
        let workers = max(1, min(threads, jobs.count))
        return await withCheckedContinuation { (continuation: CheckedContinuation<[T], Never>) in
            let board = Board<T>(jobs: jobs, workers: workers, continuation: continuation)
            for index in 0..<workers {
                let thread = Thread { board.work() }
                thread.name = "intent-trainer-\(index)"
                thread.start()
            }
        }
    }

    /// The jobs, their results and the count of running workers, shared by the worker threads.
    private final class Board<T: Sendable>: Sendable {
        struct State {
            var next = 0
            var results: [T?]
            var running: Int
        }

        let jobs: [@Sendable () -> T]
        let state: Mutex<State>
        let continuation: CheckedContinuation<[T], Never>

        init(jobs: [@Sendable () -> T], workers: Int, continuation: CheckedContinuation<[T], Never>) {
            self.jobs = jobs
            state = Mutex(State(results: Array(repeating: nil, count: jobs.count), running: workers))
            self.continuation = continuation
        }

        /// A worker's loop: take the next job until none is left; the last worker out answers.
        func work() {
            while true {
                let job: Int? = state.withLock { s in
                    guard s.next < jobs.count else { return nil }
                    s.next += 1
                    return s.next - 1
                }
                guard let job else { break }
                let result = jobs[job]()
                state.withLock { $0.results[job] = result }
            }
            let finished: [T]? = state.withLock { s in
                s.running -= 1
                return s.running == 0 ? s.results.map { $0! } : nil
            }
            if let finished { continuation.resume(returning: finished) }
        }
    }
}
