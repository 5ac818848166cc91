/// A sparse feature vector: indices in increasing order, each with its value.
public struct SparseVector: Sendable, Hashable {
    public var indices: [Int32]
    public var values: [Float]

    public init(indices: [Int32] = [], values: [Float] = []) {
        precondition(indices.count == values.count)
        self.indices = indices
        self.values = values
    }

    /// The vector with every entry's index moved by `offset`.
    func shifted(by offset: Int32) -> SparseVector {
        SparseVector(indices: indices.map { $0 + offset }, values: values)
    }

    /// The Euclidean length.
    public var norm: Float {
        var sum: Double = 0
        for value in values { sum += Double(value) * Double(value) }
        return Float(sum.squareRoot())
    }
}
