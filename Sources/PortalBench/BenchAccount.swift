/// One customer account that the `auth` load signs in with.
struct BenchAccount: Sendable {
    var email: String
    var password: String
    var name: String

    /// Account `index` of the run; passwords pass the portal's policy and share nothing with the address.
    init(index: Int) {
        email = "customer\(index)@bench.example"
        password = "plum-orbit-\(index)-sandal-quiet"
        name = "Bench Customer \(index)"
    }

    func signInBody(deviceName: String) -> [String: String] {
        ["email": email, "password": password, "deviceName": deviceName]
    }
}
