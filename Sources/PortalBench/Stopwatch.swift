#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in nanoseconds, cheap enough to read around every append call.
struct Stopwatch: Sendable {
    let start: UInt64

    init() { start = Self.now() }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    var elapsedNanoseconds: UInt64 { Self.now() - start }
    var elapsedSeconds: Double { Double(elapsedNanoseconds) / 1e9 }
}
