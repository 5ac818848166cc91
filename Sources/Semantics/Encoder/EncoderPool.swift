import Dispatch
import Foundation
import Synchronization

/// Runs the sentence encoder off the caller's thread: one worker thread per core, each with its
/// own ``EncoderScratch``, behind a bounded queue.
///
/// The forward pass is long, blocking CPU work, so it runs on dedicated threads rather than in
/// Swift's cooperative pool, where it would hold up request handling. Requests wait in a queue
/// instead of oversubscribing the cores; when more than ``queueLimit`` texts are waiting a new
/// request fails at once with ``EncoderPoolError/queueFull(waiting:limit:)`` — the caller sheds
/// load (an HTTP 503, a retry later) instead of piling up latency. Queued requests that arrive
/// together are encoded together, in one batch.
public final class EncoderPool: Sendable {
    public let encoder: SentenceEncoder
    public let workerCount: Int
    /// The most texts that may wait for a worker.
    public let queueLimit: Int

    let core: Core

    /// Starts `workers` threads (default: one per core).
    public init(encoder: SentenceEncoder, workers: Int = ProcessInfo.processInfo.activeProcessorCount, queueLimit: Int = 4096) {
        precondition(workers > 0 && queueLimit > 0)
        self.encoder = encoder
        workerCount = workers
        self.queueLimit = queueLimit
        BLAS.useOneThread()
        core = Core(encoder: encoder, queueLimit: queueLimit, workers: workers)
        for index in 0..<workers {
            let thread = Thread { [core] in core.work() }
            thread.name = "sentence-encoder-\(index)"
            thread.start()
        }
    }

    deinit {
        core.shutDown(workers: workerCount)
    }

    /// The embeddings of `texts`, in order (384 floats each, unit length).
    /// - Throws: ``EncoderPoolError`` when the queue is full, the request is larger than the queue
    ///   or the pool is shut down; `CancellationError` when the task is cancelled while waiting.
    public func encode(_ texts: [String]) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        guard texts.count <= queueLimit else {
            throw EncoderPoolError.requestTooLarge(count: texts.count, limit: queueLimit)
        }
        // One piece a worker (at most a worker's batch each), so that every worker helps with a request.
        let pieceSize = Core.share(of: texts.count, workers: workerCount)
        if texts.count <= pieceSize {
            return try await core.submit(texts)
        }
        // Reserve room for the whole request first, so that it is accepted or refused as one.
        try core.reserve(texts.count)
        let pieces = stride(from: 0, to: texts.count, by: pieceSize).map {
            Array(texts[$0..<min($0 + pieceSize, texts.count)])
        }
        return try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            for (index, piece) in pieces.enumerated() {
                group.addTask { [core] in (index, try await core.submit(piece, reserved: true)) }
            }
            var results = [[[Float]]](repeating: [], count: pieces.count)
            for try await (index, embeddings) in group { results[index] = embeddings }
            return results.flatMap { $0 }
        }
    }

    /// Stops the workers after the jobs they are running; queued requests fail with
    /// ``EncoderPoolError/shutDown``. Also done when the pool is released.
    public func shutDown() {
        core.shutDown(workers: workerCount)
    }
}

/// Why an ``EncoderPool`` did not take a request.
public enum EncoderPoolError: Error, Equatable, CustomStringConvertible {
    case queueFull(waiting: Int, limit: Int)
    case requestTooLarge(count: Int, limit: Int)
    case shutDown

    public var description: String {
        switch self {
        case let .queueFull(waiting, limit):
            "the sentence encoder is busy: \(waiting) texts are waiting (at most \(limit)); try again shortly"
        case let .requestTooLarge(count, limit):
            "\(count) texts are more than the sentence encoder queues at once (\(limit)); send them in smaller requests"
        case .shutDown:
            "the sentence encoder has been shut down"
        }
    }
}
