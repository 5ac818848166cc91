import Foundation

/// Puts the `tickets` group's data set into a running server, all through its public ways in:
///
/// 1. Customers and one admin register through the API; each confirms the address with the token
///    from the verification e-mail the server wrote into its mail folder (opening tickets needs a
///    verified address).
/// 2. `portalctl accounts grant-role … admin` over the server's admin socket; the admin creates the
///    "support" category with a one-field form through POST /api/v1/admin/categories.
/// 3. Every customer signs in; wrk opens the tickets of ``TicketCorpus`` through POST
///    /api/v1/tickets on many connections, each request with its customer's token, and stops once
///    it has sent them all. Its report is the seeding figure.
struct TicketSeeder {
    struct Seeded {
        var customers: [BenchAccount]
        /// The tickets sent (in the order of the request file), so queries can be drawn from them.
        var tickets: [TicketCorpus.Ticket]
        var run: WrkOutput
        var connections: Int
    }

    let server: PortalServerProcess
    let client: PortalClient
    let portalctl: String
    let wrk: String
    let dataFolder: String
    let folder: String
    let sizes: TicketSizes
    let deviceName = "portal-bench"
    var seedThreads = 2
    /// Enough waiting requests that the store's group commit fills its batches.
    var seedConnections = 64

    /// Steps 1 and 2; returns the customers, verified, in index order.
    func prepareAccounts() async throws -> [BenchAccount] {
        let setup = Stopwatch()
        let customers = (1...sizes.customers).map { BenchAccount(index: $0) }
        var admin = BenchAccount(index: 0)
        admin.email = "admin@bench.example"
        admin.name = "Bench Admin"
        let everyone = [admin] + customers
        let client = self.client
        try await forEachConcurrently(everyone, width: 4) { try await client.register($0) }
        let tokens = try await verificationTokens(for: everyone.map(\.email))
        try await forEachConcurrently(everyone, width: 4) { try await client.verifyEmail(token: tokens[$0.email]!) }
        note("tickets: \(everyone.count) accounts registered and verified in \(format(setup.elapsedSeconds)) s")

        try runPortalctl(["accounts", "grant-role", admin.email, "admin", "--data", dataFolder])
        let adminToken = try await client.signIn(admin, deviceName: deviceName)
        let created = try await client.post("api/v1/admin/categories", body: Data(TicketCorpus.categoryJSON.utf8), bearer: adminToken)
        guard created.status == 201 else { throw BenchError.server("creating the support category answered \(created.status): \(created.text)") }
        return customers
    }

    /// Signs every customer in; tokens in customer order.
    func signIn(_ customers: [BenchAccount]) async throws -> [String] {
        let tokens = TokenBox(count: customers.count)
        let client = self.client, deviceName = self.deviceName
        try await forEachConcurrently(Array(customers.enumerated()), width: 4) { pair in
            tokens.set(pair.offset, try await client.signIn(pair.element, deviceName: deviceName))
        }
        return tokens.all
    }

    /// Step 3: opens `sizes.tickets` tickets (and, from requests still under way when wrk stops, a
    /// few more).
    func seed(_ customers: [BenchAccount]) async throws -> Seeded {
        var corpus = TicketCorpus(seed: 0x7469_636B_6574_7321, customers: customers.count)
        // Spare lines for the requests wrk sends between the last thread's marker and its stop.
        let spare = 4 * seedConnections + 2_000
        let tickets = (0..<(sizes.tickets + spare)).map { _ in corpus.next() }
        let file = "\(folder)/seed.tsv", script = "\(folder)/seed.lua", marker = "\(folder)/seed.done"
        try TicketWrkScripts.writeRequests(try tickets.map { .init(customer: $0.customer, path: "/api/v1/tickets", body: try TicketCorpus.openBody($0)) },
                                           to: file)
        let tokens = try await signIn(customers)
        let quota = (sizes.tickets + seedThreads - 1) / seedThreads
        try write(TicketWrkScripts.requests(method: "POST", tokens: tokens, requestFile: file, threads: seedThreads, quota: quota,
                                            markerPrefix: marker, purpose: "seeding: POST /api/v1/tickets, \(quota) per thread"), to: script)
        let threads = seedThreads
        let run = WrkRun(label: "seed", threads: seedThreads, connections: seedConnections, seconds: 1_800, script: script,
                         url: server.baseURL.appendingPathComponent("api/v1/tickets"),
                         stopWhen: { (0..<threads).allSatisfy { FileManager.default.fileExists(atPath: "\(marker).\($0)") } })
        note("tickets: seeding \(sizes.tickets) tickets of \(customers.count) customers: \(run.commandLine)")
        let output = try await run.run(wrk: wrk)
        note("tickets: \(output.requests) tickets opened in \(format(output.seconds)) s")
        return Seeded(customers: customers, tickets: Array(tickets.prefix(sizes.tickets)), run: output, connections: seedConnections)
    }

    /// The verification token of each address, from the `.eml` files in the server's mail folder
    /// (quoted-printable bodies; the link is `…/verify-email?token=…`). Waits up to 60 s for them.
    private func verificationTokens(for emails: [String]) async throws -> [String: String] {
        let mailFolder = "\(dataFolder)/mail"
        let clock = Stopwatch()
        var found: [String: String] = [:]
        while clock.elapsedSeconds < 60 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: mailFolder)) ?? []
            for name in names where name.hasSuffix(".eml") && !name.hasPrefix(".") {
                guard let raw = try? String(contentsOfFile: "\(mailFolder)/\(name)", encoding: .utf8) else { continue }
                let text = Self.decodeQuotedPrintable(raw)
                guard let email = emails.first(where: { text.contains("<\($0)>") }), found[email] == nil,
                      let range = text.range(of: "/verify-email?token=") else { continue }
                let token = text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                if !token.isEmpty { found[email] = String(token) }
            }
            if found.count == emails.count { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError.server("after 60 s, \(mailFolder) holds verification links for \(found.count) of \(emails.count) new accounts")
    }

    /// Soft line breaks removed and `=XX` escapes decoded (enough for ASCII links).
    static func decodeQuotedPrintable(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "")
        var bytes: [UInt8] = []
        var input = Array(joined.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "="), input.count >= 2, let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func runPortalctl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: portalctl)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch { throw BenchError.server("cannot start \(portalctl): \(error.localizedDescription)") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError.server("`portalctl \(arguments.joined(separator: " "))` failed (\(process.terminationStatus)): \(text)")
        }
    }

    private func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw BenchError.scratch("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// Access tokens filled in by concurrent sign-ins.
final class TokenBox: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: [String]

    init(count: Int) { tokens = Array(repeating: "", count: count) }

    func set(_ index: Int, _ token: String) { lock.withLock { tokens[index] = token } }

    var all: [String] { lock.withLock { tokens } }
}

/// Runs `body` for each element, `width` at a time (registration and sign-in each cost one hash).
func forEachConcurrently<T: Sendable>(_ items: [T], width: Int, _ body: @escaping @Sendable (T) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var pending = items.makeIterator()
        for _ in 0..<width { if let item = pending.next() { group.addTask { try await body(item) } } }
        while try await group.next() != nil {
            if let item = pending.next() { group.addTask { try await body(item) } }
        }
    }
}
