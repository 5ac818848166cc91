import COpenBLAS

/// Single-precision matrix products through OpenBLAS, row-major.
///
/// Each encoder worker runs on its own core, so OpenBLAS is kept to one thread of its own
/// (``useOneThread()``): small products lose more to OpenBLAS's threading than they gain.
enum BLAS {
    /// Makes OpenBLAS compute every product on the calling thread. Idempotent.
    static func useOneThread() {
        _ = oneThread
    }

    private static let oneThread: Void = openblas_set_num_threads(1)

    /// `c = alpha · a · bᵀ + beta · c`, with `a` [m, k], `b` [n, k] (a Linear layer's [out, in]
    /// weight), `c` [m, n].
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Float>, rows m: Int, inner k: Int, leading lda: Int,
        transposed b: UnsafePointer<Float>, columns n: Int, leading ldb: Int,
        into c: UnsafeMutablePointer<Float>, leading ldc: Int, alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `c = alpha · a · b + beta · c`, with `a` [m, k], `b` [k, n], `c` [m, n].
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Float>, rows m: Int, inner k: Int, leading lda: Int,
        _ b: UnsafePointer<Float>, columns n: Int, leading ldb: Int,
        into c: UnsafeMutablePointer<Float>, leading ldc: Int, alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
