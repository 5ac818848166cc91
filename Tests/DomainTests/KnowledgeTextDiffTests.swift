import Domain
import Foundation
import Testing

@Suite("Comparing revisions line by line")
struct KnowledgeTextDiffTests {
    func diff(_ old: String, _ new: String) -> [TextDiff.Line] { TextDiff.lines(from: old, to: new) }

    @Test func aChangedLineIsRemovedAndAdded() {
        #expect(diff("a\nb\nc", "a\nx\nc") == [.same("a"), .removed("b"), .added("x"), .same("c")])
    }

    @Test func insertedAndDeletedLinesKeepTheirNeighbours() {
        #expect(diff("a\nc", "a\nb\nc") == [.same("a"), .added("b"), .same("c")])
        #expect(diff("a\nb\nc", "a\nc") == [.same("a"), .removed("b"), .same("c")])
        #expect(diff("b\nc", "a\nb\nc") == [.added("a"), .same("b"), .same("c")])
        #expect(diff("a\nb", "a\nb\nc") == [.same("a"), .same("b"), .added("c")])
    }

    @Test func editsInTheMiddleFindTheLongestCommonLines() {
        let old = "title\none\ntwo\nthree\nfour\nend"
        let new = "title\ntwo\nthree\nthree and a half\nfour\nend"
        #expect(diff(old, new) == [.same("title"), .removed("one"), .same("two"), .same("three"), .added("three and a half"), .same("four"), .same("end")])
    }

    @Test func identicalTextsAreAllTheSame() {
        #expect(diff("a\nb\n\nc", "a\nb\n\nc") == [.same("a"), .same("b"), .same(""), .same("c")])
        #expect(diff("one line", "one line") == [.same("one line")])
    }

    @Test func anEmptySideHasNoLines() {
        #expect(diff("", "a\nb") == [.added("a"), .added("b")])
        #expect(diff("a\nb", "") == [.removed("a"), .removed("b")])
        #expect(diff("", "") == [])
    }

    @Test func aTrailingNewLineIsALineOfItsOwn() {
        #expect(diff("a", "a\n") == [.same("a"), .added("")])
    }

    @Test func textsTooLongToCompareAreOneReplacedBlock() {
        let old = (1...2100).map { "old \($0)" }.joined(separator: "\n")
        let new = (1...2100).map { "new \($0)" }.joined(separator: "\n")
        let lines = diff("head\n" + old + "\ntail", "head\n" + new + "\ntail")
        #expect(lines.count == 2 + 2 * 2100)
        #expect(lines.first == .same("head"))
        #expect(lines.last == .same("tail"))
        #expect(lines[1] == .removed("old 1"))
        #expect(lines[2101] == .added("new 1"))
    }
}
