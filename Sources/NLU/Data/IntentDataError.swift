/// Why a file of labelled messages could not be read; each case says where.
public enum IntentDataError: Error, Equatable, CustomStringConvertible {
    case unreadable(source: String, reason: String)
    /// A CSV problem at a line (counting from 1).
    case csv(source: String, line: Int, problem: String)
    /// A JSON problem.
    case json(source: String, problem: String)
    /// The data set has no split of this name.
    case missingSplit(source: String, split: String)

    public var description: String {
        switch self {
        case let .unreadable(source, reason): "cannot read \(source): \(reason)"
        case let .csv(source, line, problem): "\(source) line \(line): \(problem)"
        case let .json(source, problem): "\(source): \(problem)"
        case let .missingSplit(source, split): "\(source) has no \"\(split)\" list"
        }
    }
}
