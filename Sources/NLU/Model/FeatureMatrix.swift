/// The training messages as the optimiser reads them: sparse TF-IDF rows (compressed sparse rows),
/// optional dense embedding rows, and each row's class.
///
/// Immutable once built, so several fits may read it from their own threads at once.
final class FeatureMatrix: Sendable {
    let rows: Int
    let sparseDimension: Int
    let denseDimension: Int
    /// Row `i`'s entries are `rowStart[i]..<rowStart[i + 1]` of `columns` and `values`.
    let rowStart: [Int]
    let columns: [Int32]
    let values: [Float]
    /// `rows × denseDimension`, row-major (empty without embeddings).
    let dense: [Float]
    /// Each row's class index.
    let classes: [Int32]

    init(sparse: [SparseVector], sparseDimension: Int, dense: [[Float]]?, denseDimension: Int, classes: [Int32]) {
        precondition(sparse.count == classes.count && (dense == nil || dense?.count == sparse.count))
        rows = sparse.count
        self.sparseDimension = sparseDimension
        self.denseDimension = dense == nil ? 0 : denseDimension
        var rowStart = [0]
        rowStart.reserveCapacity(sparse.count + 1)
        var columns: [Int32] = [], values: [Float] = []
        for vector in sparse {
            columns += vector.indices
            values += vector.values
            rowStart.append(columns.count)
        }
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
        if let dense {
            precondition(dense.allSatisfy { $0.count == denseDimension })
            self.dense = dense.flatMap { $0 }
        } else {
            self.dense = []
        }
        self.classes = classes
    }
}
