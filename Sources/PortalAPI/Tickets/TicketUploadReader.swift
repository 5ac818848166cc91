import BlobStore
import Domain
import EventStore
import Foundation
import Hummingbird
import NIOCore

/// Reads a `multipart/form-data` ticket form or comment as it arrives: text fields into memory (within
/// limits), files straight into the blob store — never a whole file in memory. Each file's type is
/// decided by its content against the allowlist; its name is sanitised.
///
/// File parts are named `attachments` (for the ticket or comment as a whole) or `field.<id>` (a file
/// field of the category's form). Text parts are named after the JSON members (`subject`,
/// `description`, `body`, …) and `field.<id>` for form fields, repeated for multi-choice answers.
struct TicketUploadReader {
    let blobs: BlobStore
    let policy: AttachmentPolicy
    let maxTextPartBytes = 64 << 10
    let maxTextParts = 200

    struct Result {
        var text: [String: [String]] = [:]
        var files: [UploadedAttachment] = []
    }

    static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType].flatMap(MediaType.init(from:))?.isType(.multipartForm) ?? false
    }

    func read(_ request: Request, subject: String, maxBodyBytes: Int) async throws -> Result {
        guard let contentType = request.headers[.contentType], let boundary = MultipartParser.boundary(fromContentType: contentType) else {
            throw ProblemDetails.malformed("A multipart body needs a boundary in its Content-Type header.")
        }
        var parser: MultipartParser
        do { parser = try MultipartParser(boundary: boundary, limits: .init()) } catch let error as MultipartError {
            throw ProblemDetails.malformed(error.description)
        }
        var result = Result()
        var received = 0
        var part: MultipartPartHeaders?
        var text: [UInt8] = []
        var writer: BlobWriter?
        var fileBytes = 0
        defer { writer?.cancel() }
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                if received > maxBodyBytes { throw ProblemDetails.tooLarge(limit: maxBodyBytes) }
                for event in try parser.feed(buffer.readableBytesView) {
                    switch event {
                    case .partBegin(let headers):
                        part = headers
                        text = []
                        if let filename = headers.filename {
                            guard headers.name == "attachments" || headers.name.hasPrefix("field.") else {
                                throw FieldError(field: headers.name, message: "Files go in `attachments` or in a file field `field.<id>`.")
                            }
                            // A file input left empty still sends a part, with an empty name and no bytes.
                            if filename.isEmpty { part = nil; continue }
                            if result.files.count >= policy.maxFilesPerTicket {
                                throw FieldError(field: "attachments", message: "At most \(policy.maxFilesPerTicket) files at once.")
                            }
                            writer = try blobs.writer(subject: subject, limit: policy.maxFileBytes)
                            fileBytes = 0
                        } else if result.text.values.reduce(0, { $0 + $1.count }) >= maxTextParts {
                            throw ProblemDetails.malformed("Too many form fields.")
                        }
                    case .body(let bytes):
                        guard part != nil else { continue }
                        if var w = writer {
                            fileBytes += bytes.count
                            do { try w.write(bytes) } catch BlobStoreError.tooLarge {
                                throw FieldError(field: fieldName(part), message: "“\(part?.filename ?? "The file")” is larger than \(policy.maxFileBytes >> 20) MiB, the limit per file.")
                            }
                            writer = w
                        } else {
                            guard text.count + bytes.count <= maxTextPartBytes else {
                                throw FieldError(field: part?.name ?? "field", message: "This field is too long (at most \(maxTextPartBytes >> 10) KiB).")
                            }
                            text += bytes
                        }
                    case .partEnd:
                        guard let headers = part else { continue }
                        if let w = writer {
                            writer = nil
                            let blob = try w.finish()
                            try accept(blob, headers: headers, into: &result)
                        } else {
                            result.text[headers.name, default: []].append(String(decoding: text, as: UTF8.self))
                        }
                        part = nil
                    case .end:
                        break
                    }
                }
            }
            try parser.finish()
        } catch let error as MultipartError {
            throw ProblemDetails.malformed(error.description)
        }
        return result
    }

    private func fieldName(_ part: MultipartPartHeaders?) -> String {
        guard let name = part?.name, name.hasPrefix("field.") else { return "attachments" }
        return String(name.dropFirst(6))
    }

    private func accept(_ blob: StoredBlob, headers: MultipartPartHeaders, into result: inout Result) throws {
        let field = fieldName(headers)
        guard let sniffed = blob.sniffedType, policy.allowed.contains(sniffed) else {
            throw FieldError(field: field, message: "“\(FileNameSanitizer.sanitize(headers.filename ?? "", sniffed: nil))” is not accepted. " + AttachmentRejection.typeNotAccepted(blob.sniffedType, allowed: policy.allowed).description)
        }
        if blob.size == 0 { throw FieldError(field: field, message: "“\(headers.filename ?? "")” is empty.") }
        let total = result.files.reduce(0) { $0 + $1.blob.size } + blob.size
        if total > policy.maxTicketBytes {
            throw FieldError(field: field, message: "The files add up to more than \(policy.maxTicketBytes >> 20) MiB, the limit per ticket.")
        }
        result.files.append(UploadedAttachment(
            attachmentID: UUIDv7.make().uuidString.lowercased(), fieldID: headers.name.hasPrefix("field.") ? field : nil, blob: blob,
            filename: FileNameSanitizer.sanitize(headers.filename ?? "", sniffed: sniffed), contentType: sniffed.mimeType))
    }
}
