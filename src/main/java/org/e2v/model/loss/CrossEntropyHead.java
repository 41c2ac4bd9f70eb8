package org.e2v.model.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** L_ce of Eq. (5) and the SM loss: softmax cross-entropy of the linear head, logits = X W + bias. */
final class CrossEntropyHead {
    private CrossEntropyHead() {
    }

    /**
     * Adds the head's logits ({@link LossVariables#CE_LOGITS}), per-row CE and their mean.
     *
     * @return the unnamed mean cross-entropy (the caller names it)
     */
    static SDVariable meanCrossEntropy(SameDiff sd, SDVariable embeddings, SDVariable headW, SDVariable headBias,
                                       SDVariable oneHot) {
        SDVariable logits = embeddings.mmul(headW).add(LossVariables.CE_LOGITS, headBias);
        SDVariable perRow = GraphOps.crossEntropyPerRow(sd, LossVariables.CE_PER_ROW, logits,
                GraphOps.as(oneHot, embeddings.dataType()));
        return perRow.mean();
    }
}
