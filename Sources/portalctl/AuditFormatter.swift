import EventStore
import Foundation

/// Prints events as aligned text lines or as JSON lines.
struct AuditFormatter {
    let json: Bool
    private let dates: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    func format(_ e: RecordedEvent) -> String {
        json ? jsonLine(e) : textLine(e)
    }

    private func personal(_ e: RecordedEvent) -> String {
        switch e.sealed {
        case .none: return ""
        case .plaintext(_, let data): return String(decoding: data, as: UTF8.self)
        case .erased: return "<erased>"
        case .sealed: return "<sealed>"
        }
    }

    private func textLine(_ e: RecordedEvent) -> String {
        var parts = [
            String(e.position).leftPadded(8), dates.string(from: e.recordedAt), "\(e.stream)@\(e.streamVersion)", e.type,
            "actor=\(e.metadata.actor ?? "-")",
        ]
        if let ip = e.metadata.clientIP { parts.append("ip=\(ip)") }
        if let device = e.metadata.deviceID { parts.append("device=\(device)") }
        parts.append(String(decoding: e.data, as: UTF8.self))
        let p = personal(e)
        if !p.isEmpty { parts.append("personal=\(p)") }
        return parts.joined(separator: "  ")
    }

    private func jsonLine(_ e: RecordedEvent) -> String {
        var object: [String: Any] = [
            "position": e.position, "stream": e.stream, "version": e.streamVersion, "id": e.id.uuidString.lowercased(),
            "type": e.type, "schemaVersion": e.schemaVersion, "recordedAt": dates.string(from: e.recordedAt), "hash": e.hash.hex,
        ]
        var metadata: [String: Any] = [:]
        metadata["actor"] = e.metadata.actor
        metadata["clientIP"] = e.metadata.clientIP
        metadata["deviceID"] = e.metadata.deviceID
        metadata["correlationID"] = e.metadata.correlationID?.uuidString.lowercased()
        metadata["causationID"] = e.metadata.causationID?.uuidString.lowercased()
        object["metadata"] = metadata
        object["data"] = (try? JSONSerialization.jsonObject(with: Data(e.data))) ?? String(decoding: e.data, as: UTF8.self)
        switch e.sealed {
        case .none: break
        case .plaintext(let subject, let data):
            object["subject"] = subject
            object["personal"] = (try? JSONSerialization.jsonObject(with: Data(data))) ?? NSNull()
        case .erased(let subject):
            object["subject"] = subject
            object["personal"] = "erased"
        case .sealed(let subject):
            object["subject"] = subject
            object["personal"] = "sealed"
        }
        let bytes = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
