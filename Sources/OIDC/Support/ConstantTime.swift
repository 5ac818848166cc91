/// Comparison whose running time depends only on the lengths of its inputs.
enum ConstantTime {
    /// True when both strings have the same UTF-8 bytes. Every byte is visited whatever the
    /// first difference, so an attacker timing callbacks learns nothing about the expected value.
    static func equals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        if a.count != b.count { difference |= 1 }
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
