import Domain
import Foundation
import Hummingbird

/// `/api/v1/chat/models`: the intent classifier's versions, and training one now. Editors and admins only.
struct IntentModelsController {
    let service: IntentModelService

    var routes: RouteCollection<PortalRequestContext> {
        RouteCollection(context: PortalRequestContext.self)
            .get(use: list)
            .post(use: train)
    }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> IntentModelsDTO {
        _ = try service.requireEditor(try context.requireUser().accountID)
        return service.modelsReport()
    }

    /// Trains a candidate now and answers with its version, both models' held-out figures and the verdict.
    @Sendable func train(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let outcome = try await service.train(by: try context.requireUser().accountID)
        var response = try outcome.response(from: request, context: context)
        response.status = .created
        return response
    }
}
