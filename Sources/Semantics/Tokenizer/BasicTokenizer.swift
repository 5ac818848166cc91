import Foundation

/// BERT's "basic" tokenization for uncased models, as the original BERT code does it: clean the
/// text, put spaces around CJK ideographs, split on whitespace, then for each piece lower-case,
/// strip accents (NFD without combining marks, Mn) and split off every punctuation character.
///
/// Words are returned as UTF-8 bytes: the vocabulary is matched byte for byte, without Swift's
/// canonical equivalence (a decomposed word must not match a precomposed vocabulary entry).
struct BasicTokenizer: Sendable {
    /// The words of `text`, stopping once there are at least `limit` (every word gives at least
    /// one token, so a long document is not split further than truncation needs).
    func words(in text: String, limit: Int = .max) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var piece = String.UnicodeScalarView()
        func flush() {
            if !piece.isEmpty {
                appendWords(of: piece, to: &words)
                piece = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            if words.count >= limit { return words }
            if Self.isDropped(scalar) { continue }
            if Self.isWhitespace(scalar) {
                flush()
            } else if Self.isCJKIdeograph(scalar) {
                flush()
                piece.append(scalar)
                flush()
            } else {
                piece.append(scalar)
            }
        }
        flush()
        return words
    }

    /// Lower-cases, strips accents and splits punctuation off one whitespace-separated piece.
    private func appendWords(of piece: String.UnicodeScalarView, to words: inout [[UInt8]]) {
        var current: [UInt8] = []
        func emit(_ scalar: Unicode.Scalar) {
            if Self.isPunctuation(scalar) {
                if !current.isEmpty { words.append(current); current = [] }
                words.append(Array(String(scalar).utf8))
            } else {
                current.append(contentsOf: String(scalar).utf8)
            }
        }
        if piece.allSatisfy(\.isASCII) {
            for scalar in piece {
                let value = scalar.value
                emit((65...90).contains(value) ? Unicode.Scalar(value + 32)! : scalar)
            }
        } else {
            let lowered = Self.lowercased(piece)
            // NFD, then drop the combining marks; the rest stays decomposed, as in BERT.
            for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars
            where scalar.properties.generalCategory != .nonspacingMark {
                emit(scalar)
            }
        }
        if !current.isEmpty { words.append(current) }
    }

    /// Full Unicode lower-casing, with the final-sigma rule that Python's `str.lower` applies.
    static func lowercased(_ scalars: String.UnicodeScalarView) -> String {
        let array = Array(scalars)
        var result = ""
        for (index, scalar) in array.enumerated() {
            if scalar.value == 0x03A3, isFinalSigma(at: index, in: array) {
                result.unicodeScalars.append("\u{03C2}")
            } else {
                result += scalar.properties.lowercaseMapping
            }
        }
        return result
    }

    private static func isFinalSigma(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        func casedNeighbour(_ indices: some Sequence<Int>) -> Bool {
            for i in indices {
                let properties = scalars[i].properties
                if properties.isCaseIgnorable { continue }
                return properties.isCased
            }
            return false
        }
        return casedNeighbour((0..<index).reversed()) && !casedNeighbour((index + 1)..<scalars.count)
    }

    /// NUL, U+FFFD and control characters (category C*, except tab, newline and carriage return).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0, 0xFFFD: return true
        case 0x09, 0x0A, 0x0D: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// Space, tab, newline, carriage return and the Unicode separators (Zs, Zl, Zp).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0..<0x80: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// ASCII symbols and punctuation (BERT counts `$`, `+`, `^`, `` ` `` … as punctuation) and Unicode P*.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value) {
            return true
        }
        if value < 0x80 { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT separates (not Hangul, Hiragana or Katakana).
    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
