import Foundation
import Semantics

/// The chat assistant end to end over HTTP on loopback: the real server (`portalctl serve --demo-content`,
/// release build) in a child process with a fresh data folder, and the sentence encoder's folder when one is
/// found (`PORTAL_MODEL_DIR`, else `.build-model`, as the `kb` and `semantic` groups find it).
///
/// 1. Ready: `/healthz` answers only once `Portal.open` is done, and that includes importing the demo
///    knowledge base and the starter intents and training and promoting intent model version 1. Then
///    `/readyz` must answer 200 (its `search` field says whether the encoder runs) and `/metrics` must show
///    every `portal_projection_lag` at 0 and, with the encoder, `portal_semantic_queue 0` with vectors
///    present (the demo articles' passages are encoded, so knowledge answers come from the hybrid search
///    they would get in production). Last, a
///    probe an anonymous customer could make: "hello" in a new conversation must be answered as small talk,
///    which only a promoted intent model does (without one the message goes to the knowledge base and
///    falls back). The probe is repeated each second in a new conversation until it holds or 10 minutes
///    pass. `chat.ready_s` is the time from starting the process to all three.
/// 2. Warm-up: one conversation through the whole script (``ChatScript``), not measured.
/// 3. Phases, each once with one client and once with `clients` concurrent clients; each client is a
///    ``PortalClient`` of its own (one URLSession, one kept-alive connection) sending one request after
///    another and timing each from sending to the whole answer read:
///    - baseline `GET /healthz` (routing, middleware, the client's own cost), before and after the chat
///      phases; the better window counts (other work on the machine can only slow one down);
///    - knowledge-base search `GET /api/v1/kb/search?q=…&limit=3` (hybrid: encode the query, nearest
///      passages, word search, fusion, snippets, and one append recording the search) with the script's
///      messages as queries: the search part of a chat turn on its own;
///    - chat turns: each client starts its anonymous conversations first (`POST /api/v1/chat/conversations`,
///      not timed; a new one every 40 turns, the script's length, since every turn reads the transcript)
///      and sends its messages of the script to them (`POST …/{id}/messages` with the conversation's
///      `X-Chat-Token`). Each turn: rate-limit check, read the conversation's stream, encode the message once,
///      classify it with the live intent model, extract entities, search the knowledge base when the
///      policy asks (recorded: one more append), the dialogue policy, one append of the turn. Every answer
///      must be 200 with an assistant line; the reply kinds are counted in `notes`.
///
/// The server runs with the chat's message and start limits raised out of the way (30 messages a minute per
/// participant by default; one client sends hundreds), CAPTCHA off and the minimum password cost (no
/// account is made), and `--retrain-hours 0` so no training starts during the measurement.
struct ChatBenchmark {
    let scratch: ScratchSpace
    let sizes: ChatSizes

    static let serverFlags = [
        "--demo-content", "--password-cost", "minimum", "--captcha", "off", "--chat-message-limit", "1000000/s",
        "--chat-start-limit", "1000000/s", "--rate-limit-ip", "1000000/s", "--retrain-hours", "0", "--log-level", "warning",
    ]

    /// One measured phase: every request's latency and the wall time of the whole phase.
    struct Phase {
        var latencies = LatencyRecorder()
        var seconds = 0.0
        var kinds: [String: Int] = [:]
        var requests: Int { latencies.count }
        var perSecond: Double { Double(requests) / seconds }
        var p50: Double { latencies.percentilesMilliseconds([50])[0] }
        var p99: Double { latencies.percentilesMilliseconds([99])[0] }
    }

    func run() async throws {
        let portalctl = try PortalServerProcess.locatePortalctl()
        let folder = scratch.path("chat")
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw BenchError.scratch("cannot create \(folder): \(error.localizedDescription)")
        }
        defer { scratch.remove(folder) }
        let modelFolder = ModelFiles.folder()
        let hasModel = (try? ModelFiles(folder: modelFolder)) != nil
        var flags = Self.serverFlags
        if hasModel {
            let absolute = modelFolder.hasPrefix("/") ? modelFolder : FileManager.default.currentDirectoryPath + "/" + modelFolder
            flags += ["--model", (absolute as NSString).standardizingPath]
        }
        let starting = Stopwatch()
        // Without a model the server must not go looking for one itself (a PORTAL_MODEL_DIR it cannot load stops it).
        let server = try PortalServerProcess(portalctl: portalctl, dataFolder: "\(folder)/data", logPath: "\(folder)/server.log", flags: flags,
                                             unsetting: hasModel ? [] : [ModelFiles.environmentVariable])
        defer { server.stop() }
        note("chat: \(server.commandLine)")

