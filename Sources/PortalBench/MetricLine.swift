import Foundation

/// One figure of the benchmark, printed as one JSON line on stdout:
/// `{"metric": NAME, "value": N, "unit": U}`, then any further numbers of the same figure (`extra`,
/// e.g. the event count beside a data set's ticket count), `"baseline"` and `"ratio"` when the figure
/// is compared with another one of the same run, and `"notes"` when how it was made matters for
/// reading it.
struct MetricLine: Sendable {
    var metric: String
    var value: Double
    var unit: String
    var extra: [(key: String, value: Double)]
    var baseline: String?
    var ratio: Double?
    var notes: String?

    init(_ metric: String, _ value: Double, unit: String, extra: [(key: String, value: Double)] = [], baseline: String? = nil, ratio: Double? = nil,
         notes: String? = nil) {
        self.metric = metric
        self.value = value
        self.unit = unit
        self.extra = extra
        self.baseline = baseline
        self.ratio = ratio
        self.notes = notes
    }

    /// The line as JSON, keys in a fixed order so runs can be compared with `diff`.
    var json: String {
        var fields = [
            "\"metric\": \(Self.quoted(metric))",
            "\"value\": \(Self.number(value, decimals: unit == "ms" ? 3 : 1))",
            "\"unit\": \(Self.quoted(unit))",
        ]
        for (key, number) in extra {
            fields.append("\(Self.quoted(key)): \(Self.number(number, decimals: number == number.rounded() ? 0 : 3))")
        }
        if let baseline, let ratio {
            fields.append("\"baseline\": \(Self.quoted(baseline))")
            fields.append("\"ratio\": \(Self.number(ratio, decimals: 2))")
        }
        if let notes { fields.append("\"notes\": \(Self.quoted(notes))") }
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
