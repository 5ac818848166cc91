import BlobStore
import Domain
import Foundation
import NIOCore

/// The kinds of file a tutorial carries.
public enum TutorialMediaKind: String, Codable, Sendable, CaseIterable {
    case video
    /// A video's poster or a demo screen's image.
    case image
    case captions
}

extension TutorialService {
    /// A stored media file, as the editor puts it into a step.
    public struct StoredMedia: Codable, Sendable, Equatable {
        public var address: String
        public var contentType: String
        public var size: Int
    }

    /// Stores an editor's upload after checking its type by content: MP4 or WebM for videos, PNG, JPEG or WebP
    /// for images, WebVTT (UTF-8 text starting with `WEBVTT`) for captions.
    public func upload(_ kind: TutorialMediaKind, body: some AsyncSequence<ByteBuffer, any Error>, by account: AccountID) async throws -> StoredMedia {
        _ = try requireEditor(account)
        let limit = kind == .video ? settings.videoLimit : settings.imageLimit
        let writer = try blobs.writer(subject: Self.mediaSubject, limit: limit)
        var head: [UInt8] = []
        do {
            for try await buffer in body {
                if head.count < 64 { head += buffer.getBytes(at: buffer.readerIndex, length: min(64 - head.count, buffer.readableBytes)) ?? [] }
                try writer.write(buffer)
            }
        } catch BlobStoreError.tooLarge {
            writer.cancel()
            throw ProblemDetails(type: "too-large", title: "File too large", status: .contentTooLarge,
                                 detail: "A tutorial \(kind.rawValue) has at most \(limit >> 20) MB.")
        } catch {
            writer.cancel()
            throw error
        }
        let contentType: String
        switch kind {
        case .video:
            guard let type = ContentSniffer.sniff(head), type == .mp4 || type == .webm else {
                writer.cancel()
                throw FieldError(field: "file", message: "A tutorial video is MP4 or WebM (checked by its content, not its name).")
            }
            contentType = type.mimeType
        case .image:
            guard let type = ContentSniffer.sniff(head), [.png, .jpeg, .webp].contains(type) else {
                writer.cancel()
                throw FieldError(field: "file", message: "An image is PNG, JPEG or WebP.")
            }
            contentType = type.mimeType
        case .captions:
            let text = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
            guard text.starts(with: Array("WEBVTT".utf8)), text.count == 6 || [0x20, 0x09, 0x0A, 0x0D].contains(text[6]) else {
                writer.cancel()
                throw FieldError(field: "file", message: "Captions are a WebVTT file (it starts with WEBVTT).")
            }
            contentType = "text/vtt; charset=utf-8"
        }
        guard writer.size > 0 else {
            writer.cancel()
            throw FieldError(field: "file", message: "The file is empty.")
        }
        let stored = try writer.finish()
        return StoredMedia(address: stored.address, contentType: contentType, size: stored.size)
    }

    /// Opens a media file of a tutorial the viewer may take — only files the tutorial's current content names.
    public func media(_ slug: String, address: String, viewer: KnowledgeViewer) throws -> (reader: BlobReader, contentType: String) {
        let tutorial = try readable(slug, viewer: viewer)
        guard BlobAddress.isValid(address), let content = tutorial.content else { throw DomainError.notFound("file") }
        var known: [String: String?] = [:]
        for step in content.steps {
            if let v = step.video {
                known[v.blob] = v.contentType
                if let p = v.poster { known[p] = String?.none }
                if let c = v.captions { known[c] = "text/vtt; charset=utf-8" }
            }
            for screen in step.demo?.screens ?? [] { if let image = screen.image { known[image] = String?.none } }
        }
        guard let type = known[address] else { throw DomainError.notFound("file") }
        let reader = try blobs.open(subject: Self.mediaSubject, address: address)
        if let type { return (reader, type) }
        let head = try reader.read(range: 0..<min(64, reader.size))
        return (reader, ContentSniffer.sniff(head)?.mimeType ?? "application/octet-stream")
    }

    /// Stores bytes already in memory (the demo tutorial's files).
    func store(_ bytes: [UInt8]) throws -> StoredMedia {
        let writer = try blobs.writer(subject: Self.mediaSubject, limit: max(settings.videoLimit, bytes.count))
        try writer.write(bytes)
        let stored = try writer.finish()
        return StoredMedia(address: stored.address, contentType: stored.sniffedType?.mimeType ?? "text/vtt; charset=utf-8", size: stored.size)
    }
}
