#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element-wise loops of the forward pass, written over `SIMD16<Float>` so that they run
/// vectorised (the compiler does not reorder float sums on its own) with a scalar tail.
enum VectorKernels {
    typealias Vector = SIMD16<Float>
    static let lanes = Vector.scalarCount

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ vector: Vector, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: Vector.self)
    }

    /// `destination[i] = a[i] + b[i] + c[i]` for one row of `count` floats.
    static func sum(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>,
                    into destination: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + lanes <= count {
            store(load(a + i) + load(b + i) + load(c + i), destination + i)
            i += lanes
        }
        while i < count {
            destination[i] = a[i] + b[i] + c[i]
            i += 1
        }
    }

    /// Each of `rows` rows of `destination` becomes `source`'s row plus `bias`.
    static func addBias(_ bias: UnsafePointer<Float>, to source: UnsafePointer<Float>,
                        into destination: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            let s = source + row * width, d = destination + row * width
            var i = 0
            while i + lanes <= width {
                store(load(s + i) + load(bias + i), d + i)
                i += lanes
            }
            while i < width {
                d[i] = s[i] + bias[i]
                i += 1
            }
        }
    }

    /// Each of `rows` rows of `destination` becomes a copy of `bias`.
    static func fill(_ destination: UnsafeMutablePointer<Float>, rows: Int, with bias: UnsafePointer<Float>, width: Int) {
        for row in 0..<rows {
            (destination + row * width).update(from: bias, count: width)
        }
    }

    /// LayerNorm of each row of `source` into `destination` (which may be the same memory).
    static func layerNorm(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>,
                          rows: Int, width: Int, scale: UnsafePointer<Float>, shift: UnsafePointer<Float>,
                          epsilon: Float) {
        let count = Float(width)
        for row in 0..<rows {
            let s = source + row * width, d = destination + row * width
            var total = Vector.zero, tail: Float = 0
            var i = 0
            while i + lanes <= width { total += load(s + i); i += lanes }
            while i < width { tail += s[i]; i += 1 }
            let mean = (total.sum() + tail) / count
            let meanVector = Vector(repeating: mean)
            var squares = Vector.zero, squaresTail: Float = 0
            i = 0
            while i + lanes <= width {
                let centred = load(s + i) - meanVector
                squares += centred * centred
                i += lanes
            }
            while i < width { squaresTail += (s[i] - mean) * (s[i] - mean); i += 1 }
            let inverse = 1 / (((squares.sum() + squaresTail) / count) + epsilon).squareRoot()
            let inverseVector = Vector(repeating: inverse)
            i = 0
            while i + lanes <= width {
                store((load(s + i) - meanVector) * inverseVector * load(scale + i) + load(shift + i), d + i)
                i += lanes
            }
            while i < width {
                d[i] = (s[i] - mean) * inverse * scale[i] + shift[i]
                i += 1
            }
        }
    }

    /// Softmax of each row of a `rows` × `columns` matrix, in place.
    static func softmax(_ matrix: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for row in 0..<rows {
            let r = matrix + row * columns
            var maximum = -Float.infinity
            for i in 0..<columns where r[i] > maximum { maximum = r[i] }
            var total: Float = 0
            for i in 0..<columns {
                let e = expf(r[i] - maximum)
                r[i] = e
                total += e
            }
            let inverse = 1 / total
            for i in 0..<columns { r[i] *= inverse }
        }
    }

    /// GELU with the exact (erf) form, `x/2 · (1 + erf(x/√2))`, in place.
    static func gelu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let half = Vector(repeating: 0.5), one = Vector(repeating: 1), rootHalf = Vector(repeating: 0.70710678118654752)
        var i = 0
        while i + lanes <= count {
            let x = load(values + i)
            store(half * x * (one + erf(x * rootHalf)), values + i)
            i += lanes
        }
        while i < count {
            let x = values[i]
            values[i] = 0.5 * x * (1 + erff(x * 0.70710678118654752))
            i += 1
        }
    }

    /// erf(x) as a rational function of x² on [-4, 4] (beyond, erf is ±1 in float32);
    /// the approximation Eigen and XLA use for float32, within a few ulp of `erff`.
    @inline(__always)
    static func erf(_ input: Vector) -> Vector {
        // Clamped through masks: `clamped(lowerBound:upperBound:)` compiles to a scalar loop.
        var x = input
        x.replace(with: Vector(repeating: 4), where: x .> 4)
        x.replace(with: Vector(repeating: -4), where: x .< -4)
        let x2 = x * x
        var p = Vector(repeating: -2.72614225801306e-10)
        p = p * x2 + Vector(repeating: 2.77068142495902e-08)
        p = p * x2 + Vector(repeating: -2.10102402082508e-06)
        p = p * x2 + Vector(repeating: -5.69250639462346e-05)
        p = p * x2 + Vector(repeating: -7.34990630326855e-04)
        p = p * x2 + Vector(repeating: -2.95459980854025e-03)
        p = p * x2 + Vector(repeating: -1.60960333262415e-02)
        var q = Vector(repeating: -1.45660718464996e-05)
        q = q * x2 + Vector(repeating: -2.13374055278905e-04)
        q = q * x2 + Vector(repeating: -1.68282697438203e-03)
        q = q * x2 + Vector(repeating: -7.37332916720468e-03)
        q = q * x2 + Vector(repeating: -1.42647390514189e-02)
        return x * p / q
    }
}
