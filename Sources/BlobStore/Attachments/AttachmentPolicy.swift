/// Which attachments a ticket accepts: types (as sniffed from content), size per file, total per ticket and
/// number of files. The one place these rules live; routes and pages ask it and show its message.
public struct AttachmentPolicy: Sendable, Equatable {
    public var allowed: Set<SniffedType>
    public var maxFileBytes: Int
    public var maxTicketBytes: Int
    public var maxFilesPerTicket: Int

    /// Images a browser shows safely, PDF and plain text; not ZIP or Office documents, video, markup or programs.
    public static let defaultAllowed: Set<SniffedType> = [.png, .jpeg, .gif, .webp, .pdf, .text]

    public init(
        allowed: Set<SniffedType> = AttachmentPolicy.defaultAllowed,
        maxFileBytes: Int = 10 << 20,
        maxTicketBytes: Int = 25 << 20,
        maxFilesPerTicket: Int = 10
    ) {
        self.allowed = allowed
        self.maxFileBytes = maxFileBytes
        self.maxTicketBytes = maxTicketBytes
        self.maxFilesPerTicket = maxFilesPerTicket
    }

    /// The limit to give ``BlobStore/writer(subject:limit:)`` for a ticket whose attachments already take
    /// `ticketBytes`: the upload stops as soon as it could no longer be accepted.
    public func uploadLimit(ticketBytes: Int) -> Int {
        max(0, min(maxFileBytes, maxTicketBytes - ticketBytes))
    }

    /// Whether a ticket that has `ticketFiles` attachments may take another (ask before accepting an upload).
    public func checkRoom(ticketFiles: Int) throws(AttachmentRejection) {
        guard ticketFiles < maxFilesPerTicket else { throw .tooManyFiles(limit: maxFilesPerTicket) }
    }

    /// Checks a stored file against the policy, given what the ticket had before it.
    /// - Throws: the first rule broken, in the order a person would fix them: room on the ticket, type, size.
    public func check(type: SniffedType?, size: Int, ticketFiles: Int = 0, ticketBytes: Int = 0) throws(AttachmentRejection) {
        try checkRoom(ticketFiles: ticketFiles)
        guard size > 0 else { throw .empty }
        guard let type, allowed.contains(type) else { throw .typeNotAccepted(type, allowed: allowed) }
        guard size <= maxFileBytes else { throw .fileTooLarge(size: size, limit: maxFileBytes) }
        guard size <= maxTicketBytes - ticketBytes else { throw .ticketTooLarge(total: ticketBytes + size, limit: maxTicketBytes) }
    }
}

/// Why an attachment was refused; ``description`` is the message to show next to the file field.
public enum AttachmentRejection: Error, Equatable, Sendable, CustomStringConvertible {
    case typeNotAccepted(SniffedType?, allowed: Set<SniffedType>)
    case empty
    case fileTooLarge(size: Int, limit: Int)
    case ticketTooLarge(total: Int, limit: Int)
    case tooManyFiles(limit: Int)

    public var description: String {
        switch self {
        case .typeNotAccepted(_, let allowed):
            let names = SniffedType.allCases.filter(allowed.contains).map(\.displayName)
            guard let last = names.last else { return "Attachments are not accepted here." }
            let list = names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
            return "This file type is not accepted: only \(list) files."
        case .empty:
            return "This file is empty."
        case .fileTooLarge(let size, let limit):
            let (shown, most) = (ByteCountText.format(size), ByteCountText.format(limit))
            return shown == most ? "This file is larger than \(most), the most a file can be." : "This file is \(shown); files can be at most \(most)."
        case .ticketTooLarge(let total, let limit):
            return "With this file the ticket's attachments would take \(ByteCountText.format(total)); a ticket can hold at most \(ByteCountText.format(limit)) of attachments."
        case .tooManyFiles(let limit):
            return "This ticket already has \(limit) attachments, the most it can have."
        }
    }
}
