import NLU
import Testing

@Suite("Reading labelled messages: CSV and CLINC150 JSON")
struct IntentDataTests {
    static func csv(_ text: String) throws -> [IntentExample] {
        try IntentCSV.examples(Array(text.utf8), source: "t.csv")
    }

    static func failure(_ text: String) -> IntentDataError? {
        do { _ = try csv(text) } catch let error as IntentDataError { return error } catch { return nil }
        return nil
    }

    @Test("quoted fields may hold commas, doubled quotes and line breaks")
    func quoting() throws {
        let rows = try Self.csv("text,label\n\"Hi, \"\"card\"\" here\",a\n\"two\nlines\",b\nplain,c")
        #expect(rows == [
            IntentExample(text: "Hi, \"card\" here", label: "a"),
            IntentExample(text: "two\nlines", label: "b"),
            IntentExample(text: "plain", label: "c"),
        ])
    }

    @Test("CRLF and CR line ends, a byte-order mark, blank lines and a missing last line break are fine")
    func lineEnds() throws {
        let rows = try IntentCSV.examples([0xEF, 0xBB, 0xBF] + Array("text,category\r\none,a\r\n\r\ntwo,b\rthree,c".utf8), source: "t.csv")
        #expect(rows.map(\.text) == ["one", "two", "three"])
        #expect(rows.map(\.label) == ["a", "b", "c"])
    }

    @Test("the header may name the columns in any order, with label, category or intent")
    func header() throws {
        #expect(try Self.csv("Intent,id,Text\nx,1,hello\n") == [IntentExample(text: "hello", label: "x")])
    }

    @Test("errors name the line and what is wrong")
    func errors() {
        #expect(Self.failure("") == .csv(source: "t.csv", line: 1, problem: "the file is empty; it needs a header such as text,label"))
        #expect(Self.failure("words,label\nhi,a\n").map { "\($0)" }?.contains("must name a text column") == true)
        #expect(Self.failure("text,label\nok,a\n\"never closed,b\n") == .csv(source: "t.csv", line: 3, problem: "a quoted field is never closed"))
        #expect(Self.failure("text,label\nok,a\nsay \"hi\",b\n")
            == .csv(source: "t.csv", line: 3, problem: "a quote inside an unquoted field; quote the whole field and double the quote"))
        #expect(Self.failure("text,label\n\"hi\"x,a\n")
            == .csv(source: "t.csv", line: 2, problem: "a closing quote must end its field (double a quote inside a quoted field)"))
        #expect(Self.failure("text,label\n\"a\nb\",x\nc,d,e\n") == .csv(source: "t.csv", line: 4, problem: "3 fields where the header has 2"))
        #expect(Self.failure("text,label\nhello,\n") == .csv(source: "t.csv", line: 2, problem: "the label is empty"))
        #expect(Self.failure("text,label\n  ,a\n") == .csv(source: "t.csv", line: 2, problem: "the text is empty"))
        do {
            _ = try IntentCSV.examples(Array("text,label\n".utf8) + [0xC3, 0x28] + Array(",a\n".utf8), source: "t.csv")
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error == .csv(source: "t.csv", line: 2, problem: "the text is not valid UTF-8"))
        }
    }

    @Test("the BANKING77 sample reads as 400 rows of 20 intents")
    func sample() throws {
        let train = try SampleData.train
        #expect(train.count == 400)
        #expect(Set(train.map(\.label)).count == 20)
    }

    @Test("CLINC150 JSON: splits by name, errors naming the split and entry")
    func clinc() throws {
        let json = #"{"train": [["hi there", "greeting"], ["bye", "farewell"]], "oos_val": [["weather?", "oos"]], "note": 3}"#
        let dataset = try ClincDataset(Array(json.utf8), source: "d.json")
        #expect(try dataset.examples(["train", "oos_val"]).map(\.label) == ["greeting", "farewell", "oos"])
        #expect(throws: IntentDataError.missingSplit(source: "d.json", split: "test")) { try dataset.examples(["test"]) }
        #expect(throws: IntentDataError.json(source: "d.json", problem: "\"train\" entry 2 is not a [text, intent] pair of strings")) {
            try ClincDataset(Array(#"{"train": [["a", "b"], ["c", 1]]}"#.utf8), source: "d.json")
        }
        #expect(throws: IntentDataError.self) { try ClincDataset(Array("[1, 2]".utf8), source: "d.json") }
        #expect(throws: IntentDataError.self) { try ClincDataset(Array("{\"train\": [".utf8), source: "d.json") }
    }
}
