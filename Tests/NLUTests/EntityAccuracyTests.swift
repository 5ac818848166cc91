import Foundation
import NLU
import Testing

/// The acceptance figures on a small fixed sample of the public data (Fixtures/entities/README.md);
/// `portalctl nlu entities` measures the full sets.
@Suite("Entities: accuracy on the fixture sample")
struct EntityAccuracyTests {
    func data(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/entities"))
        return try Data(contentsOf: url)
    }

    @Test("Recognizers-Text sample: F1 ≥ 0.90 for e-mail, phone and URL on exact spans", arguments: [
        ("EmailModel-sample", EntityKind.email), ("PhoneNumberModel-sample", .phone), ("URLModel-sample", .url),
    ])
    func recognizersText(file: String, kind: EntityKind) throws {
        let cases = try RecognizersTextEvaluation.load(try data(file))
        #expect(!cases.isEmpty)
        let result = RecognizersTextEvaluation.score(cases, kind: kind, type: kind.rawValue, extractor: EntityExtractor())
        #expect(result.all.f1 >= 0.90, "\(result.errors)")
    }

    @Test("NLU++ sample: F1 ≥ 0.80 for dates and money with the exact resolved value")
    func nluPlusPlus() throws {
        let examples = try NLUPlusPlusEvaluation.load(try data("nlupp-banking-sample"))
        let result = NLUPlusPlusEvaluation.score(examples, extractor: EntityExtractor())
        let dates = ["date", "date_from", "date_to"].reduce(EntityScore()) { $0 + (result.scores[$1] ?? EntityScore()) }
        let money = result.scores["money"] ?? EntityScore()
        #expect(dates.gold >= 10 && money.gold >= 5)
        #expect(dates.f1 >= 0.80, "\(result.errors)")
        #expect(money.f1 >= 0.80, "\(result.errors)")
    }

    @Test("scores are micro precision, recall and F1")
    func scoreArithmetic() {
        let score = EntityScore(truePositives: 3, predicted: 4, gold: 6)
        #expect(score.precision == 0.75)
        #expect(score.recall == 0.5)
        #expect(abs(score.f1 - 0.6) < 1e-12)
        #expect(EntityScore().f1 == 0)
    }
}
