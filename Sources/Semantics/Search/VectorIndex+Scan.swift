extension VectorIndex {
    /// `scores[r] = rows[r] · query` for `count` rows of `dimension` floats, over `SIMD16<Float>` with two
    /// accumulators and a scalar tail.
    ///
    /// A scan of many rows is bound by how fast memory streams in. OpenBLAS's `sgemv` (Debian 0.3.21, one
    /// thread) reads 100,000 rows of 384 floats at about half the speed this loop does on the project's
    /// machine (`make bench BENCH_ARGS="--only semantic"` measures both), so the index uses this loop.
    static func dotProducts(
        _ rows: UnsafePointer<Float>, count: Int, dimension: Int, query: UnsafePointer<Float>, into scores: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<count {
            scores[row] = dot(rows + row * dimension, query, dimension)
        }
    }

    /// The dot product of two vectors of `dimension` floats.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dimension: Int) -> Float {
        typealias Lane = SIMD16<Float>
        func load(_ p: UnsafePointer<Float>) -> Lane { UnsafeRawPointer(p).loadUnaligned(as: Lane.self) }
        let chunks = dimension / Lane.scalarCount
        var first = Lane(), second = Lane()
        var chunk = 0
        while chunk + 1 < chunks {
            let offset = chunk * Lane.scalarCount
            // Separate multiply and add: a fused multiply-add is a library call per lane without FMA enabled.
            first += load(a + offset) * load(b + offset)
            second += load(a + offset + Lane.scalarCount) * load(b + offset + Lane.scalarCount)
            chunk += 2
        }
        if chunk < chunks {
            let offset = chunk * Lane.scalarCount
            first += load(a + offset) * load(b + offset)
        }
        var sum = (first + second).sum()
        for i in (chunks * Lane.scalarCount)..<dimension { sum += a[i] * b[i] }
        return sum
    }
}
