import Domain
import Foundation
import Hummingbird
import Projections

/// `/kb/bookmarks`: what the signed-in reader bookmarked (and may still read), in the order bookmarked,
/// each with the significant update an editor made since, until the reader opens the item again.
struct KnowledgeBookmarkPages {
    let kb: KnowledgePages

    func add(to router: RouterGroup<PortalRequestContext>) {
        router.get("kb/bookmarks", use: list)
    }

    @Sendable func list(_ request: Request, context: PortalRequestContext) async throws -> Response {
        try await kb.pages.signedIn(context) { user in
            let catalog = kb.service.catalog
            let view = KnowledgeEntryView(tree: catalog.categoryTree)
            let updates = Dictionary(catalog.updates(for: user.accountID).map { ($0.itemKey, $0) }) { newer, _ in newer }
            let items = kb.service.bookmarks(of: user.accountID).map { e -> [String: Any] in
                var v = view.values(e)
                v["removePath"] = KnowledgeRoutes.path(e.kind, e.slug) + "/bookmark/remove"
                if let update = updates[e.key] {
                    v["update"] = ["note": update.note, "hasNote": !update.note.isEmpty, "at": KnowledgeEntryView.day(update.at)] as [String: Any]
                } else {
                    v["update"] = false
                }
                return v
            }
            let updated = items.filter { $0["update"] is [String: Any] }.count
            let data: [String: Any] = [
                "items": items, "none": items.isEmpty, "removed": request.uri.queryParameters["removed"] != nil,
                "updated": updated > 0 ? (["count": updated, "one": updated == 1] as Any) : (false as Any),
            ]
            return kb.render("kb-bookmarks", title: "Your bookmarks", request: request, context: context, data: data, section: .bookmarks)
        }
    }
}
