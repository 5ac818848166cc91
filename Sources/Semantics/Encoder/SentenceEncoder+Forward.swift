extension SentenceEncoder {
    /// One forward pass over a packed batch: the sentences' tokens one after another, attention
    /// confined to each sentence. Returns one L2-normalised mean-pooled embedding per sentence.
    func forward(_ batch: [[Int32]], scratch: EncoderScratch) -> [[Float]] {
        let hidden = config.hiddenSize, inner = config.intermediateSize
        let heads = config.headCount, headSize = config.headSize
        let epsilon = config.layerNormEpsilon
        let rows = batch.reduce(0) { $0 + $1.count }
        let longest = batch.reduce(0) { max($0, $1.count) }
        scratch.reserve(rows: rows, longest: longest)
        let x = scratch.hidden, qkv = scratch.queryKeyValue, context = scratch.context
        let residual = scratch.residual, intermediate = scratch.intermediate, scores = scratch.scores

        // Embeddings: word + position + token type 0, then LayerNorm.
        var row = 0
        for ids in batch {
            for (position, id) in ids.enumerated() {
                let word = Int(id) < config.vocabularySize && id >= 0 ? Int(id) : Int(tokenizer.unknownID)
                VectorKernels.sum(weights.wordEmbeddings + word * hidden, weights.positionEmbeddings + position * hidden,
                                  weights.tokenTypeEmbeddings, into: x + row * hidden, count: hidden)
                row += 1
            }
        }
        VectorKernels.layerNorm(x, into: x, rows: rows, width: hidden,
                                scale: weights.embeddingNorm.scale, shift: weights.embeddingNorm.shift, epsilon: epsilon)

        let scale = 1 / Float(headSize).squareRoot()
        for layer in weights.layers {
            // Queries, keys and values in one product: [rows, 3·hidden].
            let projection = layer.queryKeyValue
            VectorKernels.fill(qkv, rows: rows, with: projection.bias, width: projection.outputs)
            BLAS.multiply(x, rows: rows, inner: hidden, leading: hidden,
                          transposed: projection.weight, columns: projection.outputs, leading: hidden,
                          into: qkv, leading: projection.outputs, beta: 1)

            // Self-attention, per sentence and head: softmax(q·kᵀ/√d)·v.
            let stride = 3 * hidden
            var offset = 0
            for ids in batch {
                let n = ids.count
                for head in 0..<heads {
                    let query = qkv + offset * stride + head * headSize
                    let key = query + hidden, value = query + 2 * hidden
                    BLAS.multiply(query, rows: n, inner: headSize, leading: stride,
                                  transposed: key, columns: n, leading: stride,
                                  into: scores, leading: n, alpha: scale)
                    VectorKernels.softmax(scores, rows: n, columns: n)
                    BLAS.multiply(scores, rows: n, inner: n, leading: n,
                                  value, columns: headSize, leading: stride,
                                  into: context + offset * hidden + head * headSize, leading: hidden)
                }
                offset += n
            }

            // Attention output, residual, LayerNorm.
            let attentionOutput = layer.attentionOutput
            VectorKernels.addBias(attentionOutput.bias, to: x, into: residual, rows: rows, width: hidden)
            BLAS.multiply(context, rows: rows, inner: hidden, leading: hidden,
                          transposed: attentionOutput.weight, columns: hidden, leading: hidden,
                          into: residual, leading: hidden, beta: 1)
            VectorKernels.layerNorm(residual, into: x, rows: rows, width: hidden,
                                    scale: layer.attentionNorm.scale, shift: layer.attentionNorm.shift, epsilon: epsilon)

            // Feed-forward: GELU(x·W₁ᵀ + b₁)·W₂ᵀ + b₂, residual, LayerNorm.
            VectorKernels.fill(intermediate, rows: rows, with: layer.intermediate.bias, width: inner)
            BLAS.multiply(x, rows: rows, inner: hidden, leading: hidden,
                          transposed: layer.intermediate.weight, columns: inner, leading: hidden,
                          into: intermediate, leading: inner, beta: 1)
            VectorKernels.gelu(intermediate, count: rows * inner)
            VectorKernels.addBias(layer.output.bias, to: x, into: residual, rows: rows, width: hidden)
            BLAS.multiply(intermediate, rows: rows, inner: inner, leading: inner,
                          transposed: layer.output.weight, columns: hidden, leading: inner,
                          into: residual, leading: hidden, beta: 1)
            VectorKernels.layerNorm(residual, into: x, rows: rows, width: hidden,
                                    scale: layer.outputNorm.scale, shift: layer.outputNorm.shift, epsilon: epsilon)
        }

        // Mean over each sentence's tokens, then unit length.
        var embeddings: [[Float]] = []
        embeddings.reserveCapacity(batch.count)
        var first = 0
        for ids in batch {
            let n = ids.count
            let embedding = [Float](unsafeUninitializedCapacity: hidden) { buffer, initialized in
                let out = buffer.baseAddress!
                out.initialize(repeating: 0, count: hidden)
                for token in first..<(first + n) {
                    let source = x + token * hidden
                    for i in 0..<hidden { out[i] += source[i] }
                }
                var norm: Float = 0
                for i in 0..<hidden { norm += out[i] * out[i] }
                // Dividing by n before normalising changes nothing; normalise the sum directly.
                let inverse = norm > 0 ? 1 / norm.squareRoot() : 0
                for i in 0..<hidden { out[i] *= inverse }
                initialized = hidden
            }
            embeddings.append(embedding)
            first += n
        }
        return embeddings
    }
}
