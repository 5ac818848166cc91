/// The words of a text with where each one sits, as ``KnowledgeIndex`` indexes, queries and highlights them.
///
/// A word is a maximal run of letters and digits, lower-cased: the same rule as ``LexicalAnalyzer/words(_:)``,
/// but each word keeps its range in the original text, so a snippet can mark the very characters that matched
/// and a "did you mean" can replace just the misspelt word. ASCII takes a fast path (most support text is
/// ASCII); other scalars are judged by their Unicode properties.
enum KnowledgeWords {
    struct Word: Equatable {
        var text: String
        var range: Range<String.Index>
    }

    /// The lower-cased words of `text` with their ranges, in order.
    static func scan(_ text: String) -> [Word] {
        var words: [Word] = []
        scan(text) { words.append(Word(text: $0, range: $1)) }
        return words
    }

    /// The lower-cased words of `text`, in order.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        scan(text) { word, _ in words.append(word) }
        return words
    }

    /// Calls `visit` with each lower-cased word and its range.
    static func scan(_ text: String, _ visit: (String, Range<String.Index>) -> Void) {
        let scalars = text.unicodeScalars
        var start: String.Index?
        var bytes: [UInt8] = []
        var isASCII = true
        func finish(_ end: String.Index) {
            guard let from = start else { return }
            let word = isASCII ? String(decoding: bytes, as: UTF8.self) : String(scalars[from..<end]).lowercased()
            visit(word, from..<end)
            start = nil
            bytes.removeAll(keepingCapacity: true)
            isASCII = true
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    if start == nil { start = index }
                    bytes.append(byte)
                } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                    if start == nil { start = index }
                    bytes.append(byte + 32)
                } else {
                    finish(index)
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if start == nil { start = index }
                isASCII = false
            } else {
                finish(index)
            }
            index = scalars.index(after: index)
        }
        finish(scalars.endIndex)
    }
}
