/// Why a `.safetensors` file cannot be used. Each message names the file and, where there is one,
/// the tensor; a damaged or unexpected model file is fixed by installing it again (`make model`).
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case truncated(path: String, size: Int, needed: Int)
    case headerTooLarge(path: String, length: UInt64, limit: Int)
    case headerNotJSON(path: String, detail: String)
    case invalidEntry(path: String, tensor: String, detail: String)
    case offsetsOutOfRange(path: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    case missingTensor(path: String, tensor: String)
    case wrongDType(path: String, tensor: String, found: String, expected: String)
    case shapeMismatch(path: String, tensor: String, found: [Int], expected: [Int])
    case misaligned(path: String, tensor: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "\(path): \(reason)"
        case let .truncated(path, size, needed):
            "\(path) is truncated: it has \(size) bytes but needs at least \(needed); install the model again"
        case let .headerTooLarge(path, length, limit):
            "\(path) declares a \(length)-byte header, more than the \(limit) allowed; this is not a safetensors file"
        case let .headerNotJSON(path, detail):
            "\(path) is not a safetensors file: \(detail)"
        case let .invalidEntry(path, tensor, detail):
            "\(path): tensor \(tensor) has an invalid header entry: \(detail)"
        case let .offsetsOutOfRange(path, tensor, begin, end, dataSize):
            "\(path): tensor \(tensor) has data_offsets [\(begin), \(end)] outside the \(dataSize) bytes of data"
        case let .missingTensor(path, tensor):
            "\(path) has no tensor \(tensor); is this the all-MiniLM-L6-v2 model?"
        case let .wrongDType(path, tensor, found, expected):
            "\(path): tensor \(tensor) is \(found), expected \(expected)"
        case let .shapeMismatch(path, tensor, found, expected):
            "\(path): tensor \(tensor) has shape \(found), expected \(expected)"
        case let .misaligned(path, tensor):
            "\(path): tensor \(tensor) is not aligned to 4 bytes and cannot be read in place"
        }
    }
}
