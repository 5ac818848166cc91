import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Owns the `URLSession` of a ``URLSessionOIDCHTTPClient`` and turns its delegate callbacks
/// into `async` results.
///
/// `@unchecked Sendable`: `URLSession` is thread-safe but not annotated on every platform;
/// this type only reads its constants after `init`.
final class SessionTransport: @unchecked Sendable {
    private let session: URLSession
    private let registry: TaskRegistry
    private let timeout: TimeInterval

    init(timeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        registry = TaskRegistry()
        session = URLSession(configuration: configuration, delegate: registry, delegateQueue: nil)
        self.timeout = timeout
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    func perform(_ request: URLRequest, limit: Int) async throws -> OIDCHTTPResponse {
        let url = request.url?.absoluteString ?? ""
        let task = session.dataTask(with: request)
        let id = task.taskIdentifier
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                registry.register(id, url: url, limit: limit, continuation: continuation)
                task.resume()
                // URLSession's own timeout does not fire in every state on Linux; this one
                // always does, and resuming twice is prevented by the registry.
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout + 1) { [registry, timeout] in
                    if registry.finish(id, with: .failure(.network(url: url, reason: "no answer within \(Int(timeout)) seconds"))) {
                        task.cancel()
                    }
                }
            }
        } onCancel: {
            if registry.finish(id, with: .failure(.network(url: url, reason: "cancelled"))) { task.cancel() }
        }
    }
}
