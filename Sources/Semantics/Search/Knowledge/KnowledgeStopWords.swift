/// Stop lists tried for the knowledge base (see `docs/search.md` for what each scored).
///
/// Support questions are phrased as questions ("how do I…", "why can't my…"): the question words,
/// pronouns and auxiliaries match every other title and say nothing about the topic. BM25's idf already
/// discounts them, but not to nothing.
public enum KnowledgeStopWords {
    /// Lucene's English stop set (33 words), as ``LexicalAnalyzer/englishStopWords``.
    public static let lucene = LexicalAnalyzer.englishStopWords

    /// Lucene's set plus the question words, personal pronouns and auxiliary verbs of a question (88 words).
    public static let questions: Set<String> = lucene.union([
        "how", "what", "why", "when", "where", "which", "who", "whom",
        "i", "me", "my", "we", "our", "us", "you", "your", "he", "him", "his", "she", "her", "its", "them",
        "do", "does", "did", "done", "can", "could", "would", "should", "shall", "may", "might", "must",
        "am", "been", "being", "were", "has", "have", "had", "having", "get", "got",
        "so", "than", "too", "very", "just", "from", "about", "any", "some", "all",
    ])

    /// A long general-purpose list (NLTK's English list, 179 words, as commonly distributed).
    public static let long: Set<String> = [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "you're", "you've", "you'll", "you'd",
        "your", "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "she's", "her", "hers",
        "herself", "it", "it's", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
        "who", "whom", "this", "that", "that'll", "these", "those", "am", "is", "are", "was", "were", "be", "been",
        "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but", "if",
        "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against", "between",
        "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out",
        "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
        "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
        "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "don't",
        "should", "should've", "now", "d", "ll", "m", "o", "re", "ve", "y", "ain", "aren", "aren't", "couldn",
        "couldn't", "didn", "didn't", "doesn", "doesn't", "hadn", "hadn't", "hasn", "hasn't", "haven", "haven't",
        "isn", "isn't", "ma", "mightn", "mightn't", "mustn", "mustn't", "needn", "needn't", "shan", "shan't",
        "shouldn", "shouldn't", "wasn", "wasn't", "weren", "weren't", "won", "won't", "wouldn", "wouldn't",
    ]
}
