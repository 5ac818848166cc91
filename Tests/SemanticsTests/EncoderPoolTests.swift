import Foundation
@testable import Semantics
import Testing

@Suite("The encoder pool's back-pressure", .enabled(
    if: TestModel.isInstalled,
    "the model is not installed in \(TestModel.folder): run `make model` or set PORTAL_MODEL_DIR"))
struct EncoderPoolTests {
    @Test("a request larger than the queue is refused")
    func tooLarge() async throws {
        let pool = EncoderPool(encoder: try TestModel.encoder.get(), workers: 1, queueLimit: 4)
        defer { pool.shutDown() }
        await #expect(throws: EncoderPoolError.requestTooLarge(count: 5, limit: 4)) {
            try await pool.encode(Array(repeating: "hello", count: 5))
        }
        #expect(try await pool.encode([]).isEmpty)
    }

    @Test("a request is refused while the queue is full, and accepted again once there is room")
    func queueFull() async throws {
        let pool = EncoderPool(encoder: try TestModel.encoder.get(), workers: 1, queueLimit: 4)
        defer { pool.shutDown() }
        try pool.core.reserve(4)
        await #expect(throws: EncoderPoolError.queueFull(waiting: 4, limit: 4)) {
            try await pool.encode(["hello"])
        }
        pool.core.release(4)
        #expect(try await pool.encode(["hello"]).count == 1)
    }

    @Test("a cancelled request is not encoded and gives back its room in the queue")
    func cancelled() async throws {
        let pool = EncoderPool(encoder: try TestModel.encoder.get(), workers: 1, queueLimit: 4)
        defer { pool.shutDown() }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await pool.encode(["hello", "world"])
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try await pool.encode(Array(repeating: "hello", count: 4)).count == 4)
    }

    @Test("after shutting down, requests fail")
    func shutDown() async throws {
        let pool = EncoderPool(encoder: try TestModel.encoder.get(), workers: 1)
        pool.shutDown()
        await #expect(throws: EncoderPoolError.shutDown) {
            try await pool.encode(["hello"])
        }
    }
}
