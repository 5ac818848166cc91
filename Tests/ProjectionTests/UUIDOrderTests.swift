import Foundation
import Projections
import Testing

@Suite("UUID order")
struct UUIDOrderTests {
    @Test func bytesSortLikeTheText() {
        var ids = (0..<2000).map { _ in UUID() }
        ids += [UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!]
        ids += Array(ids.prefix(10)) // equal ids are not less than each other
        #expect(ids.sorted(by: UUIDOrder.less) == ids.sorted { $0.uuidString < $1.uuidString })
        #expect(!UUIDOrder.less(ids[0], ids[0]))
    }
}
