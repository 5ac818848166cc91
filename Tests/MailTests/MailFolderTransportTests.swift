import Foundation
import Testing

@testable import Mail

@Suite("Writing mail to a folder")
struct MailFolderTransportTests {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test("A message becomes <timestamp>-<message id>.eml, owner-only, in a folder created owner-only")
    func writesMessage() async throws {
        let root = try TemporaryFolder()
        defer { root.remove() }
        let folder = root.appending("spool/outbox")
        let transport = MailFolderTransport(folder: folder)
        let message = try Fixtures.message(messageID: "event-42/x%y=z@portal.example.com")

        let path = try await transport.write(message)

        let name = (path as NSString).lastPathComponent
        #expect((path as NSString).deletingLastPathComponent == folder)
        #expect(name.wholeMatch(of: /\d{8}T\d{6}\.\d{3}Z-event-42_x_y_z@portal\.example\.com\.eml/) != nil, "\(name)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == message.rendered())
        #expect(try mode(path) == 0o600)
        #expect(try mode(folder) == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [name], "no temporary files are left behind")
    }

    @Test("Sending the same message twice keeps both files; nothing is overwritten")
    func neverOverwrites() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let transport = MailFolderTransport(folder: folder.path)
        let message = try Fixtures.message()

        var paths: Set<String> = []
        for _ in 0..<5 { paths.insert(try await transport.write(message)) }
        try await transport.send(message)

        #expect(paths.count == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 6)
    }

    @Test("An existing folder keeps its permissions")
    func existingFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: folder.path)
        try await MailFolderTransport(folder: folder.path).send(try Fixtures.message())
        #expect(try mode(folder.path) == 0o750)
    }

    @Test("A folder that cannot be created is a storage error that names the path")
    func unwritable() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.appending("not-a-folder")
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))

        let error = await #expect(throws: MailError.self) {
            try await MailFolderTransport(folder: file).send(try Fixtures.message())
        }
        #expect(error?.kind == .storageFailed)
        #expect(error?.isPermanent == false)
        #expect(error?.description.contains(file) == true)
    }
}
