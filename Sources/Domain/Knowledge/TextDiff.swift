/// A line-by-line difference between two texts (longest common subsequence), for comparing revisions.
public enum TextDiff {
    public enum Line: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Longer texts than this many lines on both sides are compared as one replaced block (the table would be too big).
    static let maximumCells = 4_000_000

    public static func lines(from old: String, to new: String) -> [Line] {
        // An empty text has no lines (not one empty line), so writing a first body shows only added lines.
        let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Common head and tail first: most edits touch a few lines in the middle.
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let midA = Array(a[head..<(a.count - tail)]), midB = Array(b[head..<(b.count - tail)])
        var out = a[..<head].map(Line.same)
        if midA.count * midB.count > maximumCells {
            out += midA.map(Line.removed) + midB.map(Line.added)
        } else {
            out += middle(midA, midB)
        }
        out += a[(a.count - tail)...].map(Line.same)
        return out
    }

    private static func middle(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count, m = b.count
        if n == 0 { return b.map(Line.added) }
        if m == 0 { return a.map(Line.removed) }
        // lcs[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [Line] = []
        var i = 0, j = 0
        while i < n, j < m {
            if a[i] == b[j] {
                out.append(.same(a[i])); i += 1; j += 1
            } else if lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append(.removed(a[i])); i += 1
            } else {
                out.append(.added(b[j])); j += 1
            }
        }
        out += a[i...].map(Line.removed) + b[j...].map(Line.added)
        return out
    }
}
