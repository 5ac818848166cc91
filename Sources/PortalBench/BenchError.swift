/// Why a run stopped; printed to stderr before a non-zero exit.
enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case lmdb(operation: String, code: Int32, message: String)
    case scratch(String)
    case check(String)
    /// The portal server (`portalctl serve`) could not be found, started, or kept running.
    case server(String)
    /// The load generator (`wrk`) is missing, failed, or printed something this program cannot read.
    case loadGenerator(String)

    var description: String {
        switch self {
        case .usage(let message): return "\(message) (see --help)"
        case let .lmdb(operation, code, message): return "\(operation) failed: \(message) (code \(code))"
        case .scratch(let message): return "scratch folder: \(message)"
        case .check(let message): return "result check failed: \(message)"
        case .server(let message): return "portal server: \(message)"
        case .loadGenerator(let message): return "wrk: \(message)"
        }
    }

    /// Exit status: 2 for a bad command line, 1 for anything else.
    var exitCode: Int32 {
        if case .usage = self { return 2 }
        return 1
    }
}
