extension KnowledgeIndex {
    /// One page of the documents matching `query` that `filter` admits, best first (ties by key).
    ///
    /// The query is an OR of its words (after correcting unknown ones), `"quoted phrases"` and `prefix*`
    /// words; a document matching none of them is not returned.
    public func search(_ query: String, limit: Int, offset: Int = 0, filter: KnowledgeFilter) -> KnowledgeResults {
        let visibility = visibility(filter)
        let resolved = resolve(query, visibility)
        var results = KnowledgeResults(didYouMean: resolved.didYouMean, corrections: resolved.corrections)
        let (hits, total) = rank(resolved.clauses, visibility, limit: limit, offset: offset)
        results.hits = hits
        results.total = total
        return results
    }

    /// Scores `clauses`, keeps what `visibility` admits (and not `excluding`), and returns one page and the total.
    func rank(_ clauses: [KnowledgeClause], _ visibility: KnowledgeVisibility, limit: Int, offset: Int, excluding: Int32? = nil)
        -> (hits: [KnowledgeHit], total: Int)
    {
        guard !clauses.isEmpty, count > 0 else { return ([], 0) }
        let (scores, matched) = accumulate(clauses)
        let admitted = matched.filter { $0 != excluding && admits($0, visibility) }
        let page = KnowledgeIndex.best(admitted, count: max(0, offset) + max(0, limit)) { a, b in
            scores[Int(a)] != scores[Int(b)] ? scores[Int(a)] > scores[Int(b)] : keys[Int(a)] < keys[Int(b)]
        }
        let hits = page.dropFirst(max(0, offset)).map { KnowledgeHit(key: keys[Int($0)], score: scores[Int($0)]) }
        return (hits, admitted.count)
    }

    /// The first `count` of `items` in the order `better` defines, sorted; a bounded heap when the items are
    /// many and the page is short, so a common word matching most documents does not sort them all.
    static func best(_ items: [Int32], count: Int, by better: (Int32, Int32) -> Bool) -> [Int32] {
        guard count > 0 else { return [] }
        if items.count <= 4 * count { return Array(items.sorted(by: better).prefix(count)) }
        // A heap with the worst kept item at the root.
        var heap: [Int32] = []
        heap.reserveCapacity(count)
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && better(heap[worst], heap[l]) { worst = l }
                if r < heap.count && better(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for item in items {
            if heap.count < count {
                heap.append(item)
                var i = heap.count - 1
                while i > 0, better(heap[(i - 1) / 2], heap[i]) {
                    heap.swapAt(i, (i - 1) / 2)
                    i = (i - 1) / 2
                }
            } else if better(item, heap[0]) {
                heap[0] = item
                siftDown(0)
            }
        }
        return heap.sorted(by: better)
    }
}
