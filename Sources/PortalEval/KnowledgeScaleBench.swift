import Foundation
import Semantics

/// `--engine knowledge --scale N`: how ``KnowledgeIndex`` copes with a knowledge base of N articles.
///
/// The articles are synthetic but made of real support text: each takes a StackFAQ question as its title
/// and four to eight answers as its body (about 400 words), plus a few invented product words drawn with a
/// Zipf-like skew, so the vocabulary grows as a real knowledge base's does (the collection alone has only
/// about 9,000 distinct words). Every third is an FAQ entry with two phrasings; audiences and categories
/// vary. Queries are the collection's clean and one-typo queries. Figures are wall-clock and CPU times on
/// this machine, one JSON line each. With `--out`, the articles are also written as JSON lines for
/// `scripts/fts5-compare.py --articles`.
struct KnowledgeScaleBench {
    let options: EvalOptions
    let articles: Int

    func run() throws {
        let collection = try EvalCollection(folder: options.collection)
        var random = SplitMix(seed: 2026)
        let invented = Self.inventedWords(40_000, &random)
        var documents: [KnowledgeDocument] = []
        let audiences = ["public", "public", "customers", "agents"]
        for n in 0..<articles {
            let base = collection.documents[random.below(collection.documents.count)]
            var body: [String] = []
            for _ in 0..<(4 + random.below(5)) { body.append(collection.documents[random.below(collection.documents.count)].body) }
            // Invented words: a Zipf-like pick (the square of a uniform number favours the first words).
            let products = (0..<8).map { _ in invented[Int(pow(random.unit(), 2.5) * Double(invented.count))] }
            body.append("See also " + products.joined(separator: " ") + ".")
            let isFAQ = n % 3 == 0
            documents.append(KnowledgeDocument(
                key: "\(isFAQ ? "faq" : "article"):\(n)", title: base.title + (n % 5 == 0 ? " in " + products[0] : ""),
                phrasings: isFAQ ? (0..<2).map { _ in collection.documents[random.below(collection.documents.count)].title } : [],
                summary: isFAQ ? String(base.body.prefix(200)) : "",
                body: body.joined(separator: "\n\n"),
                facets: KnowledgeFacets(
                    kind: isFAQ ? "faq" : "article", categoryPath: ["c\(n % 8)", "c\(n % 8)-\(n % 5)"], tags: ["t\(n % 20)"],
                    audience: audiences[n % audiences.count])))
        }
        let words = documents.reduce(0) { $0 + $1.body.split(separator: " ").count }
        if let out = options.out { try Self.write(documents, to: "\(out)/knowledge-scale-\(articles).jsonl") }

        var memory = Self.residentBytes()
        var index = KnowledgeIndex()
        var started = ContinuousClock.now
        for document in documents { index.upsert(document) }
        let indexSeconds = seconds(since: started)
        var line = EvalLine(metric: "knowledge.scale.index")
        line.add("articles", .integer(articles))
        line.add("words", .integer(words))
        line.add("terms", .integer(index.vocabularySize))
        line.add("seconds", .number(indexSeconds, decimals: 3))
        line.add("articles_per_s", .number(Double(articles) / indexSeconds, decimals: 0))
        line.add("resident_mb_added", .number(Double(Self.residentBytes() - memory) / 1_048_576, decimals: 1))
        line.emit()

        // The same articles in LexicalIndex, whose postings are dictionaries of dictionaries (term → slot →
        // counts), for the choice of posting lists sorted by slot: title + everything else as the body.
        memory = Self.residentBytes()
        var lexical = LexicalIndex(parameters: .init(titleWeight: 4))
        started = ContinuousClock.now
        for d in documents {
            lexical.upsert(d.key, title: d.title, body: ([d.summary] + d.phrasings + [d.body]).joined(separator: "\n"))
        }
        line = EvalLine(metric: "knowledge.scale.lexical_index_baseline")
        line.add("articles", .integer(articles))
        line.add("seconds", .number(seconds(since: started), decimals: 3))
        line.add("resident_mb_added", .number(Double(Self.residentBytes() - memory) / 1_048_576, decimals: 1))
        // Its spelling corrector reads the whole vocabulary per unknown word: the typo queries show that cost.
        for set in collection.querySets {
            var baseline = Latencies()
            for query in set.queries { baseline.record { _ = lexical.search(query.text, limit: 10) } }
            line.add(baseline, prefix: "\(set.name)_search_")
        }
        line.emit()
        lexical = LexicalIndex()

        let customer = KnowledgeFilter(audiences: ["public", "customers"])
        let agent = KnowledgeFilter(audiences: ["public", "customers", "agents"])
        for set in collection.querySets {
            for (name, filter) in [("customer", customer), ("agent", agent)] {
                var latencies = Latencies()
                var matched = 0
                for query in set.queries {
                    latencies.record { matched += index.search(query.text, limit: 10, filter: filter).total }
                }
                var line = EvalLine(metric: "knowledge.scale.search.\(set.name).\(name)")
                line.add("queries", .integer(set.queries.count))
                line.add("mean_matches", .number(Double(matched) / Double(set.queries.count), decimals: 0))
                line.add(latencies)
                line.emit()
            }
        }

        // Suggestions: each query typed up to 3, 6, 10 and 16 characters (so the last word is usually partial).
        var suggest = Latencies()
        var suggestions = 0
        for query in collection.querySets[0].queries.prefix(500) {
            for length in [3, 6, 10, 16] where query.text.count > length {
                let typed = String(query.text.prefix(length))
                suggest.record { suggestions += index.suggest(typed, limit: 8, filter: customer).count }
            }
        }
        line = EvalLine(metric: "knowledge.scale.suggest")
        line.add("inputs", .integer(suggest.samples.count))
        line.add("mean_suggestions", .number(Double(suggestions) / Double(suggest.samples.count), decimals: 1))
        line.add(suggest)
        line.emit()

        var related = Latencies(), snippets = Latencies()
        for query in collection.querySets[0].queries.prefix(500) {
            guard let top = index.search(query.text, limit: 1, filter: agent).hits.first else { continue }
            related.record { _ = index.related(to: top.key, limit: 5, filter: agent) }
            snippets.record { _ = index.snippet(for: top.key, query: query.text, filter: agent) }
        }
        line = EvalLine(metric: "knowledge.scale.related")
        line.add("documents", .integer(related.samples.count))
        line.add(related)
        line.emit()
        line = EvalLine(metric: "knowledge.scale.snippet")
        line.add("documents", .integer(snippets.samples.count))
        line.add(snippets)
        line.emit()

        // Editing a live index: replacing 1,000 articles one by one.
        started = ContinuousClock.now
        for n in 0..<min(1_000, documents.count) {
            var document = documents[(n * 7) % documents.count]
            document.body += " Updated."
            index.upsert(document)
        }
        line = EvalLine(metric: "knowledge.scale.update")
        line.add("upserts", .integer(min(1_000, documents.count)))
        line.add("ms_per_upsert", .number(seconds(since: started) * 1000 / Double(min(1_000, documents.count)), decimals: 3))
        line.emit()
    }

