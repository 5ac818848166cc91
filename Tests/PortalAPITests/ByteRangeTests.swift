import PortalAPI
import Testing

/// The `Range` header against a representation size: one bytes range is served, anything else is ignored or 416.
@Suite struct ByteRangeTests {
    let size = 10_000

    @Test func firstBytesSuffixAndOpenEnded() {
        #expect(ByteRange.resolve("bytes=0-99", size: size) == .partial(0..<100))
        #expect(ByteRange.resolve("bytes=0-0", size: size) == .partial(0..<1))
        #expect(ByteRange.resolve("bytes=-500", size: size) == .partial(9_500..<10_000))
        #expect(ByteRange.resolve("bytes=9500-", size: size) == .partial(9_500..<10_000))
        #expect(ByteRange.resolve("bytes=9999-9999", size: size) == .partial(9_999..<10_000))
        #expect(ByteRange.resolve("bytes=0-", size: size) == .partial(0..<10_000))
    }

    @Test func aLastPositionOrSuffixBeyondTheEndIsClamped() {
        #expect(ByteRange.resolve("bytes=9000-20000", size: size) == .partial(9_000..<10_000))
        #expect(ByteRange.resolve("bytes=-10000", size: size) == .partial(0..<10_000))
        #expect(ByteRange.resolve("bytes=-99999", size: size) == .partial(0..<10_000))
    }

    @Test func rangesOutsideTheRepresentationAreUnsatisfiable() {
        #expect(ByteRange.resolve("bytes=10000-", size: size) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=10000-10001", size: size) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=20000-30000", size: size) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=-0", size: size) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=0-0", size: 0) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=0-", size: 0) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=-0", size: 0) == .unsatisfiable)
    }

    @Test func aSuffixOfAnEmptyRepresentationGetsTheWholeEmptyOne() {
        #expect(ByteRange.resolve("bytes=-5", size: 0) == .full)
    }

    @Test func noHeaderAnotherUnitOrSeveralRangesServeTheWhole() {
        #expect(ByteRange.resolve(nil, size: size) == .full)
        #expect(ByteRange.resolve("items=0-5", size: size) == .full)
        #expect(ByteRange.resolve("bytes=0-99,200-299", size: size) == .full)
        #expect(ByteRange.resolve("bytes=0-99, -5", size: size) == .full)
        #expect(ByteRange.resolve("bytes=20000-30000,0-1", size: size) == .full)
    }

    @Test func invalidHeadersAreIgnored() {
        for header in ["bytes=5-2", "bytes=-", "bytes=", "bytes", "=0-1", "", "garbage", "bytes=abc", "bytes=1-2-3", "bytes=0x10-",
                       "bytes=+1-2", "bytes=1-+2", "bytes=--5", "bytes=-+5", "bytes=-5-", "bytes = 0-1", "bytes= 0 -1", "bytes=0 - 1",
                       "bytes=1.5-2", "bytes=١-٢", "bytes=0-99;x", "bytés=0-1", "bytes=0-1=2", "bytes=,,", "bytes=\u{0}0-1"] {
            #expect(ByteRange.resolve(header, size: size) == .full, "\(header)")
        }
    }

    @Test func spacesAroundTheValueAndItsCommasAndTheUnitsCaseAreAccepted() {
        #expect(ByteRange.resolve("  bytes=0-99\t", size: size) == .partial(0..<100))
        #expect(ByteRange.resolve("BYTES=0-99", size: size) == .partial(0..<100))
        #expect(ByteRange.resolve("Bytes= 0-99 ", size: size) == .partial(0..<100))
        #expect(ByteRange.resolve("bytes=0-99, ,", size: size) == .partial(0..<100))
        #expect(ByteRange.resolve("bytes=000-0099", size: size) == .partial(0..<100))
    }

    @Test func hugeNumbersAreLargerThanAnySizeNotACrash() {
        let huge = String(repeating: "9", count: 40)
        #expect(ByteRange.resolve("bytes=\(huge)-", size: size) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=\(huge)-\(huge)", size: size) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=0-\(huge)", size: size) == .partial(0..<10_000))
        #expect(ByteRange.resolve("bytes=-\(huge)", size: size) == .partial(0..<10_000))
        #expect(ByteRange.resolve("bytes=9223372036854775807-", size: size) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=9223372036854775808-", size: size) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=0-9223372036854775807", size: Int.max) == .partial(0..<Int.max))
        #expect(ByteRange.resolve("bytes=-9223372036854775808", size: size) == .partial(0..<10_000))
        // First after last, however long the numbers.
        #expect(ByteRange.resolve("bytes=\(huge)-1", size: size) == .full)
        #expect(ByteRange.resolve("bytes=\(huge)9-\(huge)", size: size) == .full)
        #expect(ByteRange.resolve("bytes=\(String(repeating: "0", count: 50))5-\(huge)", size: size) == .partial(5..<10_000))
    }
}
