import Foundation

/// One figure of the benchmark, printed as one JSON line on stdout:
/// `{"metric": NAME, "value": N, "unit": U}`, plus `"baseline"` and `"ratio"` when the figure is
/// compared with another one of the same run.
struct MetricLine: Sendable {
    var metric: String
    var value: Double
    var unit: String
    var baseline: String?
    var ratio: Double?

    init(_ metric: String, _ value: Double, unit: String, baseline: String? = nil, ratio: Double? = nil) {
        self.metric = metric
        self.value = value
        self.unit = unit
        self.baseline = baseline
        self.ratio = ratio
    }

    /// The line as JSON, keys in a fixed order so runs can be compared with `diff`.
    var json: String {
        var fields = [
            "\"metric\": \(Self.quoted(metric))",
            "\"value\": \(Self.number(value, decimals: unit == "ms" ? 3 : 1))",
            "\"unit\": \(Self.quoted(unit))",
        ]
        if let baseline, let ratio {
            fields.append("\"baseline\": \(Self.quoted(baseline))")
            fields.append("\"ratio\": \(Self.number(ratio, decimals: 2))")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Writes the line to stdout unbuffered, so a reader of a pipe sees each figure as it is made.
    func emit() {
        FileHandle.standardOutput.write(Data((json + "\n").utf8))
    }

    private static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        return String(format: "%.\(decimals)f", value)
    }

    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = (try? encoder.encode(text)) ?? Data("\"?\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Progress and diagnostics: stderr only, so stdout stays machine-readable.
func note(_ message: String) {
    FileHandle.standardError.write(Data("portal-bench: \(message)\n".utf8))
}
