import Semantics
import Testing

@Suite("Porter stemmer")
struct PorterStemmerTests {
    /// The examples of Porter's 1980 paper, step by step.
    static let paperExamples: KeyValuePairs<String, String> = [
        // Step 1a
        "caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
        // Step 1b
        "feed": "feed", "agreed": "agre", "plastered": "plaster", "bled": "bled", "motoring": "motor", "sing": "sing",
        "conflated": "conflat", "troubled": "troubl", "sized": "size", "hopping": "hop", "tanned": "tan",
        "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file",
        // Step 1c
        "happy": "happi", "sky": "sky",
        // Step 2
        "relational": "relat", "conditional": "condit", "rational": "ration", "valenci": "valenc",
        "hesitanci": "hesit", "digitizer": "digit", "conformabli": "conform", "radicalli": "radic",
        "differentli": "differ", "vileli": "vile", "analogousli": "analog", "vietnamization": "vietnam",
        "predication": "predic", "operator": "oper", "feudalism": "feudal", "decisiveness": "decis",
        "hopefulness": "hope", "callousness": "callous", "formaliti": "formal", "sensitiviti": "sensit",
        "sensibiliti": "sensibl",
        // Step 3
        "triplicate": "triplic", "formative": "form", "formalize": "formal", "electriciti": "electr",
        "electrical": "electr", "hopeful": "hope", "goodness": "good",
        // Step 4
        "revival": "reviv", "allowance": "allow", "inference": "infer", "airliner": "airlin",
        "gyroscopic": "gyroscop", "adjustable": "adjust", "defensible": "defens", "irritant": "irrit",
        "replacement": "replac", "adjustment": "adjust", "dependent": "depend", "adoption": "adopt",
        "homologou": "homolog", "communism": "commun", "activate": "activ", "angulariti": "angular",
        "homologous": "homolog", "effective": "effect", "bowdlerize": "bowdler",
        // Step 5
        "probate": "probat", "rate": "rate", "cease": "ceas", "controll": "control", "roll": "roll",
        // Several steps
        "generalizations": "gener", "oscillators": "oscil",
    ]

    @Test func stemsEveryExampleOfThePaper() {
        for (word, stem) in Self.paperExamples {
            #expect(PorterStemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func followsTheReferenceImplementationsDepartures() {
        // -bli and -logi, as in Porter's C version (and its published vocabulary).
        #expect(PorterStemmer.stem("possibly") == "possibl")
        #expect(PorterStemmer.stem("archaeology") == "archaeolog")
        #expect(PorterStemmer.stem("apologies") == "apolog")
    }

    @Test func leavesShortWordsCodesAndNonASCIIAlone() {
        #expect(PorterStemmer.stem("is") == "is")
        #expect(PorterStemmer.stem("as") == "as")
        #expect(PorterStemmer.stem("e404") == "e404")
        #expect(PorterStemmer.stem("2fa") == "2fa")
        #expect(PorterStemmer.stem("cafés") == "cafés")
        #expect(PorterStemmer.stem("ing") == "ing")
        #expect(PorterStemmer.stem("") == "")
    }

    @Test func bringsInflectionsOfOneWordTogether() {
        let forms = ["connect", "connected", "connecting", "connection", "connections"]
        #expect(Set(forms.map(PorterStemmer.stem)) == ["connect"])
        #expect(PorterStemmer.stem("refunds") == PorterStemmer.stem("refunded"))
    }
}
