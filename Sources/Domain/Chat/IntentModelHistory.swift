import Foundation

/// Every trained intent model, folded from the stream `intent-models`: what each version was trained on, how it
/// scored, and which version the assistant uses.
public struct IntentModelHistory: Sendable, Equatable {
    /// One trained version and its verdict.
    public struct Version: Sendable, Equatable {
        public var trained: IntentModelTrained
        public var trainedAt: Date
        /// Nil until the verdict is recorded.
        public var promoted: Bool?
        /// The figures of the model it was compared with, on the same held-out examples.
        public var comparedWith: Int?
        public var comparedScore: HeldOutScore?

        public var number: Int { trained.version }
    }

    public static let stream = "intent-models"

    public var versions: [Version] = []
    /// The version the assistant uses: the last one promoted.
    public var promotedVersion: Int?

    public init() {}

    public var nextVersion: Int { (versions.last?.number ?? 0) + 1 }
    public var promoted: Version? { promotedVersion.flatMap(version) }
    public var latest: Version? { versions.last }

    public func version(_ number: Int) -> Version? { versions.first { $0.number == number } }

    public func evolve(_ event: any DomainEvent, at: Date) -> IntentModelHistory {
        var h = self
        switch event {
        case let e as IntentModelTrained:
            h.versions.append(Version(trained: e, trainedAt: at))
        case let e as IntentModelPromoted:
            if let k = h.versions.firstIndex(where: { $0.number == e.version }) {
                h.versions[k].promoted = true
                h.versions[k].comparedWith = e.previousVersion
                h.versions[k].comparedScore = e.previous
            }
            h.promotedVersion = e.version
        case let e as IntentModelRejected:
            if let k = h.versions.firstIndex(where: { $0.number == e.version }) {
                h.versions[k].promoted = false
                h.versions[k].comparedWith = e.currentVersion
                h.versions[k].comparedScore = e.current
            }
        default:
            break
        }
        return h
    }

    /// Records a trained candidate: it must be the next version, with one primary file and figures within 0…1.
    public func decideTrained(_ trained: IntentModelTrained) throws -> IntentModelTrained {
        guard trained.version == nextVersion else { throw DomainError.rejected("the next model is version \(nextVersion), not \(trained.version)") }
        guard trained.files.filter({ $0.kind == .primary }).count == 1, Set(trained.files.map(\.kind)).count == trained.files.count else {
            throw DomainError.rejected("a model has one primary file and at most one fallback")
        }
        guard trained.files.allSatisfy({ $0.sha256.range(of: "^[0-9a-f]{64}$", options: .regularExpression) != nil && $0.size > 0 }) else {
            throw DomainError.rejected("every model file needs its SHA-256 (64 hex digits) and its size")
        }
        guard trained.labels.count >= 2, Set(trained.labels).count == trained.labels.count else {
            throw DomainError.rejected("a model tells at least two distinct intents apart")
        }
        guard Self.isFigure(trained.score), trained.heldOut >= 0, trained.heldOutOutOfScope <= trained.heldOut,
              trained.trainSeconds.isFinite, trained.trainSeconds >= 0 else {
            throw DomainError.rejected("the training's figures are out of range")
        }
        return trained
    }

    /// The verdict on a trained candidate (after ``decideTrained(_:)``): promoted when there is no current model,
    /// or when the candidate is **not worse** — its held-out accuracy is at least the current model's on the
    /// same examples. Ties promote the candidate: it has seen the newest examples.
    /// - Parameter current: the live model's figures on the candidate's held-out examples; nil when there is none.
    public func decideVerdict(_ version: Int, candidate: HeldOutScore, current: HeldOutScore?) throws -> IntentModelVerdict {
        guard let trained = self.version(version) else { throw DomainError.notFound("model version \(version)") }
        guard trained.promoted == nil else { throw DomainError.rejected("model version \(version) has its verdict already") }
        guard Self.isFigure(candidate), current.map(Self.isFigure) ?? true else { throw DomainError.rejected("the figures are out of range") }
        guard let currentVersion = promotedVersion, let current else {
            return .promoted(IntentModelPromoted(version: version, candidate: candidate, previousVersion: nil, previous: nil))
        }
        if candidate.accuracy >= current.accuracy {
            return .promoted(IntentModelPromoted(version: version, candidate: candidate, previousVersion: currentVersion, previous: current))
        }
        return .rejected(IntentModelRejected(version: version, candidate: candidate, currentVersion: currentVersion, current: current))
    }

    static func isFigure(_ s: HeldOutScore) -> Bool {
        (0...1).contains(s.accuracy) && (s.outOfScopeRecall.map { (0...1).contains($0) } ?? true)
    }
}

/// Whether a candidate became the live model.
public enum IntentModelVerdict: Sendable, Equatable {
    case promoted(IntentModelPromoted)
    case rejected(IntentModelRejected)

    public var event: any DomainEvent {
        switch self {
        case .promoted(let e): e
        case .rejected(let e): e
        }
    }

    public var isPromoted: Bool {
        if case .promoted = self { return true }
        return false
    }
}
