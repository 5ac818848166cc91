import Foundation

/// The uncased BERT WordPiece tokenizer of all-MiniLM-L6-v2, read from `tokenizer.json`.
///
/// `[CLS]`, the pieces of the text, `[SEP]`; at most ``maxLength`` ids in all (256, the length the
/// sentence encoder was trained with, rather than the 128 that `tokenizer.json` states).
public struct WordPieceTokenizer: Sendable {
    public static let defaultMaxLength = 256
    /// Words longer than this (in Unicode scalars) become `[UNK]`, as in BERT.
    public static let maxCharactersPerWord = 100

    public let maxLength: Int
    public let unknownID: Int32
    public let classifierID: Int32
    public let separatorID: Int32
    public let paddingID: Int32
    public let vocabularySize: Int

    private let trie: VocabularyTrie
    private let basic = BasicTokenizer()

    /// A tokenizer over `vocabulary` (piece → id), which must hold `[UNK]`, `[CLS]`, `[SEP]` and `[PAD]`.
    /// - Throws: ``TokenizerError/missingSpecialToken(_:)``.
    public init(vocabulary: [String: Int32], maxLength: Int = defaultMaxLength) throws(TokenizerError) {
        func id(_ token: String) throws(TokenizerError) -> Int32 {
            guard let id = vocabulary[token] else { throw .missingSpecialToken(token) }
            return id
        }
        precondition(maxLength >= 2, "room for [CLS] and [SEP]")
        self.maxLength = maxLength
        unknownID = try id("[UNK]")
        classifierID = try id("[CLS]")
        separatorID = try id("[SEP]")
        paddingID = try id("[PAD]")
        vocabularySize = vocabulary.count
        trie = VocabularyTrie(vocabulary: vocabulary.lazy.map { ($0.key, $0.value) }, continuingPrefix: "##")
    }

    /// Reads the WordPiece vocabulary of a Hugging Face `tokenizer.json`.
    public init(contentsOf path: String, maxLength: Int = defaultMaxLength) throws(TokenizerError) {
        struct File: Decodable {
            struct Model: Decodable {
                let type: String
                let vocab: [String: Int32]
            }
            let model: Model
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: String(describing: error))
        }
        guard file.model.type == "WordPiece" else { throw .unsupportedModel(path: path, type: file.model.type) }
        try self.init(vocabulary: file.model.vocab, maxLength: maxLength)
    }

    /// The token ids of `text`: `[CLS]`, pieces, `[SEP]`, truncated to ``maxLength`` ids.
    public func tokenize(_ text: String) -> [Int32] {
        var ids: [Int32] = [classifierID]
        let limit = maxLength - 1
        for word in basic.words(in: text, limit: limit - 1) {
            appendPieces(of: word, to: &ids)
            if ids.count >= limit { break }
        }
        if ids.count > limit { ids.removeLast(ids.count - limit) }
        ids.append(separatorID)
        return ids
    }

    /// Greedy longest-match-first WordPiece; a word with any unmatched rest is one `[UNK]`.
    private func appendPieces(of word: [UInt8], to ids: inout [Int32]) {
        var characters = 0
        for byte in word where byte & 0xC0 != 0x80 { characters += 1 }
        guard characters <= Self.maxCharactersPerWord else {
            ids.append(unknownID)
            return
        }
        let first = ids.count
        var start = 0
        while start < word.count {
            guard let match = trie.longestMatch(in: word, from: start, continuation: start > 0) else {
                ids.removeLast(ids.count - first)
                ids.append(unknownID)
                return
            }
            ids.append(match.id)
            start = match.end
        }
    }
}

/// Why a tokenizer cannot be built.
public enum TokenizerError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unsupportedModel(path: String, type: String)
    case missingSpecialToken(String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read the tokenizer \(path): \(reason)"
        case let .unsupportedModel(path, type): "the tokenizer \(path) is a \(type) model; only WordPiece is supported"
        case let .missingSpecialToken(token): "the vocabulary has no \(token) token"
        }
    }
}