        let setup = PortalClient(baseURL: server.baseURL)
        try await server.waitUntilHealthy(client: setup, timeout: .seconds(900))
        let search = try await waitUntilReady(setup, server: server, semantic: hasModel)
        try await waitForIntentModel(setup, server: server)
        let readySeconds = starting.elapsedSeconds
        note("chat: ready after \(format(readySeconds)) s (search \(search))")
        let encoder = search == "semantic"
            ? "sentence encoder on (search \(search)): every message is encoded once for the classifier and the search"
            : "no sentence encoder (search \(search)): TF-IDF classifier, word search only"
        MetricLine("chat.ready_s", readySeconds, unit: "s",
                   notes: "portalctl serve --demo-content from start until /healthz, /readyz, "
                       + (hasModel ? "no passage waiting for the encoder, " : "")
                       + "and a greeting answered as small talk (intent model 1 trained and promoted at the first start); \(encoder)").emit()

        let clients = (0..<sizes.clients).map { _ in PortalClient(baseURL: server.baseURL) }
        _ = try await chat(clients: [clients[0]], turns: ChatSizes.turnsPerConversation, offset: 0)
        try Task.checkCancellation()

        let health1 = try await drive(clients: [clients[0]], perClient: sizes.baselineRequests) { _, _, client in try await healthz(client) }
        let healthC = try await drive(clients: clients, perClient: sizes.baselineRequests) { _, _, client in try await healthz(client) }
        let search1 = try await drive(clients: [clients[0]], perClient: sizes.singleClientSearches) { c, n, client in
            try await searchKB(client, ChatScript.message(client: c, turn: n))
        }
        let searchC = try await drive(clients: clients, perClient: sizes.searchesPerClient) { c, n, client in
            try await searchKB(client, ChatScript.message(client: c, turn: n))
        }
        let chat1 = try await chat(clients: [clients[0]], turns: sizes.singleClientTurns, offset: 1)
        let chatC = try await chat(clients: clients, turns: sizes.turnsPerClient, offset: 0)
        let health1Again = try await drive(clients: [clients[0]], perClient: sizes.baselineRequests) { _, _, client in try await healthz(client) }
        let healthCAgain = try await drive(clients: clients, perClient: sizes.baselineRequests) { _, _, client in try await healthz(client) }
        try server.checkRunning()

        // Other work on the machine can only slow a window down, so the better one counts.
        let base1 = health1Again.p99 < health1.p99 ? health1Again : health1
        let baseC = healthCAgain.p99 < healthC.p99 ? healthCAgain : healthC
        let c = sizes.clients
        let clientNote = "\(c) concurrent clients, each its own URLSession and connection, one request after another"

        let baseRate = MetricLine("chat.baseline_per_s", baseC.perSecond, unit: "requests/s", extra: [("requests", Double(baseC.requests)), ("clients", Double(c))],
                                  notes: "GET /healthz, \(clientNote); the better of a window before and one after the chat phases (p99 "
                                      + "\(format(healthC.p99)) and \(format(healthCAgain.p99)) ms)")
        let baseP50 = MetricLine("chat.baseline_p50_ms", baseC.p50, unit: "ms")
        let baseP99 = MetricLine("chat.baseline_p99_ms", baseC.p99, unit: "ms")
        let baseP50c1 = MetricLine("chat.baseline_p50_ms.c1", base1.p50, unit: "ms", extra: [("requests", Double(base1.requests))],
                                   notes: "GET /healthz from one client, the better of two windows")
        let baseP99c1 = MetricLine("chat.baseline_p99_ms.c1", base1.p99, unit: "ms")
        for line in [baseRate, baseP50, baseP99, baseP50c1, baseP99c1] { line.emit() }

        let kbRate = MetricLine("chat.kb_search_per_s", searchC.perSecond, unit: "requests/s",
                                extra: [("requests", Double(searchC.requests)), ("clients", Double(c))],
                                baseline: baseRate.metric, ratio: searchC.perSecond / baseRate.value,
                                notes: "GET /api/v1/kb/search?q=…&limit=3 (hybrid; the search recorded: one append) with the chat script's "
                                    + "\(ChatScript.messages.count) messages as queries, \(clientNote); \(encoder)")
        let kbP50 = MetricLine("chat.kb_search_p50_ms", searchC.p50, unit: "ms", baseline: baseP50.metric, ratio: searchC.p50 / baseP50.value)
        let kbP99 = MetricLine("chat.kb_search_p99_ms", searchC.p99, unit: "ms", baseline: baseP99.metric, ratio: searchC.p99 / baseP99.value)
        let kbP99c1 = MetricLine("chat.kb_search_p99_ms.c1", search1.p99, unit: "ms", extra: [("p50", search1.p50), ("requests", Double(search1.requests))],
                                 baseline: baseP99c1.metric, ratio: search1.p99 / baseP99c1.value, notes: "the same from one client")
        for line in [kbRate, kbP50, kbP99, kbP99c1] { line.emit() }

