import Domain
import Foundation
import Yams

/// The little YAML that knowledge files use, written by hand so the output is the same byte for byte on every
/// export (Yams' emitter may fold long lines or change its quoting between versions, which would make every
/// export a diff), and read through Yams' node tree so every problem can name its line.
enum KnowledgeYAML {
    /// `text` as a one-line YAML scalar: plain when that reads back as the same string, otherwise double-quoted.
    /// Plain only for text that starts with a letter, has no `:` or `#`, no control characters, no spaces at
    /// the end, and is not a word YAML reads as a boolean or null.
    static func scalar(_ text: String) -> String {
        isPlain(text) ? text : quoted(text)
    }

    /// `text` as a scalar inside a flow list (`[a, b]`), where `,`, `[`, `]`, `{` and `}` also need quotes.
    static func flowScalar(_ text: String) -> String {
        isPlain(text) && !text.contains(where: { ",[]{}".contains($0) }) ? text : quoted(text)
    }

    static func isPlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, text.last?.isWhitespace == false else { return false }
        guard !reserved.contains(text.lowercased()) else { return false }
        return !text.unicodeScalars.contains { $0 == ":" || $0 == "#" || needsEscape($0) }
    }

    private static let reserved: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]

    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if needsEscape(c) { out += String(format: "\\u%04X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    private static func needsEscape(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c == "\u{FEFF}" || c == "\u{2028}" || c == "\u{2029}"
    }

    /// A block list (`- item` lines, indented by `indent`), or `[]` on the key's line when empty.
    static func list(_ key: String, _ items: [String], indent: String = "") -> String {
        guard !items.isEmpty else { return "\(indent)\(key): []\n" }
        return "\(indent)\(key):\n" + items.map { "\(indent)  - \(scalar($0))\n" }.joined()
    }

    /// The document's root node (nil when empty), or the problem Yams found, with its line in the file:
    /// `lineOffset` is how many lines of the file come before the YAML.
    static func compose(_ yaml: String, file: String, lineOffset: Int, what: String) -> Result<Node?, KnowledgeFileProblem> {
        do {
            return .success(try Yams.compose(yaml: yaml))
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                return .failure(KnowledgeFileProblem(file: file, line: mark.line + lineOffset, message:
                    "\(what) is not valid YAML (\(problem)). A value that contains \": \" or \" #\", or starts with a quote, "
                    + "bracket or one of - ? : , & * ! | > % @ `, needs double quotes."))
            case let .duplicatedKeysInMapping(duplicates, context):
                let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
                return .failure(KnowledgeFileProblem(file: file, line: context.mark.line + lineOffset, field: duplicates.first,
                                                     message: "\(what): \(keys) appears more than once."))
            default:
                return .failure(KnowledgeFileProblem(file: file, message: "\(what) cannot be read: \(error)"))
            }
        } catch {
            return .failure(KnowledgeFileProblem(file: file, message: "\(what) cannot be read: \(error)"))
        }
    }
}

/// Reads typed values out of YAML nodes and collects a problem for each one that does not fit, with its line.
struct KnowledgeFieldReader {
    let file: String
    /// Lines of the file before the YAML text (1 for front matter, after the opening `---`).
    let lineOffset: Int
    /// Said before each message: "front matter", "category 'billing'".
    let what: String
    var problems: [KnowledgeFileProblem] = []

    func line(_ node: Node) -> Int? { node.mark.map { $0.line + lineOffset } }

    mutating func problem(_ node: Node?, field: String?, _ message: String) {
        problems.append(KnowledgeFileProblem(file: file, line: node.flatMap { line($0) }, field: field, message: "\(what): \(message)"))
    }

    static func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Text of a scalar, trimmed; nil (and a problem) for a list or mapping. Null reads as empty.
    mutating func text(_ node: Node, field: String) -> String? {
        if Self.isNull(node) { return "" }
        guard case let .scalar(scalar) = node else {
            problem(node, field: field, "'\(field)' must be text, not a list or a set of fields.")
            return nil
        }
        return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A list of texts; null reads as empty. Each item must be text.
    mutating func texts(_ node: Node, field: String, example: String) -> [String]? {
        if Self.isNull(node) { return [] }
        guard case let .sequence(sequence) = node else {
            problem(node, field: field, "'\(field)' must be a list, like \(field): [\(example)].")
            return nil
        }
        var out: [String] = []
        for item in sequence {
            guard case let .scalar(scalar) = item, !Self.isNull(item) else {
                problem(item, field: field, "each item of '\(field)' must be text.")
                return nil
            }
            out.append(scalar.string.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return out
    }

    /// A whole number.
    mutating func number(_ node: Node, field: String) -> Int? {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            problem(node, field: field, "'\(field)' must be a whole number, like \(field): 10.")
            return nil
        }
        return value
    }

    /// A slug naming a category or article.
    mutating func slug(_ node: Node, field: String) -> String? {
        guard let value = text(node, field: field) else { return nil }
        guard KnowledgeSlug.isValid(value) else {
            let suggestion = KnowledgeSlug.make(from: value)
            problem(node, field: field, "'\(field)' must be a slug: lower-case letters, digits and dashes"
                + (suggestion.isEmpty ? "." : ", like \(suggestion)."))
            return nil
        }
        return value
    }

    /// One of an enumeration's raw values.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, field: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let value = text(node, field: field) else { return nil }
        guard let choice = T(rawValue: value) else {
            let names = T.allCases.map(\.rawValue)
            let spelled = names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
            problem(node, field: field, "'\(field)' must be \(spelled)" + (value.isEmpty ? "." : ", not '\(value.prefix(40))'."))
            return nil
        }
        return choice
    }

    /// The keys of a mapping with their value nodes, in order; a problem for a key that is not in `known`,
    /// naming the closest known key when there is one.
    mutating func fields(_ mapping: Node.Mapping, known: [String], elsewhere: [String: String] = [:]) -> [(key: String, keyNode: Node, value: Node)] {
        var out: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                problem(keyNode, field: nil, "field names must be plain words.")
                continue
            }
            let key = scalar.string
            if known.contains(key) {
                out.append((key, keyNode, value))
            } else if let reason = elsewhere[key] {
                problem(keyNode, field: key, reason)
            } else {
                let near = known.min { Self.distance(key.lowercased(), $0) < Self.distance(key.lowercased(), $1) }
                let hint = near.flatMap { Self.distance(key.lowercased(), $0) <= 2 ? " Did you mean '\($0)'?" : nil }
                    ?? " Known fields: \(known.joined(separator: ", "))."
                problem(keyNode, field: key, "unknown field '\(key.prefix(40))'.\(hint)")
            }
        }
        return out
    }

    /// Edit distance, to suggest the field a typo meant.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
