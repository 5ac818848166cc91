import Domain
import Foundation
import Logging
import Projections

/// Runs the knowledge base's real search over a test collection and writes a TREC run (`portalctl kb eval`).
///
/// The documents go into a fresh, temporary portal through the same commands editors use (a category, then
/// one published article per document: title, body), the projections and the encoder catch up, and every
/// query is answered by ``KnowledgeService/search(_:kinds:category:tag:viewer:visitor:limit:offset:origin:record:mode:)``
/// as an anonymous reader would get it. Nothing is tuned here: the run is what the portal answers.
public struct KnowledgeEvaluation {
    public struct Document: Decodable {
        public var id: String
        public var title: String
        public var body: String
    }

    public struct Query: Decodable {
        public var id: String
        public var text: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)
        case badLine(String, Int, String)
        case badDocument(String, String)
        public var description: String {
            switch self {
            case let .unreadable(path, why): "cannot read \(path): \(why)"
            case let .badLine(path, line, why): "\(path) line \(line): \(why)"
            case let .badDocument(id, why): "document \(id) cannot be imported: \(why)"
            }
        }
    }

    public var mode: KnowledgeSearchMode
    public var modelFolder: String?
    public var depth = 10

    public init(mode: KnowledgeSearchMode, modelFolder: String?) {
        self.mode = mode
        self.modelFolder = modelFolder
    }

    /// Reads a JSON-lines file of `T`, naming the line of any problem.
    public static func lines<T: Decodable>(_ path: String, as: T.Type) throws -> [T] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw Failure.unreadable(path, error.localizedDescription) }
        var out: [T] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do { out.append(try JSONDecoder().decode(T.self, from: Data(line.utf8))) } catch {
                throw Failure.badLine(path, n + 1, "not a JSON object with the expected fields (\(error))")
            }
        }
        return out
    }

    /// Imports `documents`, answers `queries` and returns the TREC run lines (`qid Q0 docid rank score tag`), plus timings.
    public func run(documents: [Document], queries: [Query], logger: Logger) async throws -> (lines: [String], importSeconds: Double, querySeconds: Double) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-kb-eval-\(UUID().uuidString.lowercased())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = PortalConfiguration()
        config.dataFolder = folder.path
        config.modelFolder = mode == .lexical ? nil : modelFolder
        config.hashingThreads = 1
        config.passwordCost = .owaspMinimum
        config.tickets.starterCategory = false
        config.mail.folder = folder.appendingPathComponent("mail").path
        let portal = try await Portal.open(config, logger: logger)
        do {
            let result = try await answer(portal, documents: documents, queries: queries)
            await portal.shutdown()
            return result
        } catch {
            await portal.shutdown()
            throw error
        }
    }

    private func answer(_ portal: Portal, documents: [Document], queries: [Query]) async throws -> (lines: [String], importSeconds: Double, querySeconds: Double) {
        let service = portal.knowledge
        let clock = ContinuousClock()
        let started = clock.now
        try await service.createCategory(KnowledgeCategory(slug: "collection", name: "Test collection"), by: "evaluation")
        var idBySlug: [String: String] = [:]
        for d in documents {
            let slug = d.id.lowercased()
            guard KnowledgeSlug.isValid(slug), idBySlug[slug] == nil else { throw Failure.badDocument(d.id, "its id must be a unique slug (letters, digits, dashes)") }
            idBySlug[slug] = d.id
            let body = d.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? d.title : d.body
            do {
                try await service.create(kind: .article, slug: slug, content: KnowledgeContent(title: d.title, summary: "", body: body, categoryID: "collection"),
                                         publish: true, by: "evaluation")
            } catch let failure as ValidationFailure {
                throw Failure.badDocument(d.id, failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
            }
        }
        _ = await portal.runner.catchUp(timeout: .seconds(3600))
        if mode != .lexical, portal.semantic.isAvailable { _ = await portal.semantic.vectors?.waitUntilEncoded(timeout: .seconds(3600)) }
        let imported = clock.now
        var lines: [String] = []
        for q in queries {
            let page = await service.search(q.text, viewer: .anonymous, limit: depth, record: false, mode: mode)
            for (rank, hit) in page.hits.enumerated() {
                lines.append("\(q.id) Q0 \(idBySlug[hit.entry.slug] ?? hit.entry.slug) \(rank + 1) \(String(format: "%.6f", hit.score)) portal-\(page.mode)")
            }
        }
        let done = clock.now
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        return (lines, seconds(imported - started), seconds(done - imported))
    }
}
