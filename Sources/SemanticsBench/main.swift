// Measures the sentence encoder on this machine: batched throughput through the pool and the
// latency of one sentence at a time. Prints one JSON line per figure.
//
//   swift run -c release SemanticsBench [--single] [model folder]
//
// --single measures only one sentence at a time on this thread (for a profiler).
import Foundation
import Semantics

let arguments = CommandLine.arguments.dropFirst()
let singleOnly = arguments.contains("--single")
let folder = arguments.first { !$0.hasPrefix("--") } ?? ModelFiles.folder()
let started = ContinuousClock.now
let encoder = try SentenceEncoder(files: try ModelFiles(folder: folder))
let loadTime = ContinuousClock.now - started

func report(_ name: String, _ value: Double, _ unit: String) {
    print(#"{"name": "\#(name)", "value": \#((value * 100).rounded() / 100), "unit": "\#(unit)"}"#)
}
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

report("semantics.load_and_verify", milliseconds(loadTime), "ms")

// About 12 tokens each, [CLS] and [SEP] included.
let subjects = ["my password", "the invoice", "my card", "the mobile app", "two-factor login", "the refund", "my account", "the delivery"]
let problems = ["does not work since yesterday", "was charged twice this month", "keeps showing an error", "never arrived at my address"]
let sentences = (0..<2048).map { i in
    "Hello, \(subjects[i % subjects.count]) \(problems[(i / subjects.count) % problems.count]) #\(i)"
}
let tokens = sentences.prefix(64).map { encoder.tokenizer.tokenize($0).count }
report("semantics.mean_tokens", Double(tokens.reduce(0, +)) / Double(tokens.count), "tokens")

/// CPU time of the calling thread: on a machine shared with other work, wall-clock figures
/// measure the neighbours too.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

// One thread, no pool.
let scratch = encoder.makeScratch()
if singleOnly {
    let cpu = threadCPUSeconds()
    for sentence in sentences.prefix(1000) { _ = encoder.encode([sentence], using: scratch) }
    report("semantics.one_thread_single_cpu", threadCPUSeconds() - cpu, "cpu-ms")
    exit(0)
}
_ = encoder.encode(Array(sentences.prefix(64)), using: scratch)
var clock = ContinuousClock.now
var cpu = threadCPUSeconds()
_ = encoder.encode(Array(sentences.prefix(512)), using: scratch)
report("semantics.one_thread_batched", 512 / (milliseconds(ContinuousClock.now - clock) / 1000), "sentences/s")
report("semantics.one_thread_batched_cpu", 512 / (threadCPUSeconds() - cpu), "sentences/cpu-s")
cpu = threadCPUSeconds()
for sentence in sentences.prefix(100) { _ = encoder.encode([sentence], using: scratch) }
report("semantics.one_thread_single_cpu", (threadCPUSeconds() - cpu) * 10, "cpu-ms")

let pool = EncoderPool(encoder: encoder)
_ = try await pool.encode(Array(sentences.prefix(128)))
clock = ContinuousClock.now
_ = try await pool.encode(sentences)
report("semantics.pool_batched", Double(sentences.count) / (milliseconds(ContinuousClock.now - clock) / 1000), "sentences/s")

// Many callers with one sentence each, as a search box would send them.
clock = ContinuousClock.now
try await withThrowingTaskGroup(of: Void.self) { group in
    for start in stride(from: 0, to: 1024, by: 64) {
        group.addTask {
            for sentence in sentences[start..<(start + 64)] { _ = try await pool.encode([sentence]) }
        }
    }
    try await group.waitForAll()
}
report("semantics.pool_concurrent_single", 1024 / (milliseconds(ContinuousClock.now - clock) / 1000), "sentences/s")

var latencies: [Double] = []
for sentence in sentences.prefix(300) {
    let start = ContinuousClock.now
    _ = try await pool.encode([sentence])
    latencies.append(milliseconds(ContinuousClock.now - start))
}
latencies.sort()
report("semantics.single_p50", latencies[latencies.count / 2], "ms")
report("semantics.single_p99", latencies[latencies.count * 99 / 100], "ms")
pool.shutDown()
