package org.e2v.experiment.embed;

import java.util.List;
import java.util.Map;
import org.e2v.domain.CorpusProblem;

/**
 * Embeddings of a set of utterances.
 *
 * @param modelHash   SHA-256 of the model file (identifies the encoder in enrollment sets)
 * @param classNames  the encoder's pretraining classes
 * @param dims        embedding size
 * @param embeddings  utterance id to embedding, in input order (utterances with problems are missing)
 * @param problems    utterances that could not be embedded, by file
 * @param cacheHits   embeddings read from the cache
 */
public record EmbeddingResult(String modelHash, List<String> classNames, int dims, Map<String, float[]> embeddings,
                              List<CorpusProblem> problems, int cacheHits) {
}
