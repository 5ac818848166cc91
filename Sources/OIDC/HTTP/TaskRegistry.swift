import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The session delegate behind ``SessionTransport``: gathers each task's body up to its
/// limit, refuses redirects, and resumes each waiting caller exactly once.
///
/// `@unchecked Sendable` because `NSObject` subclasses cannot be checked; all mutable state
/// is inside the `Mutex`.
final class TaskRegistry: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var url: String
        var limit: Int
        var continuation: CheckedContinuation<OIDCHTTPResponse, any Error>
        var response: HTTPURLResponse?
        var body = Data()
        var failure: OIDCError?
        /// The server answered 401 with a challenge, which was declined; the 401 is the answer.
        var declinedChallenge = false
    }

    private let pending = Mutex<[Int: Pending]>([:])

    func register(_ id: Int, url: String, limit: Int, continuation: CheckedContinuation<OIDCHTTPResponse, any Error>) {
        pending.withLock { $0[id] = Pending(url: url, limit: limit, continuation: continuation) }
    }

    /// Resumes the caller of task `id` if it is still waiting; false if it was already resumed.
    @discardableResult
    func finish(_ id: Int, with result: Result<OIDCHTTPResponse, OIDCError>) -> Bool {
        guard let entry = pending.withLock({ $0.removeValue(forKey: id) }) else { return false }
        entry.continuation.resume(with: result.mapError { $0 as any Error })
        return true
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let tooLarge = pending.withLock { state -> Bool in
            guard var entry = state[dataTask.taskIdentifier] else { return true }
            entry.response = response as? HTTPURLResponse
            let tooLarge = response.expectedContentLength > Int64(entry.limit)
            if tooLarge { entry.failure = .responseTooLarge(url: entry.url, limit: entry.limit) }
            state[dataTask.taskIdentifier] = entry
            return tooLarge
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overLimit = pending.withLock { state -> Bool in
            guard var entry = state[dataTask.taskIdentifier], entry.failure == nil else { return true }
            entry.body.append(data)
            if entry.body.count > entry.limit {
                entry.failure = .responseTooLarge(url: entry.url, limit: entry.limit)
                entry.body = Data()
            }
            state[dataTask.taskIdentifier] = entry
            return entry.failure != nil
        }
        if overLimit { dataTask.cancel() }
    }

    /// Redirects are returned to the caller as they are: an OIDC endpoint that redirects is
    /// misconfigured, and following it could send the client secret elsewhere.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    /// A 401 with `WWW-Authenticate` (which RFC 6749 §5.2 requires for a failed
    /// `client_secret_basic`) arrives here. No credentials are ever supplied: the challenge is
    /// declined and the 401, whose headers and body were already delivered, becomes the answer.
    /// (`performDefaultHandling` would leave the task waiting forever in swift-corelibs-foundation.)
    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        pending.withLock { state in
            guard var entry = state[task.taskIdentifier] else { return }
            entry.declinedChallenge = true
            if entry.response == nil, let failure = challenge.failureResponse as? HTTPURLResponse { entry.response = failure }
            state[task.taskIdentifier] = entry
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = pending.withLock({ $0[task.taskIdentifier] }) else { return }
        let result: Result<OIDCHTTPResponse, OIDCError>
        if let failure = entry.failure {
            result = .failure(failure)
        } else if let error, !(entry.declinedChallenge && entry.response?.statusCode == 401) {
            result = .failure(.network(url: entry.url, reason: error.localizedDescription))
        } else if let response = entry.response {
            var headers: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            result = .success(OIDCHTTPResponse(status: response.statusCode, headers: headers, body: entry.body))
        } else {
            result = .failure(.network(url: entry.url, reason: "no HTTP response"))
        }
        finish(task.taskIdentifier, with: result)
    }
}
