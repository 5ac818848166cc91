import Foundation

/// Tickets end to end over HTTP on loopback: the real server (`portalctl serve`, release build) in a
/// child process with a fresh data folder, wrk as the load in other processes, on a history of
/// 100,000 tickets (`--quick`: 5,000) of 40 customers (`--quick`: 10).
///
/// 1. Seeding (``TicketSeeder``): customers register and verify their addresses, an admin creates
///    the "support" category, and wrk opens the tickets of ``TicketCorpus`` through
///    POST /api/v1/tickets on 64 connections. The server runs with the ticket-write limit
///    (`--rate-limit-ticket-writes`, 60/min per account by default) and the sign-in limits raised
///    out of the way: at 60 per minute, 2,500 tickets per customer would take 42 minutes.
/// 2. The data set's size, from `portalctl stats` on the live data folder.
/// 3. Load phases of equal shape (2 wrk threads, 16 connections, 15 s; `--quick`: 3 s), each
///    rotating over every customer's access token: the baseline GET /api/v1/me; timelines GET
///    /api/v1/tickets/{id} of tickets the token's customer owns (a sample of each customer's
///    history, taken through the list API); history searches GET /api/v1/tickets?q=…&limit=20 with
///    one or two words drawn from that customer's seeded subjects; opening more tickets (last of the
///    ticket phases, so the reads ran on exactly the data set printed); the baseline once more.
///
/// The JSON lines, in the order printed (`value` and `unit` always; `baseline` and `ratio` = value ÷
/// the baseline's value, from this run; latencies are wrk's, in ms, with its correction for
/// requests that waited behind slow ones):
///
/// - `tickets.seed_per_s`: tickets opened per second while seeding (tickets/s); `tickets`: how many
///   wrk saw answered (all 201), `connections`: wrk connections; `notes`: the server's flags that
///   matter for it.
/// - `tickets.seed.p50_ms`, `tickets.seed.p99_ms`: latency of POST /api/v1/tickets while seeding.
/// - `tickets.dataset`: tickets in the log after seeding (`TicketOpened` events; unit tickets);
///   `customers`; `events`: all events in the log (registrations, sign-ins, category, tickets);
///   `log_bytes`: size of the log file on disk; `log_used_bytes`: of it, the pages in use.
/// - `tickets.get_me_per_s`, `tickets.get_me.p50_ms`, `tickets.get_me.p99_ms`: the baseline, GET
///   /api/v1/me (bearer check plus one profile read) under the same load shape, from the better of
///   its two windows (other work on the machine can only slow one down); `notes`: both rates.
/// - `tickets.timeline_per_s`, `tickets.timeline.p50_ms`, `tickets.timeline.p99_ms`: GET
///   /api/v1/tickets/{id}, each against the matching baseline figure; `ids`: distinct tickets read.
/// - `tickets.search_per_s`, `tickets.search.p50_ms`, `tickets.search.p99_ms`: GET
///   /api/v1/tickets?q=…&limit=20 over the customer's whole history, against the baseline; `queries`:
///   distinct queries; `notes`: how many tickets the queries match (the server's `total`, as a
///   share of the customer's tickets, from one query per customer before the load).
/// - `tickets.create_per_s`, `tickets.create.p50_ms`, `tickets.create.p99_ms`: POST /api/v1/tickets on
///   the full data set under the same load shape, against the baseline.
///
/// The server is stopped and its folder removed on every way out, an interrupt included.
struct TicketBenchmark {
    let scratch: ScratchSpace
    let sizes: TicketSizes
    var threads = 2
    var connections = 16
    /// Tickets sampled from each customer's history for the timeline reads (fewer where pages overlap).
    var idsPerCustomer = 300
    /// The list API's largest page.
    static let pageSize = 100
    /// Queries drawn per customer for the search load.
    var queriesPerCustomer = 50
    static let serverFlags = [
        "--password-cost", "minimum", "--rate-limit-ip", "1000000/s", "--rate-limit-account", "1000000/s",
        "--rate-limit-ticket-writes", "1000000/s", "--captcha", "off", "--log-level", "warning",
    ]

