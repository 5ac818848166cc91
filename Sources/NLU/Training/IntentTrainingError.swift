/// Why an intent model could not be trained.
public enum IntentTrainingError: Error, Equatable, CustomStringConvertible {
    case invalidOptions(String)
    /// Example `position` (counting from 0) has an empty label.
    case emptyLabel(position: Int)
    /// Fewer than two intents remain once out-of-scope examples are set aside.
    case tooFewIntents(Int)
    /// The encoder's answer was unusable.
    case encoder(String)

    public var description: String {
        switch self {
        case let .invalidOptions(why): "invalid training options: \(why)"
        case let .emptyLabel(position): "training example \(position + 1) has no intent label"
        case let .tooFewIntents(count): "training needs at least two intents, found \(count)"
        case let .encoder(why): "the sentence encoder failed: \(why)"
        }
    }
}
