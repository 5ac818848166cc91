/// Turns a message into the terms of the two TF-IDF blocks: word n-grams and character n-grams.
///
/// - Text is cut to ``IntentFeatureSettings/maximumTextLength`` Unicode scalars, then lower-cased.
/// - **Words** are maximal runs of letters, digits and `_` (like the regular expression `\w+`);
///   word n-grams join consecutive words with one space.
/// - **Character n-grams** are taken inside whitespace-separated chunks padded with one space on
///   each side, as scikit-learn's `char_wb` analyser does: `" card! "` gives `" ca"`, `"car"`, … ,
///   `"d! "`. A chunk shorter than an n-gram length counts once, whole, for that length, and longer
///   lengths are skipped. Punctuation stays in character n-grams (it tells `?` from `!`) but not in words.
public enum IntentTextAnalyzer {
    /// The lower-cased scalars of the first `maximumLength` scalars of `text`.
    public static func normalized(_ text: String, maximumLength: Int) -> [Unicode.Scalar] {
        var head = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(max(0, maximumLength)) { head.append(scalar) }
        return Array(String(head).lowercased().unicodeScalars)
    }

    /// The words of normalised text, in order.
    public static func words(_ scalars: [Unicode.Scalar]) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in scalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Every n-gram of `words` for each length in `lengths`, words joined by a space.
    public static func wordNGrams(_ words: [String], lengths: ClosedRange<Int>) -> [String] {
        var grams: [String] = []
        for n in lengths where n <= words.count {
            for start in 0...(words.count - n) {
                grams.append(n == 1 ? words[start] : words[start..<(start + n)].joined(separator: " "))
            }
        }
        return grams
    }

    /// Every character n-gram of normalised text inside space-padded chunks (scikit-learn's `char_wb`).
    public static func characterNGrams(_ scalars: [Unicode.Scalar], lengths: ClosedRange<Int>) -> [String] {
        var grams: [String] = []
        var chunk: [Unicode.Scalar] = [" "]
        func flush() {
            guard chunk.count > 1 else { return }
            chunk.append(" ")
            for n in lengths {
                if chunk.count <= n {
                    grams.append(string(chunk[...]))
                    break
                }
                for start in 0...(chunk.count - n) { grams.append(string(chunk[start..<(start + n)])) }
            }
            chunk = [" "]
        }
        for scalar in scalars {
            if scalar.properties.isWhitespace { flush() } else { chunk.append(scalar) }
        }
        flush()
        return grams
    }

    /// How often each term occurs in `terms`.
    public static func counts(_ terms: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(terms.count)
        for term in terms { counts[term, default: 0] += 1 }
        return counts
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
