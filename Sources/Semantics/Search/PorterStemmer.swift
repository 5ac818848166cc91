/// Porter's suffix-stripping stemmer (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980),
/// as in his reference C implementation: the 1980 rules plus its two published departures in step 2
/// (`-bli` → `-ble` instead of `-abli` → `-able`, and `-logi` → `-log`).
///
/// It works on lower-case ASCII words; anything else (digits, accents, words of one or two letters) is
/// returned unchanged, which is what a search index wants for codes and names.
public enum PorterStemmer {
    /// The stem of a lower-case word, e.g. `generalizations` → `gener`, `ponies` → `poni`.
    public static func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
        var state = Word(bytes)
        state.step1ab()
        if state.b.count > 1 {
            state.step1c()
            state.step2()
            state.step3()
            state.step4()
            state.step5()
        }
        return String(decoding: state.b, as: UTF8.self)
    }

    /// The word being stemmed: `b` is the current word (Porter's `b[0...k]`), `j` the end of the stem before
    /// the suffix last matched by ``ends(_:)``.
    struct Word {
        var b: [UInt8]
        var j = 0

        init(_ bytes: [UInt8]) { b = bytes }

        var k: Int { b.count - 1 }

        /// Whether `b[i]` is a consonant: not a, e, i, o, u, and `y` only after a vowel or at the start.
        func isConsonant(_ i: Int) -> Bool {
            switch b[i] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): false
            case UInt8(ascii: "y"): i == 0 ? true : !isConsonant(i - 1)
            default: true
            }
        }

        /// m, the number of vowel–consonant sequences in `b[0...j]`: [C](VC)^m[V].
        func measure() -> Int {
            var n = 0, i = 0
            while true {
                if i > j { return n }
                if !isConsonant(i) { break }
                i += 1
            }
            i += 1
            while true {
                while true {
                    if i > j { return n }
                    if isConsonant(i) { break }
                    i += 1
                }
                i += 1
                n += 1
                while true {
                    if i > j { return n }
                    if !isConsonant(i) { break }
                    i += 1
                }
                i += 1
            }
        }

        /// Whether `b[0...j]` contains a vowel.
        func vowelInStem() -> Bool {
            var i = 0
            while i <= j {
                if !isConsonant(i) { return true }
                i += 1
            }
            return false
        }

        /// Whether `b[i-1...i]` is a double consonant.
        func doubleConsonant(_ i: Int) -> Bool {
            i >= 1 && b[i] == b[i - 1] && isConsonant(i)
        }

        /// Whether `b[i-2...i]` is consonant–vowel–consonant and the last is not w, x or y (`hop`, not `snow`).
        func consonantVowelConsonant(_ i: Int) -> Bool {
            guard i >= 2, isConsonant(i), !isConsonant(i - 1), isConsonant(i - 2) else { return false }
            let last = b[i]
            return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
        }

        /// Whether the word ends with `suffix`; if so `j` marks the end of the stem before it.
        mutating func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            guard s.count <= b.count, b[(b.count - s.count)...].elementsEqual(s) else { return false }
            j = k - s.count
            return true
        }

        /// Replaces `b[j+1...k]` with `replacement`.
        mutating func setTo(_ replacement: String) {
            b.removeSubrange((j + 1)...)
            b.append(contentsOf: replacement.utf8)
        }

        /// Replaces the suffix when the stem has m > 0.
        mutating func replaceIfMeasured(_ replacement: String) {
            if measure() > 0 { setTo(replacement) }
        }

        /// The first rule of `rules` whose suffix the word ends with applies (when m > 0); later ones are not tried.
        mutating func applyFirst(_ rules: KeyValuePairs<String, String>) {
            for (suffix, replacement) in rules where ends(suffix) {
                replaceIfMeasured(replacement)
                return
            }
        }

        /// Plurals and -ed or -ing: caresses → caress, ponies → poni, agreed → agree, hopping → hop, filing → file.
        mutating func step1ab() {
            if b[k] == UInt8(ascii: "s") {
                if ends("sses") {
                    b.removeLast(2)
                } else if ends("ies") {
                    setTo("i")
                } else if b[k - 1] != UInt8(ascii: "s") {
                    b.removeLast()
                }
            }
            if ends("eed") {
                if measure() > 0 { b.removeLast() }
            } else if (ends("ed") || ends("ing")) && vowelInStem() {
                b.removeSubrange((j + 1)...)
                if ends("at") {
                    setTo("ate")
                } else if ends("bl") {
                    setTo("ble")
                } else if ends("iz") {
                    setTo("ize")
                } else if doubleConsonant(k) {
                    let last = b[k]
                    if last != UInt8(ascii: "l") && last != UInt8(ascii: "s") && last != UInt8(ascii: "z") { b.removeLast() }
                } else if measure() == 1 && consonantVowelConsonant(k) {
                    setTo("e")
                }
            }
        }

        /// Terminal y to i when there is another vowel in the stem: happy → happi, sky → sky.
        mutating func step1c() {
            if ends("y") && vowelInStem() { b[k] = UInt8(ascii: "i") }
        }

        /// Double suffixes to single ones: relational → relate, digitizer → digitize.
        mutating func step2() {
            guard k >= 1 else { return }
            switch b[k - 1] {
            case UInt8(ascii: "a"): applyFirst(["ational": "ate", "tional": "tion"])
            case UInt8(ascii: "c"): applyFirst(["enci": "ence", "anci": "ance"])
            case UInt8(ascii: "e"): applyFirst(["izer": "ize"])
            case UInt8(ascii: "l"): applyFirst(["bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous"])
            case UInt8(ascii: "o"): applyFirst(["ization": "ize", "ation": "ate", "ator": "ate"])
            case UInt8(ascii: "s"): applyFirst(["alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous"])
            case UInt8(ascii: "t"): applyFirst(["aliti": "al", "iviti": "ive", "biliti": "ble"])
            case UInt8(ascii: "g"): applyFirst(["logi": "log"])
            default: break
            }
        }

        /// -ic-, -full, -ness and the like: triplicate → triplic, hopeful → hope, goodness → good.
        mutating func step3() {
            switch b[k] {
            case UInt8(ascii: "e"): applyFirst(["icate": "ic", "ative": "", "alize": "al"])
            case UInt8(ascii: "i"): applyFirst(["iciti": "ic"])
            case UInt8(ascii: "l"): applyFirst(["ical": "ic", "ful": ""])
            case UInt8(ascii: "s"): applyFirst(["ness": ""])
            default: break
            }
        }

        /// -ant, -ence and the like when m > 1: revival → reviv, adjustment → adjust, adoption → adopt.
        mutating func step4() {
            guard k >= 1 else { return }
            let suffixes: [String]
            switch b[k - 1] {
            case UInt8(ascii: "a"): suffixes = ["al"]
            case UInt8(ascii: "c"): suffixes = ["ance", "ence"]
            case UInt8(ascii: "e"): suffixes = ["er"]
            case UInt8(ascii: "i"): suffixes = ["ic"]
            case UInt8(ascii: "l"): suffixes = ["able", "ible"]
            case UInt8(ascii: "n"): suffixes = ["ant", "ement", "ment", "ent"]
            case UInt8(ascii: "o"):
                if ends("ion") && j >= 0 && (b[j] == UInt8(ascii: "s") || b[j] == UInt8(ascii: "t")) {
                    suffixes = []
                } else if ends("ou") {
                    suffixes = []
                } else {
                    return
                }
            case UInt8(ascii: "s"): suffixes = ["ism"]
            case UInt8(ascii: "t"): suffixes = ["ate", "iti"]
            case UInt8(ascii: "u"): suffixes = ["ous"]
            case UInt8(ascii: "v"): suffixes = ["ive"]
            case UInt8(ascii: "z"): suffixes = ["ize"]
            default: return
            }
            if !suffixes.isEmpty {
                guard suffixes.contains(where: { ends($0) }) else { return }
            }
            if measure() > 1 { b.removeSubrange((j + 1)...) }
        }

        /// A final -e when m > 1 (or m = 1 and not *o), and -ll to -l when m > 1: probate → probat, controll → control.
        mutating func step5() {
            j = k
            if b[k] == UInt8(ascii: "e") {
                let m = measure()
                if m > 1 || (m == 1 && !consonantVowelConsonant(k - 1)) { b.removeLast() }
            }
            // A trailing vowel adds no VC sequence, so m is the same with or without the dropped e.
            j = k
            if b[k] == UInt8(ascii: "l") && doubleConsonant(k) && measure() > 1 { b.removeLast() }
        }
    }
}
