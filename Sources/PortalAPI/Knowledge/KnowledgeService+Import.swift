import Domain
import EventStore
import Foundation
import Projections

/// What an import did.
public struct KnowledgeImportReport: Sendable, Equatable, Codable {
    public var categoriesCreated = 0
    public var categoriesChanged = 0
    public var created = 0
    public var revised = 0
    public var statusChanged = 0
    public var unchanged = 0
    public var synonymsChanged = false
    /// Files the folder had that are not content (not `.md`), by path.
    public var skipped: [String] = []

    public var summary: String {
        "\(created) created, \(revised) revised, \(statusChanged) status change(s), \(unchanged) unchanged; categories: \(categoriesCreated) created, "
            + "\(categoriesChanged) changed; synonyms \(synonymsChanged ? "changed" : "unchanged")"
            + (skipped.isEmpty ? "" : "; skipped \(skipped.count) file(s) that are not Markdown: \(skipped.prefix(5).joined(separator: ", "))")
    }
}

extension KnowledgeService {
    /// Docs as code: brings the knowledge base in line with a folder (see ``KnowledgeFolder``) through the same
    /// commands editors use. Only differences are written, so importing the same folder twice writes nothing the
    /// second time. Items the folder does not mention are left alone (removing a file does not delete an article).
    public func importFolder(_ url: URL, by actor: String) async throws -> KnowledgeImportReport {
        // Reading checks every file (content, categories, linked articles) before anything is written.
        let folder = try KnowledgeFolder.read(url)
        var report = KnowledgeImportReport()
        report.skipped = folder.skipped
        // Parents come before their children in the folder's list.
        for category in folder.categories {
            if let current = catalog.categoryTree[category.slug] {
                if current != category {
                    try await changeCategory(category, by: actor)
                    report.categoriesChanged += 1
                }
            } else {
                try await createCategory(category, by: actor)
                report.categoriesCreated += 1
            }
        }
        if !folder.synonyms.isEmpty || !catalog.synonyms.groups.isEmpty {
            do {
                try await setSynonyms(folder.synonyms, by: actor)
                report.synonymsChanged = true
            } catch DomainError.rejected {
                // The same groups: nothing to write.
            }
        }
        for file in folder.files {
            let key = file.kind.key(file.slug)
            guard let entry = catalog.entry(key) else {
                try await create(kind: file.kind, slug: file.slug, content: file.content, publish: file.status == .published, by: actor)
                if file.status == .archived { try await setStatus(key, to: .archived, by: actor) }
                report.created += 1
                continue
            }
            var touched = false
            let checked = try file.content.checked(kind: file.kind, categoryExists: categoryExists)
            if checked != entry.content {
                try await revise(key, content: file.content, significant: false, note: "Imported", by: actor)
                report.revised += 1
                touched = true
            }
            if file.status != entry.status {
                // Archived → published goes through draft, the only way the workflow allows.
                if entry.status == .archived, file.status == .published { try await setStatus(key, to: .draft, by: actor) }
                try await setStatus(key, to: file.status, by: actor)
                report.statusChanged += 1
                touched = true
            }
            if !touched { report.unchanged += 1 }
        }
        return report
    }

    /// Writes every item (whatever its status), the categories and the synonyms to a folder that ``importFolder(_:by:)`` reads back unchanged.
    public func exportFolder(to url: URL) throws -> Int {
        let files = catalog.entries(viewer: KnowledgeViewer(account: nil, roles: [.editor]), includeUnpublished: true)
            .filter { KnowledgeKind.items.contains($0.kind) }
            .sorted { $0.key < $1.key }
            .map { KnowledgeFile(kind: $0.kind, slug: $0.slug, content: $0.content, status: $0.status) }
        let folder = KnowledgeFolder(categories: catalog.orderedCategories().map(\.category), synonyms: catalog.synonyms.groups, files: files)
        try folder.write(to: url)
        return files.count
    }

    /// On a portal without any knowledge content: imports the demo knowledge base shipped with the portal (`make serve`).
    public func importDemoContentIfEmpty() async throws {
        _ = await runner.waitUntil(store.lastPosition, projections: [catalog.name], timeout: .seconds(60))
        guard catalog.counts.articles + catalog.counts.faqs == 0, catalog.categoryTree.isEmpty else { return }
        guard let url = KnowledgeFolder.demo else {
            logger.warning("the demo knowledge base is missing from the portal's resources")
            return
        }
        let report = try await importFolder(url, by: "demo-content")
        logger.info("imported the demo knowledge base: \(report.summary)")
    }
}