        let kinds = chatC.kinds.merging(chat1.kinds, uniquingKeysWith: +).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        MetricLine("chat.turns_per_s", chatC.perSecond, unit: "turns/s",
                   extra: [("turns", Double(chatC.requests)), ("clients", Double(c)), ("kb_search_ratio", chatC.perSecond / searchC.perSecond)],
                   baseline: baseRate.metric, ratio: chatC.perSecond / baseRate.value,
                   notes: "POST /api/v1/chat/conversations/{id}/messages, anonymous visitors (X-Chat-Token), \(clientNote), each in "
                       + "conversations of at most \(ChatSizes.turnsPerConversation) turns, \(sizes.turnsPerClient) turns each from a fixed script of \(ChatScript.messages.count) messages "
                       + "(greetings, demo FAQ questions, intents with slots, ticket status, out of scope); a turn: read the stream, "
                       + (search == "semantic" ? "encode once, " : "") + "classify (intent model 1), entities, knowledge-base search when the policy needs it (recorded), "
                       + "dialogue policy, one append; \(encoder); reply kinds over both chat phases: \(kinds)").emit()
        MetricLine("chat.turn_p50_ms", chatC.p50, unit: "ms", extra: [("kb_search_ratio", chatC.p50 / searchC.p50)],
                   baseline: baseP50.metric, ratio: chatC.p50 / baseP50.value).emit()
        MetricLine("chat.turn_p99_ms", chatC.p99, unit: "ms", extra: [("kb_search_ratio", chatC.p99 / searchC.p99)],
                   baseline: baseP99.metric, ratio: chatC.p99 / baseP99.value).emit()
        MetricLine("chat.turns_per_s.c1", chat1.perSecond, unit: "turns/s", extra: [("turns", Double(chat1.requests))],
                   notes: "one client, \(sizes.singleClientTurns) turns in conversations of at most \(ChatSizes.turnsPerConversation) turns, nothing else running against the server").emit()
        MetricLine("chat.turn_p50_ms.c1", chat1.p50, unit: "ms", extra: [("kb_search_ratio", chat1.p50 / search1.p50)],
                   baseline: baseP50c1.metric, ratio: chat1.p50 / base1.p50).emit()
        MetricLine("chat.turn_p99_ms.c1", chat1.p99, unit: "ms", extra: [("kb_search_ratio", chat1.p99 / search1.p99)],
                   baseline: baseP99c1.metric, ratio: chat1.p99 / base1.p99).emit()

