import Domain
import Foundation
import Hummingbird
import NIOCore

/// `/api/v1/me/export`: everything the portal holds about the signed-in customer, as a ZIP download.
struct ExportController {
    let service: TicketService
    let identity: IdentityService
    let securityLog: SecurityLogReader

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: export)
    }

    @Sendable func export(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try service.limit(user.accountID)
        guard let profile = try identity.profile(user.accountID) else { throw ProblemDetails.unauthorized("This account no longer exists.") }
        let log = try await securityLog.page(for: user.accountID, offset: 0, limit: 100_000).items
        let folder = URL(fileURLWithPath: service.store.folder.path).appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent("export-\(UUID().uuidString.lowercased()).zip")
        do {
            try await service.writePersonalData(for: user.accountID, profile: profile, securityLog: log, to: file)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        let stamp = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? FileManager.default.removeItem(at: file) }
            let handle = try FileHandle(forReadingFrom: file)
            // Unlinked at once: the open handle still reads it, and nothing is left behind if the client goes away.
            try? FileManager.default.removeItem(at: file)
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: 64 << 10), !data.isEmpty {
                try await writer.write(ByteBuffer(bytes: data))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: "application/zip", .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"customer-portal-data-\(stamp).zip\"",
        ], body: body)
    }
}
