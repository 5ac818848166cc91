import Domain
import EventStore
import Foundation
import Synchronization

/// What learners did: progress per learner and tutorial, private notes, certificates (with holder names),
/// ratings with comments and "unclear" flags — the source of "My learning", "My notes", the verification page,
/// the editors' feedback lists and the completion funnels.
///
/// Note texts, holder names and rating comments are sealed in their events and plain here, so this projection
/// keeps no checkpoint: it is rebuilt from the log at every start (it reads only learners' events). Erasing a
/// person drops their notes and comments and marks their certificates "holder erased".
public final class LearningProjection: Projection {
    /// A certificate as the verification page needs it.
    public struct Certificate: Sendable, Equatable {
        public var id: String
        public var tutorial: String
        public var tutorialTitle: String
        public var learner: AccountID
        public var issuedOn: String
        public var keyID: String
        /// Nil once the holder is erased.
        public var holderName: String?
        public var signed: String?
        public var revokedReason: String?
        public var revokedAt: Date?
        public var revocationVersion: UInt64 = 0

        public var holderErased: Bool { holderName == nil }
    }

    struct State {
        var progress: [String: TutorialProgress] = [:]
        var progressVersions: [String: UInt64] = [:]
        var notes: [AccountID: LearnerNotes] = [:]
        var noteVersions: [AccountID: UInt64] = [:]
        var certificates: [String: Certificate] = [:]
    }

    public let name = "learning"
    public let version = 1
    public let needsPersonalData = true
    public let keepsCheckpoints = false
    public let eventTypes: Set<String>? = [
        TutorialStepViewed.eventType, TutorialVideoWatched.eventType, TutorialDemoAnswered.eventType, TutorialCheckAnswered.eventType,
        TutorialStepCompleted.eventType, TutorialCompleted.eventType, TutorialRated.eventType, TutorialStepFlagged.eventType,
        CertificateIssued.eventType, CertificateRevoked.eventType, NoteSaved.eventType, NoteDeleted.eventType, PersonalDataErased.eventType,
    ]
    let state = Mutex(State())

    public init() {}

    static func key(_ tutorial: String, _ learner: AccountID) -> String { "\(tutorial)|\(learner)" }

    public func apply(_ event: RecordedEvent) throws {
        let domain = try event.domainEvent()
        let at = event.recordedAt
        state.withLock { s in
            func fold(_ tutorial: String, _ learner: AccountID) {
                let key = Self.key(tutorial, learner)
                s.progress[key] = (s.progress[key] ?? TutorialProgress()).evolve(domain, at: at)
                s.progressVersions[key] = event.streamVersion
            }
            switch domain {
            case let e as TutorialStepViewed: fold(e.tutorial, e.learner)
            case let e as TutorialVideoWatched: fold(e.tutorial, e.learner)
            case let e as TutorialDemoAnswered: fold(e.tutorial, e.learner)
            case let e as TutorialCheckAnswered: fold(e.tutorial, e.learner)
            case let e as TutorialStepCompleted: fold(e.tutorial, e.learner)
            case let e as TutorialCompleted: fold(e.tutorial, e.learner)
            case let e as TutorialRated: fold(e.tutorial, e.learner)
            case let e as TutorialStepFlagged: fold(e.tutorial, e.learner)
            case let e as CertificateIssued:
                fold(e.tutorial, e.learner)
                s.certificates[e.certificateID] = Certificate(id: e.certificateID, tutorial: e.tutorial, tutorialTitle: e.tutorialTitle, learner: e.learner,
                                                              issuedOn: e.issuedOn, keyID: e.keyID, holderName: e.personal?.holderName, signed: e.personal?.signed)
            case let e as CertificateRevoked:
                s.certificates[e.certificateID]?.revokedReason = e.reason
                s.certificates[e.certificateID]?.revokedAt = at
                s.certificates[e.certificateID]?.revocationVersion = event.streamVersion
            case let e as NoteSaved:
                s.notes[e.owner] = (s.notes[e.owner] ?? LearnerNotes()).evolve(e, at: at)
                s.noteVersions[e.owner] = event.streamVersion
            case let e as NoteDeleted:
                s.notes[e.owner] = (s.notes[e.owner] ?? LearnerNotes()).evolve(e, at: at)
                s.noteVersions[e.owner] = event.streamVersion
            case let e as PersonalDataErased:
                s.notes[e.accountID] = nil
                for (id, c) in s.certificates where c.learner == e.accountID {
                    s.certificates[id]?.holderName = nil
                    s.certificates[id]?.signed = nil
                }
                for (key, p) in s.progress where p.learner == e.accountID { s.progress[key]?.ratingComment = nil }
            default:
                break
            }
        }
    }

    // MARK: Queries

    /// One learner's progress in one tutorial and the stream version to append after (0: no stream yet).
    public func progress(_ tutorial: String, learner: AccountID) -> (progress: TutorialProgress, version: UInt64) {
        state.withLock { s in
            let key = Self.key(tutorial, learner)
            return (s.progress[key] ?? TutorialProgress(), s.progressVersions[key] ?? 0)
        }
    }

    /// Every tutorial the learner started.
    public func progress(of learner: AccountID) -> [TutorialProgress] {
        state.withLock { s in s.progress.values.filter { $0.learner == learner && $0.started } }
            .sorted { ($0.lastActivity ?? .distantPast) > ($1.lastActivity ?? .distantPast) }
    }

    /// Everyone's progress in one tutorial (funnels and feedback).
    public func learners(of tutorial: String) -> [TutorialProgress] {
        state.withLock { s in s.progress.values.filter { $0.tutorial == tutorial } }
    }

    /// The owner's notes and their stream version.
    public func notes(of owner: AccountID) -> (notes: LearnerNotes, version: UInt64) {
        state.withLock { s in (s.notes[owner] ?? LearnerNotes(), s.noteVersions[owner] ?? 0) }
    }

    public func certificate(_ id: String) -> Certificate? { state.withLock { $0.certificates[id] } }

    public func snapshot() throws -> [UInt8] { [] }
    public func restore(from snapshot: [UInt8]) throws {}
    public func reset() { state.withLock { $0 = State() } }
}
