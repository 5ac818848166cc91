import Domain
import Foundation
import Projections

/// Something an operator asks of a portal with `portalctl`. The same operation runs against a live
/// server (over its admin socket) or, when none runs, against the data folder directly.
public enum AdminOperation: Codable, Sendable {
    case showAccount(String)
    case forceLogout(String)
    case unlock(String)
    case flagCompromised(String)
    case erase(String)
    case rebuild([String])
    case grantRole(String, Role)
    case revokeRole(String, Role)
    case securityAlerts(since: Date?, limit: Int)
    case securitySignals(days: Int)
    case listCategories
    /// `fields` is the form as JSON: an array of fields, or an object with `fields`.
    case createCategory(id: String, name: String, description: String, fields: String)
    case changeCategoryForm(id: String, fields: String)
    case renameCategory(id: String, name: String, description: String?)
    case retireCategory(id: String)
    case csat(from: Date?, to: Date?, groupBy: String, category: String?, agent: String?)
    /// Docs as code: a folder of Markdown files with front matter (`portalctl content import|export`).
    case importContent(folder: String)
    case exportContent(folder: String)
    case selfService(from: Date?, to: Date?, category: String?)
    case lowRated(minimumVotes: Int)
    /// Completion funnels of every tutorial (`portalctl analytics tutorials`).
    case tutorialFunnels(from: Date?, to: Date?)
    /// A certificate by id, or the signed token found in a certificate PDF (`portalctl certificates verify`).
    case verifyCertificate(id: String?, token: String?)
    case revokeCertificate(id: String, reason: String)
    /// Trains a candidate intent model now (`portalctl nlu train`).
    case trainIntents
    /// The intent model versions (`portalctl nlu models`).
    case intentModels
    /// The chat's learning queue (`portalctl nlu review`).
    case chatReviewQueue(limit: Int)
    /// Labels a queued message with an intent, `out_of_scope`, or nil to dismiss it (`portalctl nlu review label`).
    case labelChatMessage(conversation: UUID, turn: Int, label: String?)
    /// The assistant's figures over inclusive UTC days (`portalctl analytics chat`).
    case chatAnalytics(from: String?, to: String?)
}

/// What an admin operation did, in words for the terminal, plus figures for `--json`.
public struct AdminOutcome: Codable, Sendable {
    public var message: String
    public var details: [String: String]

    public init(message: String, details: [String: String] = [:]) {
        self.message = message
        self.details = details
    }
}

/// Runs admin operations on a portal.
public struct AdminOperations: Sendable {
    let portal: Portal

    public init(portal: Portal) { self.portal = portal }

