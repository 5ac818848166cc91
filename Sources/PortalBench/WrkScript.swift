import Foundation

/// The Lua scripts that tell wrk what to send. They are written into the run's scratch folder.
///
/// Every script ends with a `done` function that prints one `portal-bench-summary` line with the
/// exact request count and latency percentiles in microseconds; wrk's own report rounds them to
/// two decimals of a unit that changes with the value (`1.70s`, `809.00us`). See ``WrkOutput``.
enum WrkScript {
    /// `POST /api/v1/auth/login` with correct passwords. wrk thread `i` of `threads` signs in accounts
    /// `i, i + threads, i + 2·threads, …` in turn, so two threads never sign in the same account at
    /// once (which would make the server retry a conflicting append) as long as there are at least
    /// two accounts per connection.
    static func signIns(_ accounts: [BenchAccount], threads: Int, deviceName: String) throws -> String {
        let bodies = try accounts.map { account in
            let json = try JSONSerialization.data(withJSONObject: account.signInBody(deviceName: deviceName), options: [.sortedKeys])
            return "  " + luaQuoted(String(decoding: json, as: UTF8.self)) + ","
        }
        return """
            -- portal-bench: sign-ins with correct passwords, rotating over \(accounts.count) accounts.
            local bodies = {
            \(bodies.joined(separator: "\n"))
            }
            local threads = \(threads)
            local headers = { ["Content-Type"] = "application/json" }
            local created = 0
            local index = 0

            function setup(thread)
              thread:set("first", created)
              created = created + 1
            end

            function init(args)
              index = first or 0
            end

            function request()
              local body = bodies[(index % #bodies) + 1]
              index = index + threads
              return wrk.format("POST", "/api/v1/auth/login", headers, body)
            end

            """ + summary
    }

    /// `GET /api/v1/me` with one access token, each connection pausing `pauseMilliseconds` after
    /// every answer: a modest, steady stream of cheap requests rather than as many as the machine
    /// can take (wrk has no rate option).
    static func profileReads(accessToken: String, pauseMilliseconds: Int) -> String {
        """
        -- portal-bench: GET /api/v1/me, a short pause after each answer.
        wrk.method = "GET"
        wrk.path = "/api/v1/me"
        wrk.headers["Authorization"] = \(luaQuoted("Bearer " + accessToken))

        function delay()
          return \(pauseMilliseconds)
        end

        """ + summary
    }

    /// Exact figures, printed after wrk's report.
    static let summary = """
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format(
            "\(WrkOutput.summaryTag) requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
            e.connect, e.read, e.write, e.status, e.timeout))
        end

        """

    /// A Lua string literal for `text`.
    static func luaQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\%03d", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