        try server.checkRunning()
        if server.loggedLines > 0 { note("chat: the server logged \(server.loggedLines) lines at warning or above; the last:\n\(server.logTail(lines: 5))") }
    }

    // MARK: - Ready

    /// Waits for `/readyz` and, with the encoder, for the encoder's queue to be empty; returns the search mode.
    private func waitUntilReady(_ client: PortalClient, server: PortalServerProcess, semantic: Bool) async throws -> String {
        let clock = Stopwatch()
        var problem = "no answer yet"
        while clock.elapsedSeconds < 600 {
            try server.checkRunning()
            try Task.checkCancellation()
            let ready = try await client.get("readyz", timeout: 5)
            if ready.status == 200, let object = try? JSONSerialization.jsonObject(with: ready.body) as? [String: Any],
               let search = object["search"] as? String {
                // /readyz tolerates some lag; here every projection must have caught up, the semantic one included.
                let metrics = try await client.get("metrics", timeout: 5)
                let samples = String(decoding: metrics.body, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }
                    .compactMap { line -> (name: Substring, value: Double)? in
                        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { return nil }
                        return (line[..<space], value)
                    }
                let lagging = samples.filter { $0.name.hasPrefix("portal_projection_lag") && $0.value > 0 }
                let queued = samples.first { $0.name == "portal_semantic_queue" }?.value
                let vectors = samples.first { $0.name == "portal_semantic_vectors" }?.value
                if !lagging.isEmpty {
                    problem = "projections lagging: " + lagging.map { "\($0.name) \(Int($0.value))" }.joined(separator: ", ")
                } else if semantic, search == "semantic", queued != 0 || (vectors ?? 0) == 0 {
                    problem = "portal_semantic_queue \(queued.map { String(Int($0)) } ?? "missing"), portal_semantic_vectors \(vectors.map { String(Int($0)) } ?? "missing")"
                } else {
                    return search
                }
            } else {
                problem = "GET /readyz answered \(ready.status): \(ready.text)"
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw BenchError.server("not ready after 600 s (\(problem)); its log:\n\(server.logTail())")
    }

    /// Waits until a greeting gets the small-talk answer only a live intent model gives.
    private func waitForIntentModel(_ client: PortalClient, server: PortalServerProcess) async throws {
        let clock = Stopwatch()
        var last = "no answer yet"
        while clock.elapsedSeconds < 600 {
            try server.checkRunning()
            try Task.checkCancellation()
            let conversation = try await startConversation(client)
            let kind = try await turn(client, conversation: conversation, text: "hello")
            if kind == "smallTalk" { return }
            last = "a greeting answered as \(kind)"
            try await Task.sleep(for: .seconds(1))
        }
        throw BenchError.server("no intent model live after 600 s (\(last)); its log:\n\(server.logTail())")
    }

    // MARK: - Requests

    struct Conversation {
        var path: String
        var token: String
    }

    private func startConversation(_ client: PortalClient) async throws -> Conversation {
        let answer = try await client.send("api/v1/chat/conversations", json: Data(#"{"timeZone":"Europe/Berlin"}"#.utf8))
        guard answer.status == 201, let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
              let id = object["id"] as? String, let token = object["visitorToken"] as? String else {
            throw BenchError.server("starting a conversation answered \(answer.status): \(answer.text)")
        }
        return Conversation(path: "api/v1/chat/conversations/\(id.lowercased())/messages", token: token)
    }

    /// One message; returns the kind of the assistant's reply.
    private func turn(_ client: PortalClient, conversation: Conversation, text: String) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["text": text])
        let answer = try await client.send(conversation.path, json: body, headers: ["X-Chat-Token": conversation.token])
        guard answer.status == 200, let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
              let lines = object["lines"] as? [[String: Any]],
              let reply = lines.last(where: { $0["from"] as? String == "assistant" }), let kind = reply["kind"] as? String else {
            throw BenchError.server("the message '\(text)' answered \(answer.status): \(answer.text)")
        }
        return kind
    }

    private func healthz(_ client: PortalClient) async throws {
        let answer = try await client.get("healthz")
        guard answer.status == 200 else { throw BenchError.server("GET /healthz answered \(answer.status): \(answer.text)") }
    }

    private func searchKB(_ client: PortalClient, _ query: String) async throws {
        let answer = try await client.send("api/v1/kb/search", query: [("q", query), ("limit", "3")])
        guard answer.status == 200 else { throw BenchError.server("searching '\(query)' answered \(answer.status): \(answer.text)") }
    }

    // MARK: - Phases

    /// Every client sends `perClient` requests one after another, all clients at once; each request timed.
    private func drive(clients: [PortalClient], perClient: Int,
                       _ request: @escaping @Sendable (_ client: Int, _ n: Int, PortalClient) async throws -> Void) async throws -> Phase {
        let clock = Stopwatch()
        var phase = try await withThrowingTaskGroup(of: LatencyRecorder.self) { group in
            for (c, client) in clients.enumerated() {
                group.addTask {
                    var recorder = LatencyRecorder(capacity: perClient)
                    for n in 0..<perClient {
                        try Task.checkCancellation()
                        let start = Stopwatch.now()
                        try await request(c, n, client)
                        recorder.record(since: start)
                    }
                    return recorder
                }
            }
            var phase = Phase()
            for try await recorder in group { phase.latencies.merge(recorder) }
            return phase
        }
        phase.seconds = clock.elapsedSeconds
        return phase
    }

    /// Each client starts its conversations first (not timed, one for every `ChatSizes.turnsPerConversation`
    /// turns), then all send `turns` messages of the script at once; `offset` shifts the clients' places in the
    /// script so the one-client phase is not the warm-up again.
    private func chat(clients: [PortalClient], turns: Int, offset: Int) async throws -> Phase {
        let perConversation = ChatSizes.turnsPerConversation
        var started: [[Conversation]] = []
        for client in clients {
            var mine: [Conversation] = []
            for _ in 0..<((turns + perConversation - 1) / perConversation) { mine.append(try await startConversation(client)) }
            started.append(mine)
        }
        let clock = Stopwatch()
        var phase = try await withThrowingTaskGroup(of: (LatencyRecorder, [String: Int]).self) { group in
            for (c, client) in clients.enumerated() {
                let conversations = started[c]
                group.addTask {
                    var recorder = LatencyRecorder(capacity: turns)
                    var kinds: [String: Int] = [:]
                    for n in 0..<turns {
                        try Task.checkCancellation()
                        let text = ChatScript.message(client: c + offset, turn: n)
                        let start = Stopwatch.now()
                        let kind = try await turn(client, conversation: conversations[n / perConversation], text: text)
                        recorder.record(since: start)
                        kinds[kind, default: 0] += 1
                    }
                    return (recorder, kinds)
                }
            }
            var phase = Phase()
            for try await (recorder, kinds) in group {
                phase.latencies.merge(recorder)
                phase.kinds.merge(kinds, uniquingKeysWith: +)
            }
            return phase
        }
        phase.seconds = clock.elapsedSeconds
        return phase
    }
}
