import Domain
import Testing

@Suite("Risk scoring")
struct RiskPolicyTests {
    let policy = RiskPolicy()

    @Test func theDefaultWeightsAndThreshold() {
        #expect(policy.threshold == 50)
        #expect(policy.weights == [
            .newDevice: 20, .newNetwork: 30, .credentialStuffingSource: 60, .sharedDevice: 40, .secondFactorBurst: 60,
            .recentTokenReuse: 60, .resetFromOtherNetwork: 50,
        ])
        #expect(RiskSignal.allCases.allSatisfy { (policy.weights[$0] ?? 0) > 0 }, "every signal counts for something by default")
    }

    /// Alone, a signal makes a sign-in risky exactly when its weight reaches the threshold.
    @Test(arguments: [
        (RiskSignal.newDevice, 20, false), (.newNetwork, 30, false), (.sharedDevice, 40, false), (.resetFromOtherNetwork, 50, true),
        (.credentialStuffingSource, 60, true), (.secondFactorBurst, 60, true), (.recentTokenReuse, 60, true),
    ])
    func aSingleSignal(signal: RiskSignal, score: Int, risky: Bool) {
        let assessment = policy.assess([signal])
        #expect(assessment.score == score)
        #expect(assessment.isRisky == risky)
        #expect(assessment.signals == [signal])
    }

    @Test func scoresAddUpAndTheThresholdIsInclusive() {
        let justBelow = policy.assess([.newNetwork])
        let atThreshold = policy.assess([.newDevice, .newNetwork])
        let above = policy.assess([.newDevice, .sharedDevice])
        #expect((justBelow.score, justBelow.isRisky) == (30, false))
        #expect((atThreshold.score, atThreshold.isRisky) == (50, true))
        #expect((above.score, above.isRisky) == (60, true))
        #expect(policy.assess(RiskSignal.allCases).score == 320)
    }

    @Test func noSignalsIsNoRisk() {
        let nothing = policy.assess([])
        #expect(nothing.score == 0 && !nothing.isRisky)
        #expect(!RiskAssessment.none.isRisky)
    }

    @Test func signalsAreListedInOrderWhateverTheOrderFound() {
        #expect(policy.assess([.sharedDevice, .newNetwork, .newDevice]).signals == [.newDevice, .newNetwork, .sharedDevice])
    }

    @Test func anOperatorsWeightsAndThresholdDecide() {
        let strict = RiskPolicy(weights: [.newDevice: 25, .newNetwork: 25], threshold: 25)
        #expect(strict.assess([.newDevice]).isRisky)
        #expect(strict.assess([.newNetwork]).isRisky)
        // A signal without a weight adds nothing.
        let unweighted = strict.assess([.credentialStuffingSource])
        #expect(unweighted.score == 0 && !unweighted.isRisky)
        #expect(unweighted.signals == [.credentialStuffingSource], "the signal is still reported")

        let lenient = RiskPolicy(threshold: 1000)
        #expect(!lenient.assess(RiskSignal.allCases).isRisky)
        #expect(lenient.assess([.recentTokenReuse]).threshold == 1000)
    }
}
