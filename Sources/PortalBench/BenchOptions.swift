/// The command line of `portal-bench`.
struct BenchOptions: Sendable {
    /// The groups of figures, selectable with `--only`.
    enum Group: String, CaseIterable, Sendable {
        case lmdb, append, replay, auth, tickets, semantic, kb, chat
    }

    /// Where scratch folders go; nil means a fresh folder under the system's temporary directory.
    var dataPath: String?
    /// Ten times smaller counts and 3-second load phases, for a smoke run.
    var quick = false
    var groups = Set(Group.allCases)
    /// Where the `kb` group keeps its seeded knowledge base between runs; nil means seed it afresh.
    var kbCache: String?

    static let usage = """
        usage: portal-bench [--data DIR] [--quick] [--only GROUP[,GROUP…]] [--kb-cache DIR]

        Measures the event log and the server on this machine and prints one JSON line per figure on stdout:
          lmdb     raw LMDB: one put per synced transaction, and 1,000 puts per transaction
          append   durable EventStore appends with 1, 16 and 256 concurrent writers, with latency
          replay   rebuild of the accounts and security-log projections over 1,000,000 portal events
          auth     sign-ins over HTTP against `portalctl serve` (found next to this program) driven by
                   wrk, against raw Argon2id verifications; GET /api/v1/me latency idle and under
                   sign-in load
          tickets  tickets over HTTP against `portalctl serve` on a seeded history of 100,000 tickets of 40
                   customers, driven by wrk: the seeding rate, then opening tickets, reading timelines and
                   searching the history, each against GET /api/v1/me under the same load
          kb       the knowledge base's search on 10,000 articles through the portal's service: lexical and hybrid
                   search p50/p99 (the query's encoding included), suggestions as you type (1,000 in --quick)
          semantic the sentence encoder (needs `make model`): sentences/s batched, one-sentence latency;
                   nearest-neighbour search over 100,000 vectors against a plain scan, and filtered
          chat     the chat assistant over HTTP against `portalctl serve --demo-content` (with the sentence
                   encoder when `make model` installed it): 8 anonymous customers at once, 50 messages each
                   from a fixed script (FAQ questions, intents, out of scope), then one customer alone (200):
                   turns/s and p50/p99 per turn, against GET /healthz and the knowledge-base search API with
                   the same messages through the same clients

        options:
          --data DIR   put the scratch environments in DIR (default: a new folder under /tmp);
                       what the run creates there is removed at the end
          --quick      ten times smaller counts (5,000 tickets of 10 customers; 8 chat messages a customer),
                       3-second load phases
                       (a smoke run; figures are less steady)
          --only LIST  run only these groups, e.g. --only lmdb,append
          --kb-cache DIR
                       keep the kb group's seeded knowledge base (its event log, projections and encoded
                       passages) in DIR and measure on it again in later runs of the same size; encoding
                       10,000 articles' passages takes tens of minutes on two cores
          --help       show this text
        """

    /// Parses the arguments (without the program name). Returns nil when help was asked for.
    static func parse(_ arguments: [String]) throws -> BenchOptions? {
        var options = BenchOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--help", "-h":
                return nil
            case "--quick":
                options.quick = true
            case "--data":
                guard let value = rest.popFirst(), !value.isEmpty else { throw BenchError.usage("--data needs a folder") }
                options.dataPath = value
            case "--kb-cache":
                guard let value = rest.popFirst(), !value.isEmpty else { throw BenchError.usage("--kb-cache needs a folder") }
                options.kbCache = value
            case "--only":
                guard let value = rest.popFirst(), !value.isEmpty else { throw BenchError.usage("--only needs a group name") }
                var groups = Set<Group>()
                for name in value.split(separator: ",") {
                    guard let group = Group(rawValue: String(name)) else {
                        let known = Group.allCases.map(\.rawValue).joined(separator: ", ")
                        throw BenchError.usage("unknown group '\(name)' for --only; known: \(known)")
                    }
                    groups.insert(group)
                }
                options.groups = groups
            default:
                throw BenchError.usage("unknown argument '\(argument)'")
            }
        }
        return options
    }

    /// How much work each phase does.
    var counts: BenchCounts { quick ? BenchCounts.full.scaled(by: 10) : BenchCounts.full }

    /// How long each phase of the `auth` group runs.
    var authDurations: AuthDurations { quick ? .quick : .full }

    /// The `tickets` group's data set and load phases.
    var ticketSizes: TicketSizes { quick ? .quick : .full }

    /// The `semantic` group's sentence and vector counts.
    var semanticSizes: SemanticSizes { quick ? .quick : .full }

    /// The `chat` group's clients and turns.
    var chatSizes: ChatSizes { quick ? .quick : .full }
}

