package org.e2v.model.loss;

import org.e2v.model.LossParts;
import org.e2v.model.TrainingLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * AAM-softmax / ArcFace (Sec. 4.1.1 "AAM"): the target logit becomes s * cos(theta + m), the others stay
 * s * cos. Where theta + m would pass pi (cos_target <= cos(pi - m)) the usual fallback
 * phi = cos_target - sin(pi - m) * m keeps phi decreasing in theta (voxceleb_trainer's aamsoftmax, the
 * convention of the golden vectors). The branch is chosen per row from the current cosine and is not
 * differentiated (it is a step function).
 */
final class AamSoftmaxLoss implements TrainingLoss {
    /**
     * Lower bound of 1 - cos^2 under the square root: keeps the derivative of sin finite when an embedding is
     * exactly parallel to its class vector (the reference's max(0, .) would give an infinite one there). It
     * only acts when |sin(theta)| < 1e-6.
     */
    static final double MIN_SIN_SQUARED = 1e-12;

    private final double margin;
    private final double scale;

    AamSoftmaxLoss(double margin, double scale) {
        this.margin = margin;
        this.scale = scale;
    }

    @Override
    public LossParts build(SameDiff sd, SDVariable embeddings, SDVariable headW, SDVariable headBias,
                           SDVariable oneHot, int classes, int perClass) {
        DataType dataType = embeddings.dataType();
        SDVariable targets = GraphOps.as(oneHot, dataType);
        SDVariable cos = GraphOps.classCosines(embeddings, headW);
        SDVariable cosTarget = cos.mul(targets).sum(true, 1);
        SDVariable sin = sd.math().sqrt(
                sd.math().clipByValue(cosTarget.mul(cosTarget).rsub(1.0), MIN_SIN_SQUARED, 1.0));
        SDVariable phiArc = cosTarget.mul(Math.cos(margin)).sub(sin.mul(Math.sin(margin)));
        double threshold = Math.cos(Math.PI - margin);
        double fallbackShift = Math.sin(Math.PI - margin) * margin;
        SDVariable phiFallback = cosTarget.sub(fallbackShift);
        SDVariable onArc = cosTarget.gt(threshold).castTo(dataType);
        SDVariable phi = phiArc.mul(onArc).add(LossVariables.PHI_TARGET, phiFallback.mul(onArc.rsub(1.0)));
        SDVariable logits = cos.mul(targets.rsub(1.0)).add(targets.mul(phi)).mul(LossVariables.LOGITS, scale);
        SDVariable metric = GraphOps.crossEntropyPerRow(sd, LossVariables.PER_QUERY, logits, targets)
                .mean(LossVariables.METRIC);
        return new LossParts(sd.identity(LossVariables.TOTAL, metric), null, metric);
    }
}
