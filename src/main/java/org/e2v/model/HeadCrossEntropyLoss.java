package org.e2v.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Plain softmax cross-entropy on the linear head, mean over the episode. The minimal loss the
 * encoder benchmark trains with (its cost is negligible next to the encoder's); the paper's losses
 * (Table 4, NAMP) live in {@code org.e2v.model.loss}.
 */
public final class HeadCrossEntropyLoss implements TrainingLoss {
    @Override
    public LossParts build(SameDiff sd, SDVariable embeddings, SDVariable headW, SDVariable headBias,
                           SDVariable oneHot, int classes, int perClass) {
        SDVariable logits = embeddings.mmul(headW).add(headBias);
        SDVariable ce = sd.nn().logSoftmax(logits).mul(oneHot).sum(1).mean().neg().rename("ce");
        return new LossParts(ce, ce, null);
    }
}
