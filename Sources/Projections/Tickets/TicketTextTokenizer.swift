import Foundation

/// Turns ticket text into search tokens, the same way for what is indexed and for what is asked.
///
/// Lower-cases, folds diacritics ("Café" finds "cafe"), splits on anything that is not a letter or a
/// digit, drops one-character tokens and a short list of English stop words, then stems lightly
/// (plural -s/-es/-ies, -ing, -ed, a final silent e) so "charged", "charges" and "charging" meet. The
/// stemmer is deliberately simple: it only has to map a word and its query to the same token, not to
/// produce a dictionary form.
public enum TicketTextTokenizer {
    /// Words too common to narrow a search.
    public static let stopWords: Set<String> = [
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could",
        "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "him", "his", "how", "if", "in", "into", "is", "it",
        "its", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "this", "those", "to", "too", "us", "was", "we", "were", "what", "when", "where", "which", "who",
        "why", "will", "with", "would", "you", "your",
    ]

    /// Longer tokens are cut to this many bytes (no word is that long; it bounds the cost of junk input).
    public static let maximumTokenBytes = 64

    /// The tokens of `text`, in order of appearance, repeats included.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        forEachToken(in: text) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// Calls `body` with the UTF-8 bytes of each token of `text`, without building Strings for them.
    public static func forEachToken(in text: String, _ body: ([UInt8]) -> Void) {
        guard !text.isEmpty else { return }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var word = String.UnicodeScalarView()
        func flush() {
            defer { word.removeAll(keepingCapacity: true) }
            guard word.count > 1 else { return }
            let lowered = String(word)
            guard !stopWords.contains(lowered) else { return }
            var bytes = Array(lowered.utf8)
            if bytes.count > maximumTokenBytes {
                // Cut at a scalar boundary, so the token stays valid UTF-8.
                var cut = String.UnicodeScalarView()
                var size = 0
                for s in lowered.unicodeScalars {
                    size += s.utf8.count
                    guard size <= maximumTokenBytes else { break }
                    cut.append(s)
                }
                bytes = Array(String(cut).utf8)
            }
            stem(&bytes)
            if bytes.count > 1 { body(bytes) }
        }
        for scalar in folded.unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil {
                word.append(scalar)
            } else if p.generalCategory == .nonspacingMark || p.generalCategory == .enclosingMark {
                continue  // a combining accent left over by folding belongs to its letter
            } else {
                flush()
            }
        }
        flush()
    }

    /// The stem of one lower-case word.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func stem(_ w: inout [UInt8]) {
        // Plurals.
        if w.count > 4, w.hasSuffix("ies") {
            w.removeLast(3)
            w.append(UInt8(ascii: "y"))
        } else if w.count > 4, w.hasSuffix("sses") {
            w.removeLast(2)
        } else if w.count > 4, w.hasSuffix("es"), w.dropLast(2).hasAnySuffix(["s", "x", "z", "ch", "sh"]) {
            w.removeLast(2)
        } else if w.count > 3, w.hasSuffix("s"), !w.hasAnySuffix(["ss", "us", "is"]) {
            w.removeLast()
        }
        // Verb endings, only when a vowel is left ("string" and "red" stay).
        if w.count >= 6, w.hasSuffix("ing"), hasVowel(w.dropLast(3)) {
            w.removeLast(3)
            undouble(&w)
        } else if w.count >= 5, w.hasSuffix("ed"), !w.hasSuffix("eed"), hasVowel(w.dropLast(2)) {
            w.removeLast(2)
            undouble(&w)
        }
        // A silent final e, so "charge" meets "charg(ed)".
        if w.count >= 4, w.last == UInt8(ascii: "e") { w.removeLast() }
    }

    private static func hasVowel(_ w: ArraySlice<UInt8>) -> Bool {
        w.contains { b in b >= 0x80 || "aeiouy".utf8.contains(b) }
    }

    /// "runn" → "run", "stopp" → "stop"; "bill", "pass" and "buzz" keep their pair.
    private static func undouble(_ w: inout [UInt8]) {
        guard w.count >= 4, let last = w.last, w[w.count - 2] == last, last < 0x80 else { return }
        guard !"aeiouylsz".utf8.contains(last), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(last) else { return }
        w.removeLast()
    }
}

extension Collection where Element == UInt8 {
    fileprivate func hasSuffix(_ suffix: String) -> Bool {
        let s = suffix.utf8
        guard count >= s.count else { return false }
        return suffix.utf8.elementsEqual(self.suffix(s.count))
    }

    fileprivate func hasAnySuffix(_ suffixes: [String]) -> Bool { suffixes.contains { hasSuffix($0) } }
}
