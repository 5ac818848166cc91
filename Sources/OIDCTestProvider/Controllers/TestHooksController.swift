import Hummingbird

/// `/test/…`: switches for tests of the relying party that change the provider as a whole.
struct TestHooksController {
    let state: ProviderState

    var endpoints: RouteCollection<BasicRequestContext> {
        RouteCollection(context: BasicRequestContext.self)
            .post("rotate-keys", use: rotateKeys)
            .post("misbehave", use: misbehave)
            .get("misbehave", use: currentMisbehaviours)
            .get("users", use: users)
    }

    /// `POST /test/rotate-keys`: a new RS256 key signs from now on; the old one stays published.
    @Sendable func rotateKeys(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let kid = try await state.keys.rotate()
        context.logger.info("rotated signing key; now signing with \(kid)")
        return try JSONResponse.make(["kid": kid])
    }

    /// `POST /test/misbehave?names=a,b`: misbehave in every sign-in from now on; no names clears.
    @Sendable func misbehave(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let names = request.uri.queryParameters["names"].map(String.init) ?? ""
        guard let value = Misbehaviour.parse(names) else {
            return try JSONResponse.make(OAuthError.invalidRequest("unknown misbehaviour in \(names)"), status: .badRequest)
        }
        await state.setGlobalMisbehaviours(value)
        context.logger.info("misbehaving in every sign-in: \(value.map(\.rawValue).sorted())")
        return try JSONResponse.make(value.map(\.rawValue).sorted())
    }

    /// `GET /test/misbehave`: the misbehaviours applied to every sign-in.
    @Sendable func currentMisbehaviours(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try JSONResponse.make(await state.globalMisbehaviours.map(\.rawValue).sorted())
    }

    /// `GET /test/users`: the people who can sign in.
    @Sendable func users(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try JSONResponse.make(TestUser.all)
    }
}
