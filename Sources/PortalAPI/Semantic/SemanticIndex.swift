import Domain
import Foundation
import Logging
import Projections
import Semantics

/// Search by meaning for the rest of the portal: encode a query, find the nearest stored vectors.
///
/// Without a model the portal runs *lexical-only*: ``isAvailable`` is false, ``encode(_:)`` throws
/// ``SemanticUnavailable`` and callers answer with their word-based method instead. With one, the
/// encoder runs on its own threads (``EncoderPool``) and the vectors come from the
/// `semantic-vectors` read model; an item whose vector is not computed yet is simply absent from
/// ``nearest(_:k:filter:)``, so callers fuse with their word-based results rather than replace them.
public final class SemanticIndex: Sendable {
    /// What `/readyz`, the start-up log and `portalctl stats` call the two modes.
    public enum Mode: String, Sendable, Codable {
        case semantic
        case lexicalOnly = "lexical-only"
    }

    public let encoder: (any TextEncoder)?
    public let vectors: SemanticVectorsProjection?
    /// The model folder in use, when there is one.
    public let modelFolder: String?

    public init(encoder: (any TextEncoder)?, vectors: SemanticVectorsProjection?, modelFolder: String?) {
        self.encoder = encoder
        self.vectors = vectors
        self.modelFolder = modelFolder
    }

    /// A portal without a model.
    public static let lexicalOnly = SemanticIndex(encoder: nil, vectors: nil, modelFolder: nil)

    public var isAvailable: Bool { encoder != nil && vectors != nil }
    public var mode: Mode { isAvailable ? .semantic : .lexicalOnly }

    /// The embeddings of `texts`, in order.
    /// - Throws: ``SemanticUnavailable`` without a model; ``EncoderPoolError`` when the encoder is busy.
    public func encode(_ texts: [String]) async throws -> [[Float]] {
        guard let encoder else { throw SemanticUnavailable() }
        return try await encoder.encode(texts)
    }

    /// The `k` stored items most like `vector` among those `filter` accepts (empty without a model).
    public func nearest(_ vector: [Float], k: Int, filter: SemanticFilter) -> [VectorIndex.Hit] {
        vectors?.nearest(vector, k: k, filter: filter) ?? []
    }

    /// Whether `key` has its vector yet (false without a model: use the lexical method).
    public func hasVector(_ key: String) -> Bool { vectors?.hasVector(key) ?? false }

    /// Loads and verifies the model in `folder` and starts an encoder pool; nil folder: lexical-only.
    /// - Throws: ``ModelFilesError`` (missing or changed files) and the encoder's loading errors,
    ///   each naming the file.
    static func loadEncoder(folder: String?, threads: Int, logger: Logger) throws -> EncoderPool? {
        guard let folder else {
            logger.notice("semantic search off (lexical-only): no model folder; similar tickets are found by their words. Run `make model` or pass --model DIR")
            return nil
        }
        let encoder = try SentenceEncoder(files: try ModelFiles(folder: folder))
        logger.info("semantic search on: model \(folder) verified, \(threads) encoder thread(s)")
        return EncoderPool(encoder: encoder, workers: max(1, threads))
    }
}

/// The portal runs without a sentence encoder.
public struct SemanticUnavailable: Error, CustomStringConvertible {
    public var description: String { "semantic search is off (lexical-only): the portal was started without a model folder" }
}
