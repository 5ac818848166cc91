import Foundation

/// The wrk scripts of the `tickets` group, and the request files they read.
///
/// One script serves every phase: it reads a request file of lines `<token>\t<path>\t<body>` (token:
/// 1-based index into the script's access tokens, one per customer; body empty for GET), wrk thread
/// `i` of `n` takes lines `i, i + n, i + 2n, …` and sends them in turn, over and over. Shuffled
/// files thus rotate customers, tickets and queries on every connection. With a quota, each thread
/// leaves a marker file once it has sent that many requests, so the bench can end a run that has
/// done its work (``WrkRun/stopWhen``) instead of running for a fixed time.
enum TicketWrkScripts {
    /// One request of a file.
    struct Line {
        /// 0-based index of the customer whose token it carries.
        var customer: Int
        var path: String
        var body: String?

        var text: String { "\(customer + 1)\t\(path)\t\(body ?? "")" }
    }

    /// Writes `lines` as a request file.
    static func writeRequests(_ lines: [Line], to path: String) throws {
        var text = ""
        text.reserveCapacity(lines.count * 64)
        for line in lines {
            precondition(!line.path.contains("\t") && !(line.body ?? "").contains("\t") && !(line.body ?? "").contains("\n"))
            text += line.text
            text += "\n"
        }
        do { try text.write(toFile: path, atomically: false, encoding: .utf8) } catch {
            throw BenchError.scratch("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// The script for `method` requests from `requestFile`, with each line's customer's token.
    /// `quota`: requests per thread after which the thread creates `markerPrefix.<thread>`.
    static func requests(method: String, tokens: [String], requestFile: String, threads: Int,
                         quota: Int? = nil, markerPrefix: String? = nil, purpose: String) -> String {
        let tokenLines = tokens.map { "  " + WrkScript.luaQuoted("Bearer " + $0) + "," }.joined(separator: "\n")
        return """
            -- portal-bench: \(purpose)
            local method = \(WrkScript.luaQuoted(method))
            local file = \(WrkScript.luaQuoted(requestFile))
            local threads = \(threads)
            local quota = \(quota ?? 0)
            local marker = \(WrkScript.luaQuoted(markerPrefix ?? ""))
            local authorizations = {
            \(tokenLines)
            }
            local started = 0
            local customers, paths, bodies = {}, {}, {}
            local index, sent = 0, 0

            function setup(thread)
              thread:set("slot", started)
              started = started + 1
            end

            function init(args)
              local n = 0
              for line in io.lines(file) do
                if n % threads == slot then
                  local customer, path, body = line:match("^(%d+)\\t([^\\t]*)\\t(.*)$")
                  if not customer then error("bad line " .. n .. " in " .. file) end
                  customers[#customers + 1] = tonumber(customer)
                  paths[#paths + 1] = path
                  bodies[#bodies + 1] = body ~= "" and body or false
                end
                n = n + 1
              end
              if #paths == 0 then error("no requests for thread " .. slot .. " in " .. file) end
            end

            function request()
              index = index % #paths + 1
              local headers = { ["Authorization"] = authorizations[customers[index]] }
              local body = bodies[index] or nil
              if body then headers["Content-Type"] = "application/json" end
              sent = sent + 1
              if sent == quota then
                local f = assert(io.open(marker .. "." .. slot, "w"))
                f:write(sent)
                f:close()
              end
              return wrk.format(method, paths[index], headers, body)
            end

            """ + WrkScript.summary
    }
}
