package org.e2v.model.loss;

import org.e2v.model.LossParts;
import org.e2v.model.TrainingLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * AM-softmax / CosFace (Sec. 4.1.1 "AM"): logits = s * (cos(x_r, W_c) - m [c = y_r]) with the rows of X and
 * the columns of the class-weight matrix W (E x C) normalised separately; mean cross-entropy over the rows.
 * The margin is always subtracted (CosFace's definition); {@link org.e2v.model.LossSpec#convention()} only
 * concerns the prototypical similarity of Eq. (4). headBias is not used: the logits are pure cosines.
 */
final class AmSoftmaxLoss implements TrainingLoss {
    private final double margin;
    private final double scale;

    AmSoftmaxLoss(double margin, double scale) {
        this.margin = margin;
        this.scale = scale;
    }

    @Override
    public LossParts build(SameDiff sd, SDVariable embeddings, SDVariable headW, SDVariable headBias,
                           SDVariable oneHot, int classes, int perClass) {
        DataType dataType = embeddings.dataType();
        SDVariable targets = GraphOps.as(oneHot, dataType);
        SDVariable cos = GraphOps.classCosines(embeddings, headW);
        SDVariable logits = cos.sub(targets.mul(margin)).mul(LossVariables.LOGITS, scale);
        SDVariable metric = GraphOps.crossEntropyPerRow(sd, LossVariables.PER_QUERY, logits, targets)
                .mean(LossVariables.METRIC);
        return new LossParts(sd.identity(LossVariables.TOTAL, metric), null, metric);
    }
}
