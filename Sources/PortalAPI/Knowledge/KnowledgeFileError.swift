import Foundation

/// One thing wrong in a knowledge folder, said so that the person who wrote the file can fix it: which file,
/// which line when it is known, which field, and what is expected.
public struct KnowledgeFileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path inside the folder (`faq/reset-password.md`, `categories.yml`), or `.` for the folder itself.
    public var file: String
    /// The line in that file, counting from 1, when the YAML parser gave one.
    public var line: Int?
    /// The front-matter field (`audience`), `body`, or nil when the problem is the whole file.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `faq/reset.md, line 4: front matter: 'audience' must be public, customers or agents.`
    public var description: String {
        "\(file)\(line.map { ", line \($0)" } ?? ""): \(message)"
    }
}

/// Everything wrong with a file or folder, all at once, so an author fixes it in one go rather than one
/// error per attempt.
public struct KnowledgeFileError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public var problems: [KnowledgeFileProblem]

    public init(_ problems: [KnowledgeFileProblem]) { self.problems = problems }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
    public var errorDescription: String? { description }
}
