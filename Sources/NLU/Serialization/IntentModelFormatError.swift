/// Why bytes are not a stored ``IntentModel``.
public enum IntentModelFormatError: Error, Equatable, CustomStringConvertible {
    /// Fewer bytes than the header and checksum take.
    case tooShort(Int)
    /// The bytes do not start with the model's magic number.
    case notAnIntentModel
    /// Written by a newer (or unknown) version of the format.
    case unsupportedVersion(UInt16)
    /// The header's payload length disagrees with the number of bytes.
    case lengthMismatch(declared: UInt64, found: Int)
    /// The bytes were changed after they were written.
    case checksumMismatch
    /// A field runs past the end of the payload.
    case truncated(String)
    /// A text field is not valid UTF-8.
    case invalidText(String)
    /// The fields are well formed but do not make a model.
    case inconsistent(String)

    public var description: String {
        switch self {
        case let .tooShort(count): "an intent model takes at least 52 bytes, these are \(count)"
        case .notAnIntentModel: "these bytes are not an intent model (wrong magic number)"
        case let .unsupportedVersion(version):
            "the intent model's format version \(version) is not supported (this build reads version \(IntentModel.formatVersion))"
        case let .lengthMismatch(declared, found): "the intent model declares \(declared) payload bytes but has \(found)"
        case .checksumMismatch: "the intent model's checksum does not match: the bytes are damaged"
        case let .truncated(field): "the intent model ends inside \(field)"
        case let .invalidText(field): "the intent model's \(field) is not valid UTF-8"
        case let .inconsistent(why): "the intent model is inconsistent: \(why)"
        }
    }
}
