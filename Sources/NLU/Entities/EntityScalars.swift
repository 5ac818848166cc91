/// Character classes over Unicode scalars, shared by the recognisers. They scan scalar arrays
/// rather than `String` indices so offsets are the scalar offsets the API reports, and so scanning
/// stays linear on long or hostile input.
enum EntityScalars {
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122)
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        isASCIILetter(s) || (s.value > 127 && s.properties.isAlphabetic)
    }

    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { isDigit(s) || isLetter(s) }

    static func isHex(_ s: Unicode.Scalar) -> Bool {
        isDigit(s) || (s.value >= 65 && s.value <= 70) || (s.value >= 97 && s.value <= 102)
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{00A0}" }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        (s.value >= 65 && s.value <= 90) ? Unicode.Scalar(s.value + 32)! : s
    }

    /// The scalars in `range` as a string.
    static func string(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    /// The scalars in `range`, ASCII letters lower-cased.
    static func lowered(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        for s in scalars[range] { view.append(lower(s)) }
        return String(view)
    }

    /// The lower-cased words (ASCII letter runs) within `window` scalars before `position`, nearest
    /// last; used for context such as "card number".
    static func wordsBefore(_ scalars: [Unicode.Scalar], _ position: Int, window: Int = 40) -> [String] {
        var words: [String] = []
        var i = position - 1
        let stop = max(0, position - window)
        while i >= stop {
            if isASCIILetter(scalars[i]) {
                var j = i
                while j > stop && isASCIILetter(scalars[j - 1]) { j -= 1 }
                words.append(lowered(scalars, j..<(i + 1)))
                i = j - 1
            } else {
                i -= 1
            }
        }
        return words.reversed()
    }
}
