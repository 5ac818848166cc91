import EventStore
import Foundation
import Hummingbird
import Prometheus
import Projections

/// Liveness, readiness, metrics and the OpenAPI document.
struct OperationsController {
    let store: EventStore
    let runner: ProjectionRunner
    let registry: PrometheusCollectorRegistry
    let gauges: PortalGauges
    let openAPI: ByteBuffer
    /// Search by meaning, or lexical-only: without a model the portal is ready all the same.
    let semantic: SemanticIndex
    /// Lag (in events) up to which a projection still counts as caught up under steady load.
    let readyLag: UInt64 = 1000

    func add(to router: Router<PortalRequestContext>) {
        router.get("healthz", use: health)
        router.get("readyz", use: ready)
        router.get("metrics", use: metrics)
        router.get("openapi.json", use: openapi)
    }

    struct Health: ResponseEncodable { var status: String }

    @Sendable func health(_ request: Request, context: PortalRequestContext) async throws -> Health { Health(status: "ok") }

    struct Readiness: ResponseEncodable {
        var status: String
        var logPosition: UInt64
        var projections: [ProjectionStatus]
        /// `semantic`, or `lexical-only` when the portal runs without a model.
        var search: SemanticIndex.Mode
    }

    @Sendable func ready(_ request: Request, context: PortalRequestContext) async throws -> Response {
        let statuses = runner.status()
        let ok = statuses.allSatisfy { $0.failure == nil && $0.lag <= readyLag }
        let body = Readiness(status: ok ? "ready" : "not ready", logPosition: store.lastPosition, projections: statuses, search: semantic.mode)
        var response = try body.response(from: request, context: context)
        response.status = ok ? .ok : .serviceUnavailable
        return response
    }

    @Sendable func metrics(_ request: Request, context: PortalRequestContext) async throws -> Response {
        gauges.update(store: store, runner: runner, semantic: semantic)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }

    @Sendable func openapi(_ request: Request, context: PortalRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "max-age=300"], body: .init(byteBuffer: openAPI))
    }
}

/// Gauges sampled when `/metrics` is scraped: log size and projection lag.
struct PortalGauges: Sendable {
    let registry: PrometheusCollectorRegistry
    let logPosition: Gauge

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        logPosition = registry.makeGauge(name: "portal_log_position", help: "Last committed position of the event log")
    }

    func update(store: EventStore, runner: ProjectionRunner, semantic: SemanticIndex) {
        logPosition.set(Double(store.lastPosition))
        if let counts = semantic.vectors?.counts {
            registry.makeGauge(name: "portal_semantic_vectors", help: "Items with a vector for search by meaning").set(Double(counts.vectors))
            registry.makeGauge(name: "portal_semantic_queue", help: "Texts waiting for the sentence encoder").set(Double(counts.queued))
        }
        for s in runner.status() {
            registry.makeGauge(name: "portal_projection_lag", labels: [("projection", s.name)], help: "Events not yet applied by a projection")
                .set(Double(s.lag))
        }
    }
}
