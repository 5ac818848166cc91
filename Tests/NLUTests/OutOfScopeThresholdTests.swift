import NLU
import Testing

@Suite("Choosing the out-of-scope threshold")
struct OutOfScopeThresholdTests {
    /// Ten in-scope messages (confidences 0.5 … 0.95, the two least sure wrong) and five out-of-scope ones.
    static let inScope: [(confidence: Float, correct: Bool)] = [
        (0.5, false), (0.55, false), (0.6, true), (0.65, true), (0.7, true), (0.75, true), (0.8, true), (0.85, true), (0.9, true), (0.95, true),
    ]
    static let outOfScope: [Float] = [0.2, 0.3, 0.4, 0.62, 0.9]

    @Test("the lowest threshold reaching the recall target, halfway to the next confidence")
    func lowestMeetingTarget() {
        // 80 % of 5 = 4 rejected: above 0.62, halfway to the next confidence seen (0.65).
        let outcome = OutOfScopeThreshold(recallTarget: 0.8).choose(inScope: Self.inScope, outOfScope: Self.outOfScope)
        #expect(abs(outcome.threshold - 0.635) < 1e-6)
        #expect(outcome.outOfScopeRecall == 0.8)
        #expect(outcome.inScopeAccuracy == 0.7)   // 0.6 (correct) is rejected too
    }

    @Test("a lower target keeps more in-scope answers")
    func lowerTarget() {
        let outcome = OutOfScopeThreshold(recallTarget: 0.6).choose(inScope: Self.inScope, outOfScope: Self.outOfScope)
        #expect(abs(outcome.threshold - 0.45) < 1e-6)
        #expect(outcome.inScopeAccuracy == 0.8)
        #expect(outcome.outOfScopeRecall == 0.6)
    }

    @Test("without out-of-scope messages, or with a zero target, nothing is rejected")
    func nothingToReject() {
        #expect(OutOfScopeThreshold(recallTarget: 0.8).choose(inScope: Self.inScope, outOfScope: []).threshold == 0)
        #expect(OutOfScopeThreshold(recallTarget: 0).choose(inScope: Self.inScope, outOfScope: Self.outOfScope).threshold == 0)
    }

    @Test("when the surest out-of-scope message must go, everything as sure goes with it")
    func fullRecall() {
        let outcome = OutOfScopeThreshold(recallTarget: 1).choose(inScope: Self.inScope, outOfScope: Self.outOfScope)
        #expect(outcome.threshold > 0.9 && outcome.threshold < 0.95)
        #expect(outcome.outOfScopeRecall == 1)
        #expect(outcome.inScopeAccuracy == 0.1)
    }
}