    public func perform(_ operation: AdminOperation, actor: String = "portalctl") async throws -> AdminOutcome {
        let identity = portal.identity
        func account(_ ref: String) throws -> AccountID {
            guard let id = try identity.findAccount(ref) else { throw DomainError.notFound("account '\(ref)'") }
            return id
        }
        switch operation {
        case .showAccount(let ref):
            let status = try identity.status(of: try account(ref))
            let locked = status.lockedUntil.map { ISO8601DateFormatter().string(from: $0) }
            return AdminOutcome(
                message: "account \(status.id): \(status.status), e-mail \(status.emailVerified ? "verified" : "not verified"), "
                    + "\(locked.map { "locked until \($0)" } ?? "not locked"), \(status.activeSessions) active session(s)"
                    + (status.mustChangePassword ? ", must change password" : ""),
                details: ["id": status.id, "status": status.status, "emailVerified": String(status.emailVerified), "lockedUntil": locked ?? "",
                          "activeSessions": String(status.activeSessions), "mustChangePassword": String(status.mustChangePassword)])
        case .forceLogout(let ref):
            let id = try account(ref)
            let n = try await identity.forceLogout(id, by: actor)
            return AdminOutcome(message: "signed out \(n) session(s) of account \(id)", details: ["revoked": String(n)])
        case .unlock(let ref):
            let id = try account(ref)
            try await identity.unlock(id, by: actor)
            return AdminOutcome(message: "unlocked account \(id)")
        case .flagCompromised(let ref):
            let id = try account(ref)
            try await identity.flagCompromised(id, by: actor)
            return AdminOutcome(message: "flagged account \(id) as compromised: its sessions ended; the next sign-in must change the password")
        case .erase(let ref):
            let id = try account(ref)
            let position = try await identity.erase(id, by: actor)
            let files = try portal.ticketService.subjectErased(id)
            return AdminOutcome(message: "erased \(id.stream) at position \(position); its personal data can no longer be read"
                                    + (files > 0 ? "; deleted \(files) attachment file(s)" : ""),
                                details: ["position": String(position), "attachmentsDeleted": String(files)])
        case let .grantRole(ref, role), let .revokeRole(ref, role):
            let id = try account(ref)
            var granted = false
            if case .grantRole = operation { granted = true }
            try await identity.setRole(role, granted: granted, on: id, by: actor)
            return AdminOutcome(message: granted ? "granted \(role.rawValue) to account \(id)" : "took \(role.rawValue) from account \(id)")
        case let .securityAlerts(since, limit):
            _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: [portal.alerts.name], timeout: .seconds(10))
            let page = SecurityReports.alerts(portal.alerts, since: since, offset: 0, limit: limit)
            let data = try JSONEncoder.portal.encode(page)
            let lines = page.alerts.map { a -> String in
                let when = ISO8601DateFormatter().string(from: a.at)
                switch a.kind {
                case "credentialStuffing":
                    return "\(when)  credential stuffing from \(a.network ?? "?"): \(a.failures ?? 0) failures against \(a.accounts ?? 0) accounts; throttled until \(a.throttledUntil.map { ISO8601DateFormatter().string(from: $0) } ?? "?")"
                default:
                    return "\(when)  suspicious sign-in of account \(a.accountID ?? "?"): score \(a.score ?? 0) (\(a.signals.joined(separator: ", ")))"
                }
            }
            let text = lines.isEmpty ? "no security alerts" : "\(page.total) alert(s), newest first:\n" + lines.joined(separator: "\n")
            return AdminOutcome(message: text, details: ["json": String(decoding: data, as: UTF8.self)])
        case let .securitySignals(days):
            _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: [portal.alerts.name], timeout: .seconds(10))
            let report = SecurityReports.signals(portal.alerts, days: days)
            let data = try JSONEncoder.portal.encode(report)
            var lines = ["last \(days) day(s): \(report.signInAttempts) sign-in attempts, \(report.suspicious) suspicious"]
            for (signal, n) in report.signals.sorted(by: { $0.value > $1.value }) {
                lines.append("  \(signal): \(n) (\(String(format: "%.2f", (report.rates[signal] ?? 0) * 100)) % of attempts)")
            }
            return AdminOutcome(message: lines.joined(separator: "\n"), details: ["json": String(decoding: data, as: UTF8.self)])
        case .listCategories, .createCategory, .changeCategoryForm, .renameCategory, .retireCategory, .csat:
            return try await CategoryOperations(portal: portal).perform(operation, actor: actor)
        case .importContent, .exportContent, .selfService, .lowRated:
            return try await KnowledgeOperations(portal: portal).perform(operation, actor: actor)
        case .tutorialFunnels, .verifyCertificate, .revokeCertificate:
            return try await TutorialOperations(portal: portal).perform(operation, actor: actor)
        case .chatReviewQueue, .labelChatMessage, .chatAnalytics:
            return try await ChatOperations(portal: portal).perform(operation, actor: actor)
        case .trainIntents, .intentModels:
            return try await IntentOperations(portal: portal).perform(operation, actor: actor)
        case .rebuild(let names):
            let known = portal.runner.projections.map(\.name)
            let chosen = names.isEmpty ? known : names
            for name in chosen where !known.contains(name) { throw ProjectionError.unknown(name, known: known) }
            let started = ContinuousClock.now
            for name in chosen { try await portal.runner.rebuild(name) }
            _ = await portal.runner.waitUntil(portal.store.lastPosition, projections: chosen, timeout: .seconds(3600))
            if chosen.contains(PortalProjections.semanticName) {
                // Vectors are computed after the events are applied; the rebuild is done when they are.
                _ = await portal.semantic.vectors?.waitUntilEncoded(timeout: .seconds(3600))
            }
            let failed = portal.runner.status().filter { chosen.contains($0.name) && $0.failure != nil }
            if let f = failed.first { throw ProjectionFailureReport(name: f.name, reason: f.failure ?? "") }
            let elapsed = ContinuousClock.now - started
            return AdminOutcome(message: "rebuilt \(chosen.joined(separator: ", ")) to position \(portal.store.lastPosition) in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .abbreviated)))")
        }
    }
}

/// A projection stopped while being rebuilt.
public struct ProjectionFailureReport: Error, CustomStringConvertible {
    public var name: String
    public var reason: String
    public var description: String { "\(name) stopped: \(reason)" }
}

extension JSONEncoder {
    /// Sorted keys and ISO 8601 dates, as the API answers.
    static var portal: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}
