package org.e2v.model.loss;

import java.util.Map;
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

    /**
     * The same term on host arrays (decision 0136). With cos_jk = q^_j . c^_k (x^ = x / |x|) and
     * G = d loss / d S = (softmax(S_j) - [j = k]) / K: d/dw = sum G (cos + sign m [j = k]), d/db = sum G,
     * d/dm = w sign sum_j G_jj, and d cos_jk / d q_j = (c^_k - cos_jk q^_j) / |q_j| (likewise for c_k).
     * Clipped scalars get gradient 0 at or beyond their bounds, as SameDiff's clipByValue.
     */
    @Override
    HostMetric hostMetric() {
        return (x, dims, classes, perClass, scalars, dX, dScalars) -> {
            double[] c = HostMath.centroids(x, classes, perClass, dims);
            double[] q = HostMath.queries(x, classes, perClass, dims);
            double[] cNorm = norms(c, classes, dims);
            double[] qNorm = norms(q, classes, dims);
            double[] cos = new double[classes * classes];
            for (int j = 0; j < classes; j++) {
                for (int k = 0; k < classes; k++) {
                    cos[j * classes + k] = HostMath.dot(q, j * dims, c, k * dims, dims) / (qNorm[j] * cNorm[k]);
                }
            }
            double w = scalars.get(LossVariables.SCALE_W);
            double b = scalars.get(LossVariables.BIAS_B);
            double wUsed = Math.max(w, Losses.MIN_SCALE_W);
            double m = margin;
            if (learnableMargin) {
                m = Math.min(Math.max(scalars.get(LossVariables.MARGIN), marginMin), marginMax);
            }
            double sign = cosfaceSign ? -1 : 1;
            // Eq. (3)-(4); G replaces S below
            double[] g = new double[classes * classes];
            for (int j = 0; j < classes; j++) {
                for (int k = 0; k < classes; k++) {
                    g[j * classes + k] = wUsed * (cos[j * classes + k] + (j == k ? sign * m : 0)) + b;
                }
            }
            double loss = HostMath.diagonalCrossEntropy(g, classes);
            double dW = 0;
            double dB = 0;
            double dM = 0;
            for (int j = 0; j < classes; j++) {
                for (int k = 0; k < classes; k++) {
                    double gjk = g[j * classes + k];
                    dW += gjk * (cos[j * classes + k] + (j == k ? sign * m : 0));
                    dB += gjk;
                }
                dM += wUsed * sign * g[j * classes + j];
            }
            dScalars.put(LossVariables.SCALE_W, w > Losses.MIN_SCALE_W && w < Float.MAX_VALUE ? dW : 0.0);
            dScalars.put(LossVariables.BIAS_B, dB);
            if (learnableMargin) {
                double raw = scalars.get(LossVariables.MARGIN);
                dScalars.put(LossVariables.MARGIN, raw > marginMin && raw < marginMax ? dM : 0.0);
            }
            double[] dC = new double[classes * dims];
            double[] dQ = new double[classes * dims];
            for (int j = 0; j < classes; j++) {
                for (int k = 0; k < classes; k++) {
                    double dCos = wUsed * g[j * classes + k];
                    double cjk = cos[j * classes + k];
                    double toQ = dCos / qNorm[j];
                    double toC = dCos / cNorm[k];
                    for (int e = 0; e < dims; e++) {
                        double qHat = q[j * dims + e] / qNorm[j];
                        double cHat = c[k * dims + e] / cNorm[k];
                        dQ[j * dims + e] += toQ * (cHat - cjk * qHat);
                        dC[k * dims + e] += toC * (qHat - cjk * cHat);
                    }
                }
            }
            HostMath.scatterEpisode(dC, dQ, classes, perClass, dims, dX);
            return loss;
        };
    }

    private static double[] norms(double[] rows, int count, int dims) {
        double[] n = new double[count];
        for (int r = 0; r < count; r++) {
            n[r] = Math.sqrt(HostMath.dot(rows, r * dims, rows, r * dims, dims));
        }
        return n;
    }
}
