import BlobStore
import Testing

/// The default rules for ticket attachments and the messages people see.
@Suite struct AttachmentPolicyTests {
    let policy = AttachmentPolicy()
    let typeMessage = "This file type is not accepted: only PNG, JPEG, GIF, WebP, PDF and plain text files."

    @Test func imagesPDFAndTextAreAccepted() throws {
        for sample in [Samples.png, Samples.jpeg, Samples.gif, Samples.webp, Samples.pdf, Samples.csv] {
            try policy.check(type: ContentSniffer.sniff(sample), size: sample.count)
        }
    }

    @Test(arguments: [Samples.exe, Samples.elf, Samples.html, Samples.svg, Samples.bareSVG, Samples.docx, Samples.mp4, Samples.webm, randomBytes(512, seed: 4)])
    func programsMarkupArchivesVideosAndUnknownFilesAreRefused(sample: [UInt8]) {
        let type = ContentSniffer.sniff(sample)
        #expect(throws: AttachmentRejection.typeNotAccepted(type, allowed: AttachmentPolicy.defaultAllowed)) {
            try policy.check(type: type, size: sample.count)
        }
        #expect(AttachmentRejection.typeNotAccepted(type, allowed: policy.allowed).description == typeMessage)
    }

    @Test func aPolicyCanAllowVideos() throws {
        var withVideo = AttachmentPolicy()
        withVideo.allowed.formUnion([.mp4, .webm])
        try withVideo.check(type: .mp4, size: 1000)
        #expect(AttachmentRejection.typeNotAccepted(.zip, allowed: withVideo.allowed).description
            == "This file type is not accepted: only PNG, JPEG, GIF, WebP, PDF, MP4, WebM and plain text files.")
        #expect(AttachmentRejection.typeNotAccepted(.zip, allowed: [.pdf]).description == "This file type is not accepted: only PDF files.")
    }

    @Test func sizeLimitsPerFileAndPerTicket() throws {
        try policy.check(type: .png, size: 10 << 20)
        #expect(throws: AttachmentRejection.fileTooLarge(size: (10 << 20) + 1, limit: 10 << 20)) {
            try policy.check(type: .png, size: (10 << 20) + 1)
        }
        #expect(AttachmentRejection.fileTooLarge(size: 12_900_000, limit: 10 << 20).description == "This file is 12.3 MB; files can be at most 10 MB.")
        #expect(AttachmentRejection.fileTooLarge(size: (10 << 20) + 1, limit: 10 << 20).description == "This file is larger than 10 MB, the most a file can be.")

        try policy.check(type: .pdf, size: 5 << 20, ticketFiles: 3, ticketBytes: 20 << 20)
        #expect(throws: AttachmentRejection.ticketTooLarge(total: (25 << 20) + 1, limit: 25 << 20)) {
            try policy.check(type: .pdf, size: (5 << 20) + 1, ticketFiles: 3, ticketBytes: 20 << 20)
        }
        #expect(policy.uploadLimit(ticketBytes: 0) == 10 << 20)
        #expect(policy.uploadLimit(ticketBytes: 20 << 20) == 5 << 20)
        #expect(policy.uploadLimit(ticketBytes: 30 << 20) == 0)
    }

    @Test func atMostTenFilesPerTicketAndNoEmptyFiles() throws {
        try policy.checkRoom(ticketFiles: 9)
        #expect(throws: AttachmentRejection.tooManyFiles(limit: 10)) { try policy.checkRoom(ticketFiles: 10) }
        #expect(throws: AttachmentRejection.tooManyFiles(limit: 10)) { try policy.check(type: .png, size: 10, ticketFiles: 10) }
        #expect(AttachmentRejection.tooManyFiles(limit: 10).description == "This ticket already has 10 attachments, the most it can have.")
        #expect(throws: AttachmentRejection.empty) { try policy.check(type: nil, size: 0) }
    }
}
