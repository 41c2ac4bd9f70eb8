package org.e2v.model;

import java.util.Map;

/**
 * A {@link TrainingLoss} evaluated in Java on host arrays in double precision, with its hand-written
 * gradients: the same function as the loss's SameDiff graph (checked against it and against the golden
 * vectors), without the graph's per-op dispatch on the training path (decision 0136). Stateless; any
 * thread.
 */
public interface HostLoss {
    /**
     * Loss and gradients of one episode.
     *
     * @param embeddings [B * E] row-major, row k*N+i is utterance i of class k (episodic order)
     * @param rows       B = K * N
     * @param dims       E
     * @param headW      [E * C] row-major weights of the linear head
     * @param headBias   [C] bias of the linear head
     * @param labels     [B] class of each row, in 0..C-1 (the head's targets)
     * @param classesK   K
     * @param perClassN  N
     * @param scalars    current values of the loss's trainable scalars, by their graph names
     *                   ({@code org.e2v.model.loss.LossVariables}); every scalar the loss's graph trains
     * @return the loss terms and d total / d every input that is trained
     */
    Result evaluate(double[] embeddings, int rows, int dims, double[] headW, double[] headBias, int[] labels,
                    int classesK, int perClassN, Map<String, Double> scalars);

    /**
     * @param total       the minimised value (ceWeight * ce + metric, or ce alone)
     * @param ce          the head's mean cross-entropy (NaN when the loss has none)
     * @param metric      the metric-learning term (NaN when the loss has none)
     * @param dEmbeddings [B * E]
     * @param dHeadW      [E * C]
     * @param dHeadBias   [C]
     * @param dScalars    gradient of each trainable scalar, by name (same keys as the scalars given)
     */
    record Result(double total, double ce, double metric, double[] dEmbeddings, double[] dHeadW,
                  double[] dHeadBias, Map<String, Double> dScalars) {
    }
}
