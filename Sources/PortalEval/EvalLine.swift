import Foundation

/// One JSON line on stdout with its keys in a fixed order, so runs compare with `diff`.
struct EvalLine {
    enum Value {
        case number(Double, decimals: Int)
        case integer(Int)
        case text(String)
    }

    private var fields: [(String, Value)] = []

    init(metric: String) { fields.append(("metric", .text(metric))) }

    mutating func add(_ key: String, _ value: Value) { fields.append((key, value)) }

    var json: String {
        let parts = fields.map { key, value -> String in
            let rendered: String
            switch value {
            case .number(let x, let decimals): rendered = x.isFinite ? String(format: "%.\(decimals)f", x) : "null"
            case .integer(let n): rendered = String(n)
            case .text(let s): rendered = Self.quoted(s)
            }
            return "\(Self.quoted(key)): \(rendered)"
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    func emit() {
        FileHandle.standardOutput.write(Data((json + "\n").utf8))
    }

    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"?\""
    }
}

/// Progress on stderr, so stdout stays machine-readable.
func note(_ message: String) {
    FileHandle.standardError.write(Data("portal-eval: \(message)\n".utf8))
}
