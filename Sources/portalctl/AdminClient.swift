import Foundation
import PortalAPI
#if canImport(Glibc)
import Glibc
#endif

/// Sends an ``AdminOperation`` to a running portal over its admin socket (HTTP/1.1 over a Unix
/// socket, blocking: it is one short request from a command-line tool).
struct AdminClient {
    let path: String

    enum Failure: Error, CustomStringConvertible {
        case unreachable(String)
        case refused(status: Int, detail: String)
        var description: String {
            switch self {
            case .unreachable(let why): return "cannot reach the running portal's admin socket: \(why)"
            case .refused(_, let detail): return detail
            }
        }
    }

    /// Whether a server is listening on the socket.
    var isServing: Bool { (try? connect()).map { close($0); return true } ?? false }

    func perform(_ operation: AdminOperation) throws -> AdminOutcome {
        let fd = try connect()
        defer { close(fd) }
        let body = try JSONEncoder().encode(operation)
        let head = "POST /api/v1/operations HTTP/1.1\r\nHost: admin\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        try send(fd, Array(head.utf8) + Array(body))
        let reply = try receiveAll(fd)
        guard let split = reply.firstRange(of: Data("\r\n\r\n".utf8)) else { throw Failure.unreachable("malformed reply") }
        let statusLine = String(decoding: reply[..<split.lowerBound].prefix { $0 != 13 }, as: UTF8.self)
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        let payload = Self.dechunk(head: String(decoding: reply[..<split.lowerBound], as: UTF8.self), body: reply[split.upperBound...])
        guard (200..<300).contains(status) else {
            let detail = (try? JSONSerialization.jsonObject(with: payload) as? [String: Any])?["detail"] as? String
            throw Failure.refused(status: status, detail: detail ?? "the portal answered \(status)")
        }
        return try JSONDecoder().decode(AdminOutcome.self, from: payload)
    }

    private func connect() throws -> Int32 {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure.unreachable("no socket at \(path)") }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.unreachable(String(cString: strerror(errno))) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw Failure.unreachable("socket path too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else {
            let why = String(cString: strerror(errno))
            close(fd)
            throw Failure.unreachable(why)
        }
        return fd
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure.unreachable("send failed: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    private func receiveAll(_ fd: Int32) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return data }
            guard n > 0 else { throw Failure.unreachable("receive failed: \(String(cString: strerror(errno)))") }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    /// Undoes `Transfer-Encoding: chunked` when the server used it.
    static func dechunk(head: String, body: Data.SubSequence) -> Data {
        guard head.lowercased().contains("transfer-encoding: chunked") else { return Data(body) }
        var out = Data()
        var rest = Data(body)
        while let lineEnd = rest.firstRange(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard rest.count >= start - rest.startIndex + size else { break }
            out.append(rest[start..<(start + size)])
            rest = Data(rest[(start + size)...].dropFirst(2))
        }
        return out
    }
}
