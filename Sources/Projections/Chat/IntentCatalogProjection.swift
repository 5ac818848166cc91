import Domain
import EventStore
import Foundation
import Synchronization

/// The chatbot's intents as editors and the trainer see them: every intent's definition and examples, the
/// out-of-scope examples, and every trained model version with its figures and verdict.
///
/// Examples taken from customers' messages are sealed in their events and plain here, so this projection keeps
/// no checkpoint: it is rebuilt from the log at every start (it reads only intent events and erasures). An
/// example whose sealed text can no longer be read is kept as a place-holder without text and left out of
/// ``trainingSet()``.
public final class IntentCatalogProjection: Projection {
    /// One example as the trainer takes it.
    public struct TrainingExample: Sendable, Hashable {
        public var id: UUID
        public var text: String
        /// The intent's name or ``Intent/outOfScopeLabel``.
        public var label: String

        public init(id: UUID, text: String, label: String) {
            self.id = id
            self.text = text
            self.label = label
        }
    }

    /// The examples of every active intent and the out-of-scope examples, and the log position they reflect.
    public struct TrainingSet: Sendable, Equatable {
        public var examples: [TrainingExample]
        /// The position of the last event that changed the set (0: none yet).
        public var position: UInt64
    }

    struct State {
        var intents: [String: Intent] = [:]
        var versions: [String: UInt64] = [:]
        var models = IntentModelHistory()
        var modelsVersion: UInt64 = 0
        /// The last position that changed a definition or the examples.
        var lastChange: UInt64 = 0
    }

    public let name = "intent-catalog"
    public let version = 1
    public let needsPersonalData = true
    public let keepsCheckpoints = false
    public let eventTypes: Set<String>? = [
        IntentDefined.eventType, IntentRevised.eventType, IntentRetired.eventType, IntentExampleAdded.eventType, IntentExampleRemoved.eventType,
        IntentModelTrained.eventType, IntentModelPromoted.eventType, IntentModelRejected.eventType, PersonalDataErased.eventType,
    ]
    let state = Mutex(State())

    public init() {}

    public func apply(_ event: RecordedEvent) throws {
        let domain = try event.domainEvent()
        let at = event.recordedAt
        state.withLock { s in
            func fold(_ name: String) {
                s.intents[name] = (s.intents[name] ?? Intent()).evolve(domain, at: at, subject: event.sealed.subject)
                s.versions[name] = event.streamVersion
                s.lastChange = event.position
            }
            switch domain {
            case let e as IntentDefined: fold(e.definition.name)
            case let e as IntentRevised: fold(e.name)
            case let e as IntentRetired: fold(e.name)
            case let e as IntentExampleAdded: fold(e.intent)
            case let e as IntentExampleRemoved: fold(e.intent)
            case is IntentModelTrained, is IntentModelPromoted, is IntentModelRejected:
                s.models = s.models.evolve(domain, at: at)
                s.modelsVersion = event.streamVersion
            case let e as PersonalDataErased:
                // Also when the texts were already unreadable (a rebuild after the erasure): the training set changed here,
                // and a model trained on the customer's words before is due for retraining.
                let subject = e.accountID.stream
                for (name, intent) in s.intents where intent.examples.contains(where: { $0.subject == subject }) {
                    s.intents[name]?.forget(subject: subject)
                    s.lastChange = event.position
                }
            default:
                break
            }
        }
    }

    // MARK: Queries

    /// An intent's stream state (any status; the out-of-scope examples under ``Intent/outOfScopeLabel``) and its
    /// stream version for the next append, or nil when the stream does not exist.
    public func intent(_ name: String) -> (intent: Intent, version: UInt64)? {
        state.withLock { s in s.intents[name].map { ($0, s.versions[name] ?? 0) } }
    }

    /// Every defined intent, retired ones included, by name.
    public func intents() -> [Intent] {
        state.withLock { Array($0.intents.values) }.filter(\.exists).sorted { ($0.name ?? "") < ($1.name ?? "") }
    }

    /// The definitions of the intents in use, by name.
    public func activeDefinitions() -> [IntentDefinition] {
        intents().filter(\.isActive).compactMap(\.definition)
    }

    /// The out-of-scope examples (an empty state when there are none).
    public var outOfScope: Intent { state.withLock { $0.intents[Intent.outOfScopeLabel] ?? Intent() } }

    /// Every model version and which one is live, with the stream version for the next append.
    public func models() -> (history: IntentModelHistory, version: UInt64) {
        state.withLock { ($0.models, $0.modelsVersion) }
    }

    /// The readable examples of every active intent and the out-of-scope ones, by label and then in the order
    /// they were added — what the next training learns from.
    public func trainingSet() -> TrainingSet {
        state.withLock { s in
            var examples: [TrainingExample] = []
            for label in s.intents.keys.sorted() {
                guard let intent = s.intents[label], intent.isActive || label == Intent.outOfScopeLabel else { continue }
                for example in intent.examples {
                    if let text = example.text { examples.append(TrainingExample(id: example.id, text: text, label: label)) }
                }
            }
            return TrainingSet(examples: examples, position: s.lastChange)
        }
    }

    /// True when definitions or examples changed after the examples the latest training read (or when there are
    /// examples and nothing was trained yet).
    public var changedSinceLastTraining: Bool {
        state.withLock { s in s.lastChange > (s.models.latest?.trained.catalogPosition ?? 0) }
    }

    /// Whether no intent has been defined and no example added yet.
    public var isEmpty: Bool { state.withLock { $0.intents.isEmpty } }

    public func snapshot() throws -> [UInt8] { [] }
    public func restore(from snapshot: [UInt8]) throws {}
    public func reset() { state.withLock { $0 = State() } }
}
