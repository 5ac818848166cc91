/// The best window of one text for a snippet, and its parts.
struct KnowledgeSnippet {
    /// Distinct query terms matched, then matches (for choosing between body and summary).
    let quality: (distinct: Int, matches: Int)
    let parts: [KnowledgeSnippetPart]

    /// - Parameter term: the query term a word of the text matches, or nil.
    init(text: String, term: (String) -> Int32?, maxLength: Int) {
        let words = KnowledgeWords.scan(text)
        // Character offsets of each word's start and end, in one pass.
        var offsets: [(start: Int, end: Int)] = []
        var position = text.startIndex, offset = 0
        for word in words {
            offset += text.distance(from: position, to: word.range.lowerBound)
            let start = offset
            offset += text.distance(from: word.range.lowerBound, to: word.range.upperBound)
            offsets.append((start, offset))
            position = word.range.upperBound
        }
        let length = offset + text.distance(from: position, to: text.endIndex)
        let terms = words.map { term($0.text) }
        let matched = terms.map { $0 != nil }

        // The window starting at each matching word: as many following words as fit.
        var best: (first: Int, last: Int, distinct: Int, matches: Int)?
        for first in words.indices where matched[first] {
            var last = first, seen: Set<Int32> = [], matches = 0
            var i = first
            while i < words.count, offsets[i].end - offsets[first].start <= maxLength {
                if matched[i] {
                    seen.insert(terms[i]!)
                    matches += 1
                    last = i
                }
                i += 1
            }
            if best == nil || (seen.count, matches) > (best!.distinct, best!.matches) { best = (first, last, seen.count, matches) }
        }
        quality = (best?.distinct ?? 0, best?.matches ?? 0)

        // Centre the matches: start up to half the room left before the first one, at a word.
        var start = 0
        if let best {
            let room = maxLength - (offsets[best.last].end - offsets[best.first].start)
            let earliest = offsets[best.first].start - max(0, room / 2)
            var first = best.first
            while first > 0, offsets[first - 1].start >= earliest { first -= 1 }
            start = first == 0 && earliest <= 0 ? 0 : offsets[first].start
        }
        var end = length
        if maxLength < Int.max, end - start > maxLength {
            // The last word that ends within the window.
            end = start
            for o in offsets where o.start >= start && o.end - start <= maxLength { end = o.end }
            if end == start { end = min(length, start + maxLength) }
        }

        var parts: [KnowledgeSnippetPart] = []
        func append(_ piece: Substring, highlighted: Bool) {
            let text = highlighted ? String(piece) : Self.collapsingSpaces(piece)
            guard !text.isEmpty else { return }
            if !highlighted, let last = parts.last, !last.highlighted {
                parts[parts.count - 1].text += text
            } else {
                parts.append(KnowledgeSnippetPart(text, highlighted: highlighted))
            }
        }
        let from = text.index(text.startIndex, offsetBy: start), to = text.index(text.startIndex, offsetBy: end)
        if start > 0 { append("…", highlighted: false) }
        var cursor = from
        for (i, word) in words.enumerated() where matched[i] && word.range.lowerBound >= from && word.range.upperBound <= to {
            append(text[cursor..<word.range.lowerBound], highlighted: false)
            append(text[word.range], highlighted: true)
            cursor = word.range.upperBound
        }
        append(text[cursor..<to], highlighted: false)
        if end < length { append("…", highlighted: false) }
        self.parts = parts
    }

    /// Runs of white space (line breaks, tabs) as one space: a snippet is one line.
    static func collapsingSpaces(_ text: Substring) -> String {
        var result = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace {
                if !inSpace { result.append(" ") }
                inSpace = true
            } else {
                result.append(character)
                inSpace = false
            }
        }
        return result
    }
}
