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

    func allows(audience id: Int32) -> Bool { allowed[Int(id)] }
}

extension KnowledgeIndex {
    func visibility(_ filter: KnowledgeFilter) -> KnowledgeVisibility {
        KnowledgeVisibility(filter, audienceIDs: audienceIDs)
    }

    /// Whether the document in `slot` exists and passes the whole filter.
    func admits(_ slot: Int32, _ visibility: KnowledgeVisibility) -> Bool {
        guard visibility.allows(audience: slotAudiences[Int(slot)]), let document = documents[Int(slot)] else { return false }
        return visibility.filter.accepts(document.facets)
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
