package org.e2v.model.loss;

import org.e2v.model.LossParts;
import org.e2v.model.TrainingLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Eq. (5): total = ceWeight * L_ce + L_metric, where L_ce is the softmax cross-entropy of the linear head on
 * every row of the episode and L_metric a metric-learning loss on the embeddings (triplet, proto, aproto,
 * amproto, namp). The paper uses weight 1 for both terms.
 */
abstract class CombinedLoss implements TrainingLoss {
    private final double ceWeight;

    CombinedLoss(double ceWeight) {
        this.ceWeight = ceWeight;
    }

    @Override
    public final LossParts build(SameDiff sd, SDVariable embeddings, SDVariable headW, SDVariable headBias,
                                 SDVariable oneHot, int classes, int perClass) {
        if (classes < 2) {
            throw new IllegalArgumentException(name() + " needs at least 2 classes per episode (K >= 2), got K = "
                    + classes);
        }
        if (perClass < 2) {
            throw new IllegalArgumentException(name() + " needs at least 2 utterances per class (N >= 2), got N = "
                    + perClass);
        }
        SDVariable metric = sd.identity(LossVariables.METRIC, metric(sd, embeddings, oneHot, classes, perClass));
        SDVariable ce = sd.identity(LossVariables.CE,
                CrossEntropyHead.meanCrossEntropy(sd, embeddings, headW, headBias, oneHot));
        SDVariable total = ce.mul(ceWeight).add(LossVariables.TOTAL, metric);
        return new LossParts(total, ce, metric);
    }

    /** The loss name used in messages. */
    abstract String name();

    /**
     * @param embeddings [K*N, E] in episodic order
     * @return the scalar metric loss (unnamed; the caller names it {@link LossVariables#METRIC})
     */
    abstract SDVariable metric(SameDiff sd, SDVariable embeddings, SDVariable oneHot, int classes, int perClass);
}