    func run() async throws {
        let portalctl = try PortalServerProcess.locatePortalctl()
        let wrk = try WrkRun.locate()
        let folder = scratch.path("tickets")
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw BenchError.scratch("cannot create \(folder): \(error.localizedDescription)")
        }
        defer { scratch.remove(folder) }
        let dataFolder = "\(folder)/data"
        let server = try PortalServerProcess(portalctl: portalctl, dataFolder: dataFolder, logPath: "\(folder)/server.log", flags: Self.serverFlags)
        defer { server.stop() }
        note("tickets: \(server.commandLine)")

        do {
            let client = PortalClient(baseURL: server.baseURL)
            try await server.waitUntilHealthy(client: client)
            let seeder = TicketSeeder(server: server, client: client, portalctl: portalctl, wrk: wrk, dataFolder: dataFolder, folder: folder, sizes: sizes)
            let customers = try await seeder.prepareAccounts()
            try Task.checkCancellation()
            let seeded = try await seeder.seed(customers)
            try server.checkRunning()
            let seed = seeded.run
            MetricLine("tickets.seed_per_s", seed.requestsPerSecond, unit: "tickets/s",
                       extra: [("tickets", Double(seed.requests)), ("connections", Double(seeded.connections))],
                       notes: "POST /api/v1/tickets from wrk, \(customers.count) customers' tokens in turn; server flags: "
                           + Self.serverFlags.joined(separator: " ")
                           + " (at the default ticket-write limit of 60/min per account, \(sizes.tickets / customers.count) tickets per customer "
                           + "would take \(Int((Double(sizes.tickets) / Double(customers.count) / 60).rounded())) minutes)").emit()
            MetricLine("tickets.seed.p50_ms", seed.p50Milliseconds, unit: "ms").emit()
            MetricLine("tickets.seed.p99_ms", seed.p99Milliseconds, unit: "ms").emit()

            try await dataSetLine(portalctl: portalctl, dataFolder: dataFolder, customers: customers.count).emit()

            let tokens = try await seeder.signIn(customers)
            let phases = try await prepareReads(client: client, tokens: tokens, seeded: seeded, folder: folder)
            try Task.checkCancellation()

            let before = try await load("get_me", method: "GET", tokens: tokens, lines: phases.me, folder: folder, server: server, wrk: wrk)
            let timelines = try await load("timeline", method: "GET", tokens: tokens, lines: phases.timelines, folder: folder, server: server, wrk: wrk)
            let searches = try await load("search", method: "GET", tokens: tokens, lines: phases.searches, folder: folder, server: server, wrk: wrk)
            let creates = try await load("create", method: "POST", tokens: tokens, lines: phases.creates, folder: folder, server: server, wrk: wrk)
            let after = try await load("get_me_again", method: "GET", tokens: tokens, lines: phases.me, folder: folder, server: server, wrk: wrk)

            // Other work on the machine can only slow a window down, so the better one counts.
            let baseline = after.requestsPerSecond > before.requestsPerSecond ? after : before
            let rate = MetricLine("tickets.get_me_per_s", baseline.requestsPerSecond, unit: "requests/s",
                                  notes: "GET /api/v1/me, the better of two windows: before the ticket phases "
                                      + "\(String(format: "%.1f", before.requestsPerSecond)) requests/s, after them \(String(format: "%.1f", after.requestsPerSecond))")
            let p50 = MetricLine("tickets.get_me.p50_ms", baseline.p50Milliseconds, unit: "ms")
            let p99 = MetricLine("tickets.get_me.p99_ms", baseline.p99Milliseconds, unit: "ms")
            for line in [rate, p50, p99] { line.emit() }

            func compared(_ name: String, _ output: WrkOutput, unit: String, extra: [(key: String, value: Double)] = [], notes: String? = nil) {
                MetricLine("tickets.\(name)_per_s", output.requestsPerSecond, unit: unit, extra: extra,
                           baseline: rate.metric, ratio: output.requestsPerSecond / rate.value, notes: notes).emit()
                MetricLine("tickets.\(name).p50_ms", output.p50Milliseconds, unit: "ms", baseline: p50.metric, ratio: output.p50Milliseconds / p50.value).emit()
                MetricLine("tickets.\(name).p99_ms", output.p99Milliseconds, unit: "ms", baseline: p99.metric, ratio: output.p99Milliseconds / p99.value).emit()
            }
            compared("timeline", timelines, unit: "requests/s", extra: [("ids", Double(phases.timelines.count))])
            compared("search", searches, unit: "requests/s", extra: [("queries", Double(phases.searches.count))], notes: phases.searchNotes)
            compared("create", creates, unit: "tickets/s")

            try server.checkRunning()
            if server.loggedLines > 0 { note("tickets: the server logged \(server.loggedLines) lines at warning or above; the last:\n\(server.logTail(lines: 5))") }
        } catch let error as BenchError {
            guard case .loadGenerator(let message) = error, server.loggedLines > 0 else { throw error }
            throw BenchError.loadGenerator("\(message)\nthe server's log ends with:\n\(server.logTail())")
        }
    }

    /// The request files of the measured phases, and what the search queries match.
    struct Phases {
        var me: [TicketWrkScripts.Line]
        var timelines: [TicketWrkScripts.Line]
        var searches: [TicketWrkScripts.Line]
        var creates: [TicketWrkScripts.Line]
        var searchNotes: String
    }

    private func prepareReads(client: PortalClient, tokens: [String], seeded: TicketSeeder.Seeded, folder: String) async throws -> Phases {
        let clock = Stopwatch()
        var rng = SplitMix64(seed: 0x7265_6164_7321)
        let customers = tokens.count

        // A sample of each customer's history: pages of the oldest-first list at random offsets.
        var timelines: [TicketWrkScripts.Line] = []
        var owned: [Int] = []
        for (customer, token) in tokens.enumerated() {
            let first = try await listPage(client, token: token, offset: 0, limit: 1)
            owned.append(first.total)
            var ids = Set<String>()
            for _ in 0..<(idsPerCustomer / Self.pageSize) {
                let offset = first.total > Self.pageSize ? Int(rng.next() % UInt64(first.total - Self.pageSize + 1)) : 0
                ids.formUnion(try await listPage(client, token: token, offset: offset, limit: Self.pageSize).ids)
            }
            timelines += ids.sorted().map { .init(customer: customer, path: "/api/v1/tickets/\($0)", body: nil) }
        }
        guard !timelines.isEmpty else { throw BenchError.check("no customer has a ticket after seeding") }
        let fewest = owned.min() ?? 0
        note("tickets: \(timelines.count) ticket ids sampled; customers own \(fewest) to \(owned.max() ?? 0) tickets each")

        // Queries from each customer's own seeded subjects.
        var corpus = TicketCorpus(seed: 0x7365_6172_6368, customers: customers)
        let byCustomer = Dictionary(grouping: seeded.tickets, by: \.customer)
        var searches: [TicketWrkScripts.Line] = []
        var probes: [(customer: Int, query: String)] = []
        for customer in 0..<customers {
            guard let own = byCustomer[customer], !own.isEmpty else { continue }
            for n in 0..<queriesPerCustomer {
                let query = corpus.query(from: own[Int(rng.next() % UInt64(own.count))])
                if n == 0 { probes.append((customer, query)) }
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
                searches.append(.init(customer: customer, path: "/api/v1/tickets?q=\(encoded)&limit=20", body: nil))
            }
        }
        // What the queries find, as the server counts it.
        var shares: [Double] = []
        for probe in probes {
            let answer = try await client.get("api/v1/tickets", query: [("q", probe.query), ("limit", "20")], bearer: tokens[probe.customer])
            guard answer.status == 200, let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
                  let total = object["total"] as? Int else {
                throw BenchError.server("searching '\(probe.query)' answered \(answer.status): \(answer.text)")
            }
            guard total > 0 else { throw BenchError.check("searching '\(probe.query)', drawn from the customer's own subjects, found nothing") }
            shares.append(Double(total) / Double(max(1, owned[probe.customer])))
        }
        shares.sort()
        let percent = { (share: Double) in String(format: "%.1f %%", share * 100) }
        let searchNotes = "\(customers) customers with \(fewest)+ tickets each, \(queriesPerCustomer) queries each (1 or 2 words from their own subjects); "
            + "one query per customer matched \(percent(shares.first ?? 0)) to \(percent(shares.last ?? 0)) of that customer's tickets, "
            + "median \(percent(shares.isEmpty ? 0 : shares[shares.count / 2]))"

        let me = (0..<customers).map { TicketWrkScripts.Line(customer: $0, path: "/api/v1/me", body: nil) }
        var fresh = TicketCorpus(seed: 0x6D6F_7265_2D74_6B74, customers: customers)
        let creates = try (0..<max(2_000, sizes.tickets / 5)).map { _ in
            let ticket = fresh.next()
            return TicketWrkScripts.Line(customer: ticket.customer, path: "/api/v1/tickets", body: try TicketCorpus.openBody(ticket))
        }
        note("tickets: read phases prepared in \(format(clock.elapsedSeconds)) s")
        return Phases(me: me.shuffled(using: &rng), timelines: timelines.shuffled(using: &rng), searches: searches.shuffled(using: &rng),
                      creates: creates, searchNotes: searchNotes)
    }

    private func listPage(_ client: PortalClient, token: String, offset: Int, limit: Int) async throws -> (total: Int, ids: [String]) {
        let answer = try await client.get("api/v1/tickets", query: [("sort", "oldest"), ("offset", String(offset)), ("limit", String(limit))], bearer: token)
        guard answer.status == 200, let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
              let total = object["total"] as? Int, let items = object["items"] as? [[String: Any]] else {
            throw BenchError.server("listing tickets answered \(answer.status): \(answer.text)")
        }
        return (total, items.compactMap { ($0["id"] as? String)?.lowercased() })
    }

    /// One measured phase: `lines` in turn on every connection for `sizes.seconds`.
    private func load(_ label: String, method: String, tokens: [String], lines: [TicketWrkScripts.Line], folder: String,
                      server: PortalServerProcess, wrk: String) async throws -> WrkOutput {
        try Task.checkCancellation()
        let file = "\(folder)/\(label).tsv", script = "\(folder)/\(label).lua"
        try TicketWrkScripts.writeRequests(lines, to: file)
        let text = TicketWrkScripts.requests(method: method, tokens: tokens, requestFile: file, threads: threads,
                                             purpose: "\(label): \(method) requests of \(tokens.count) customers in turn")
        do { try text.write(toFile: script, atomically: true, encoding: .utf8) } catch {
            throw BenchError.scratch("cannot write \(script): \(error.localizedDescription)")
        }
        let run = WrkRun(label: label, threads: threads, connections: connections, seconds: sizes.seconds, script: script,
                         url: server.baseURL)
        note("tickets: \(run.commandLine)")
        let output = try await run.run(wrk: wrk)
        try server.checkRunning()
        note("tickets: \(label): \(output.requests) requests in \(format(output.seconds)) s")
        return output
    }

    /// `tickets.dataset`, from `portalctl stats --json` on the live folder (it reads alongside the server).
    private func dataSetLine(portalctl: String, dataFolder: String, customers: Int) async throws -> MetricLine {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: portalctl)
        process.arguments = ["stats", "--json", "--data", dataFolder]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw BenchError.server("cannot start \(portalctl) stats: \(error.localizedDescription)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let events = object["events"] as? Int, let fileBytes = object["fileBytes"] as? Int, let usedBytes = object["usedBytes"] as? Int,
              let byType = object["eventsByType"] as? [String: Int] else {
            throw BenchError.server("`portalctl stats --json` failed (\(process.terminationStatus)): \(problems)\(String(decoding: data.prefix(500), as: UTF8.self))")
        }
        let tickets = byType["TicketOpened"] ?? 0
        guard tickets >= sizes.tickets else { throw BenchError.check("the log holds \(tickets) opened tickets after seeding \(sizes.tickets)") }
        return MetricLine("tickets.dataset", Double(tickets), unit: "tickets",
                          extra: [("customers", Double(customers)), ("events", Double(events)), ("log_bytes", Double(fileBytes)),
                                  ("log_used_bytes", Double(usedBytes))])
    }
}