/// The `chat` group's clients and turns: a few hundred turns, about a minute on two cores with the encoder.
struct ChatSizes: Sendable {
    /// Concurrent clients, each with a conversation of its own.
    var clients: Int
    /// Messages each of them sends.
    var turnsPerClient: Int
    /// Messages of the one-client phase.
    var singleClientTurns: Int
    /// Knowledge-base searches each client makes.
    var searchesPerClient: Int
    /// Knowledge-base searches of the one-client phase.
    var singleClientSearches: Int
    /// GET /healthz requests each client makes in each baseline window.
    var baselineRequests: Int

    /// A client starts a new conversation after this many turns (the script's length): a transcript is read
    /// at every turn, and real conversations are short.
    static let turnsPerConversation = ChatScript.messages.count

    static let full = ChatSizes(clients: 8, turnsPerClient: 50, singleClientTurns: 200, searchesPerClient: 50, singleClientSearches: 200,
                                baselineRequests: 250)
    static let quick = ChatSizes(clients: 8, turnsPerClient: 8, singleClientTurns: 40, searchesPerClient: 8, singleClientSearches: 40,
                                 baselineRequests: 40)
}

/// The `tickets` group's data set and load: big enough that a customer's history search scans
/// thousands of tickets, small enough that the whole group takes a few minutes on two cores.
struct TicketSizes: Sendable {
    /// Tickets opened before anything is measured (a few more arrive while the last requests land).
    var tickets: Int
    /// Customers who open them, each about `tickets / customers`.
    var customers: Int
    /// Seconds of each measured load phase.
    var seconds: Int

    static let full = TicketSizes(tickets: 100_000, customers: 40, seconds: 15)
    static let quick = TicketSizes(tickets: 5_000, customers: 10, seconds: 3)
}

/// Seconds of each phase of the `auth` group: long enough for a few hundred sign-ins at full length.
struct AuthDurations: Sendable {
    /// Each of the two windows of in-process Argon2id verifications, the baseline of the sign-in figure.
    var hashing: Int
    /// GET /api/v1/me alone, the baseline of its latency under load.
    var idleReads: Int
    /// Sign-in load; GET /api/v1/me runs inside this window, a second shorter at each end.
    var signIns: Int

    static let full = AuthDurations(hashing: 5, idleReads: 10, signIns: 15)
    static let quick = AuthDurations(hashing: 2, idleReads: 3, signIns: 3)
}

/// Event counts of each phase, tuned so each full phase takes a few seconds on the project's machine.
struct BenchCounts: Sendable {
    /// One put per synced transaction.
    var lmdbSingle: Int
    /// Puts in the batched figure, 1,000 per transaction.
    var lmdbBatched: Int
    /// (writers, events) of each append phase.
    var append: [(writers: Int, events: Int)]
    var replayEvents: Int
    var replayAccounts: Int

    static let full = BenchCounts(
        lmdbSingle: 6_000, lmdbBatched: 1_000_000,
        append: [(1, 6_000), (16, 40_000), (256, 200_000)],
        replayEvents: 1_000_000, replayAccounts: 50_000)

    func scaled(by divisor: Int) -> BenchCounts {
        BenchCounts(
            lmdbSingle: lmdbSingle / divisor, lmdbBatched: lmdbBatched / divisor,
            append: append.map { ($0.writers, $0.events / divisor) },
            replayEvents: replayEvents / divisor, replayAccounts: replayAccounts / divisor)
    }
}
