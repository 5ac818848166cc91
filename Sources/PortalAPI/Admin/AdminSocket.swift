import Foundation
import Hummingbird
import Logging

/// The admin channel of a running portal: HTTP over a Unix socket in the data folder. Only the
/// folder's owner can reach it (the folder is 0700 and the socket 0600), so it needs no password;
/// `portalctl` uses it for operations that write while the server holds the folder.
public enum AdminSocket {
    /// The socket's path in a data folder.
    public static func path(in folder: String) -> String { (folder as NSString).standardizingPath + "/admin.sock" }

    /// The admin application: `POST /operations` with an ``AdminOperation`` as JSON.
    static func application(portal: Portal, logger: Logger) -> some ApplicationProtocol {
        let router = Router(context: PortalRequestContext.self)
        router.addMiddleware { ProblemMiddleware(pages: portal.renderer) }
        let operations = AdminOperations(portal: portal)
        router.post("api/v1/operations") { request, context -> AdminOutcome in
            let operation = try await JSONBody(limit: 64 << 10).decode(AdminOperation.self, from: request, context: context)
            return try await operations.perform(operation)
        }
        let path = path(in: portal.store.folder.path)
        return Application(
            router: router, configuration: .init(address: .unixDomainSocket(path: path), serverName: "customer-portal-admin"),
            onServerRunning: { _ in _ = chmod(path, 0o600) }, logger: logger)
    }
}

extension AdminOutcome: ResponseEncodable {}
