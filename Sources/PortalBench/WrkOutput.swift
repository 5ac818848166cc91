import Foundation

/// What one wrk run reports, read from its standard output.
///
/// wrk 4's report looks like this (the error lines only appear when something went wrong):
///
///       Latency Distribution
///          50%  663.27ms
///          99%    1.70s
///       70 requests in 4.10s, 75.13KB read
///       Socket errors: connect 0, read 0, write 0, timeout 2
///       Non-2xx or 3xx responses: 3
///     Requests/sec:     17.09
///
/// followed by the line our scripts' `done` function prints (see ``WrkScript``). Every figure is
/// required; both sources must agree on the request count and, within wrk's rounding, on the
/// percentiles. Anything else is an error that quotes the output.
struct WrkOutput: Sendable, Equatable {
    static let summaryTag = "portal-bench-summary"

    var requests: Int
    var seconds: Double
    var requestsPerSecond: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    /// Answers other than 2xx or 3xx.
    var statusErrors: Int
    var connectErrors = 0, readErrors = 0, writeErrors = 0, timeouts = 0

    var socketErrors: Int { connectErrors + readErrors + writeErrors + timeouts }

    init(parsing text: String) throws {
        var requests: Int?, seconds: Double?, perSecond: Double?, p50: Double?, p99: Double?
        var statusErrors = 0
        var summary: [String: Int]?
        var inDistribution = false
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first else { continue }
            if first == "Latency", words.count == 2, words[1] == "Distribution" { inDistribution = true; continue }
            if inDistribution, words.count == 2, first.hasSuffix("%") {
                if first == "50%" { p50 = Self.milliseconds(words[1]) }
                if first == "99%" { p99 = Self.milliseconds(words[1]) }
                continue
            }
            inDistribution = false
            if words.count >= 4, words[1] == "requests", words[2] == "in" {
                requests = Int(first)
                seconds = Self.milliseconds(String(words[3].dropLast(words[3].hasSuffix(",") ? 1 : 0))).map { $0 / 1000 }
            } else if first == "Requests/sec:", words.count == 2 {
                perSecond = Double(words[1])
            } else if line.contains("Non-2xx or 3xx responses:") {
                statusErrors = Int(words.last ?? "") ?? -1
            } else if first == Self.summaryTag {
                summary = Dictionary(words.dropFirst().compactMap { pair -> (String, Int)? in
                    let kv = pair.split(separator: "=", maxSplits: 1)
                    guard kv.count == 2, let n = Int(kv[1]) else { return nil }
                    return (String(kv[0]), n)
                }, uniquingKeysWith: { a, _ in a })
            }
        }

        func unreadable(_ reason: String) -> BenchError {
            .loadGenerator("cannot read its output (\(reason)):\n\(text.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))")
        }
        guard let requests else { throw unreadable("no request count: 'N requests in T'") }
        guard let seconds, seconds > 0 else { throw unreadable("no duration: 'N requests in T'") }
        guard let perSecond else { throw unreadable("no 'Requests/sec:'") }
        guard let p50, let p99 else { throw unreadable("no 50% and 99% latencies; was --latency given?") }
        guard statusErrors >= 0 else { throw unreadable("no count after 'Non-2xx or 3xx responses:'") }
        guard let summary else { throw unreadable("no '\(Self.summaryTag)' line from the script's done()") }
        let keys = ["requests", "p50_us", "p99_us", "connect", "read", "write", "status", "timeout"]
        guard keys.allSatisfy({ summary[$0] != nil }) else {
            throw unreadable("the '\(Self.summaryTag)' line lacks one of \(keys.joined(separator: ", "))")
        }
        guard summary["requests"] == requests, summary["status"] == statusErrors else {
            throw unreadable("the report and the '\(Self.summaryTag)' line disagree on the request or error count")
        }
        let exactP50 = Double(summary["p50_us"]!) / 1000, exactP99 = Double(summary["p99_us"]!) / 1000
        // wrk prints two decimals of us, ms or s: within 0.5 % of the value, or 0.005 ms below 1 ms.
        for (rounded, exact) in [(p50, exactP50), (p99, exactP99)] where abs(rounded - exact) > 0.01 * exact + 0.01 {
            throw unreadable("the report says \(rounded) ms for a percentile, the '\(Self.summaryTag)' line \(exact) ms")
        }

        self.requests = requests
        self.seconds = seconds
        self.requestsPerSecond = perSecond
        self.p50Milliseconds = exactP50
        self.p99Milliseconds = exactP99
        self.statusErrors = statusErrors
        connectErrors = summary["connect"]!
        readErrors = summary["read"]!
        writeErrors = summary["write"]!
        timeouts = summary["timeout"]!
    }

    /// wrk's durations: `809.00us`, `1.01ms`, `1.70s`, `1.00m`, `1.00h`.
    static func milliseconds(_ text: String) -> Double? {
        let units: [(suffix: String, ms: Double)] = [("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let number = Double(text.dropLast(unit.suffix.count)), number.isFinite, number >= 0 else { return nil }
            return number * unit.ms
        }
        return nil
    }
}
