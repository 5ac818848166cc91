extension KnowledgeIndex {
    /// Replaces the synonym groups. Each group lists words or phrases that mean the same in this knowledge
    /// base (`["refund", "reimbursement", "money back"]`); a query holding one also finds the others, at
    /// ``KnowledgeRanking/synonymWeight`` of the weight of what was typed. Takes effect on the next query;
    /// nothing is re-indexed.
    public mutating func setSynonyms(_ groups: [[String]]) {
        synonyms = KnowledgeSynonyms(groups, analyzer: analyzer)
    }

    /// How popular a document is (views, helpful votes: any non-negative figure, higher is more popular),
    /// which orders suggestions that match equally well. 0 forgets it. Kept across upserts of the key.
    public mutating func setPopularity(_ key: String, _ value: Double) {
        popularity[key] = value > 0 ? value : nil
    }
}
