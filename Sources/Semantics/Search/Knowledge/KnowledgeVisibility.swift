/// A ``KnowledgeFilter`` read against one index: which audience ids the viewer may read, so per-document and
/// per-word checks are array lookups.
struct KnowledgeVisibility {
    let filter: KnowledgeFilter
    /// The index's audience ids the viewer may read.
    let audiences: [Int32]
    private let allowed: [Bool]

    init(_ filter: KnowledgeFilter, audienceIDs: [String: Int32]) {
        self.filter = filter
        var allowed = [Bool](repeating: false, count: audienceIDs.count)
        var audiences: [Int32] = []
        for (name, id) in audienceIDs where filter.audiences.contains(name) {
            allowed[Int(id)] = true
            audiences.append(id)
        }
        self.allowed = allowed
        self.audiences = audiences.sorted()
    }

    /// Whether the viewer may read documents of audience `id` (-1, a removed document's, never).
    func allows(audience id: Int32) -> Bool { id >= 0 && allowed[Int(id)] }

    /// Whether the filter asks for more than audiences.
    var narrows: Bool { filter.kinds != nil || filter.category != nil || filter.tag != nil }
}

extension KnowledgeIndex {
    func visibility(_ filter: KnowledgeFilter) -> KnowledgeVisibility {
        KnowledgeVisibility(filter, audienceIDs: audienceIDs)
    }

    /// Whether the document in `slot` exists and passes the whole filter.
    func admits(_ slot: Int32, _ visibility: KnowledgeVisibility) -> Bool {
        let s = Int(slot)
        guard visibility.allows(audience: slotAudiences[s]) else { return false }
        guard visibility.narrows else { return true }
        let filter = visibility.filter
        if let kinds = filter.kinds, !kinds.contains(facets[s].kind) { return false }
        if let category = filter.category, !facets[s].categoryPath.contains(category) { return false }
        if let tag = filter.tag, !facets[s].tags.contains(tag) { return false }
        return true
    }

    /// Whether the viewer may read the document in `slot` at all (whatever else the filter asks).
    func isReadable(_ slot: Int32, _ visibility: KnowledgeVisibility) -> Bool {
        visibility.allows(audience: slotAudiences[Int(slot)])
    }

    /// How many documents the viewer may read hold word `id`.
    func visibleDocuments(word id: Int32, _ visibility: KnowledgeVisibility) -> Int {
        visibility.audiences.reduce(0) { $0 + Int(wordAudienceCounts[Int($1)][Int(id)]) }
    }

    /// Whether any document the viewer may read holds term `id`.
    func isVisible(term id: Int32, _ visibility: KnowledgeVisibility) -> Bool {
        visibility.audiences.contains { termAudienceCounts[Int($0)][Int(id)] > 0 }
    }
}