    /// The process's resident memory (Linux `/proc/self/statm`), 0 where unavailable.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    /// The articles as JSON lines (`id`, `title`, `phrasings`, `summary`, `body`), so `scripts/fts5-compare.py`
    /// times SQLite on exactly the same texts.
    static func write(_ documents: [KnowledgeDocument], to path: String) throws {
        struct Line: Encodable {
            let id: String, title: String, phrasings: [String], summary: String, body: String
        }
        let encoder = JSONEncoder()
        var data = Data()
        for d in documents {
            data.append(try encoder.encode(Line(id: d.key, title: d.title, phrasings: d.phrasings, summary: d.summary, body: d.body)))
            data.append(UInt8(ascii: "\n"))
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Pronounceable words of two to four syllables, distinct, in a fixed pseudo-random order.
    static func inventedWords(_ count: Int, _ random: inout SplitMix) -> [String] {
        let onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "kl"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
        var words: [String] = [], seen: Set<String> = []
        while words.count < count {
            let word = (0..<(2 + random.below(3))).map { _ in onsets[random.below(onsets.count)] + vowels[random.below(vowels.count)] }.joined()
            if seen.insert(word).inserted { words.append(word) }
        }
        return words
    }
}

/// A small deterministic generator (SplitMix64), so every run builds the same articles.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
