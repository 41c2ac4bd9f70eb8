package org.e2v.model.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AProto (m = 0), AMProto (m > 0) and NAMP (m < 0), Sec. 3.3.2: S_jk = w (cos(q_j, c_k) + m [j = k]) + b
 * (Eq. (3)-(4), "paper" convention) or S_jk = w (cos(q_j, c_k) - m [j = k]) + b ("cosface" convention), and
 * the mean cross-entropy of each query against its own centroid (the second term of Eq. (5)), plus L_ce.
 * w and b are trainable scalars; w is clamped to {@link Losses#MIN_SCALE_W} in the forward pass to keep it
 * positive as Eq. (3) requires. The margin is a constant, or a trainable scalar clipped to its bounds.
 */
final class AngularProtoLoss extends CombinedLoss {
    private final String name;
    private final double margin;
    private final boolean cosfaceSign;
    private final boolean learnableMargin;
    private final double marginMin;
    private final double marginMax;
    private final double initW;
    private final double initB;

    /**
     * @param marginMin lower clip of a learnable margin (ignored when the margin is fixed)
     * @param marginMax upper clip of a learnable margin (ignored when the margin is fixed)
     */
    AngularProtoLoss(String name, double margin, boolean cosfaceSign, boolean learnableMargin, double marginMin,
                     double marginMax, double initW, double initB, double ceWeight) {
        super(ceWeight);
        this.name = name;
        this.margin = margin;
        this.cosfaceSign = cosfaceSign;
        this.learnableMargin = learnableMargin;
        this.marginMin = marginMin;
        this.marginMax = marginMax;
        this.initW = initW;
        this.initB = initB;
    }

    @Override
    String name() {
        return name;
    }

    @Override
    SDVariable metric(SameDiff sd, SDVariable embeddings, SDVariable oneHot, int classes, int perClass) {
        DataType dataType = embeddings.dataType();
        SDVariable centroids = Episodes.centroids(sd, embeddings, classes, perClass);
        SDVariable queries = Episodes.queries(sd, embeddings, classes, perClass);
        SDVariable cos = GraphOps.normalizeRows(queries)
                .mmul(LossVariables.COSINE, sd.transpose(GraphOps.normalizeRows(centroids)));

        SDVariable w = sd.var(LossVariables.SCALE_W, Nd4j.scalar(dataType, initW));
        SDVariable b = sd.var(LossVariables.BIAS_B, Nd4j.scalar(dataType, initB));
        SDVariable wUsed = sd.math().clipByValue(LossVariables.SCALE_W_USED, w, Losses.MIN_SCALE_W, Float.MAX_VALUE);
        SDVariable marginUsed;
        if (learnableMargin) {
            SDVariable m = sd.var(LossVariables.MARGIN, Nd4j.scalar(dataType, margin));
            marginUsed = sd.math().clipByValue(LossVariables.MARGIN_USED, m, marginMin, marginMax);
        } else {
            marginUsed = sd.constant(LossVariables.MARGIN_USED, Nd4j.scalar(dataType, margin));
        }
        // Eq. (4) adds m to the target cosine; CosFace subtracts it (see docs/decisions/0010).
        SDVariable diagonalMargin = GraphOps.identity(sd, dataType, classes)
                .mul(cosfaceSign ? marginUsed.neg() : marginUsed);
        SDVariable similarity = cos.add(diagonalMargin).mul(wUsed).add(LossVariables.LOGITS, b);
        return Episodes.meanDiagonalCrossEntropy(sd, similarity, classes, dataType);
    }
}
