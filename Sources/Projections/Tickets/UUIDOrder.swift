import Foundation

/// UUIDs in the order of their text (`uuidString`), compared on their 16 bytes without making strings.
public enum UUIDOrder {
    public static func less(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { x in
            withUnsafeBytes(of: b.uuid) { y in
                for i in 0..<16 where x[i] != y[i] { return x[i] < y[i] }
                return false
            }
        }
    }
}
