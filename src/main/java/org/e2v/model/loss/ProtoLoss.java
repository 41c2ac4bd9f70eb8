package org.e2v.model.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Proto (Sec. 4.1.1, Snell et al.): logits_jk = -|q_j - c_k|^2, the negative squared Euclidean distance of
 * query j to centroid k (no scale, bias or epsilon), mean cross-entropy over the K queries, plus L_ce.
 */
final class ProtoLoss extends CombinedLoss {
    ProtoLoss(double ceWeight) {
        super(ceWeight);
    }

    @Override
    String name() {
        return "proto";
    }

    @Override
    SDVariable metric(SameDiff sd, SDVariable embeddings, SDVariable oneHot, int classes, int perClass) {
        DataType dataType = embeddings.dataType();
        SDVariable centroids = Episodes.centroids(sd, embeddings, classes, perClass);
        SDVariable queries = Episodes.queries(sd, embeddings, classes, perClass);
        // |q - c|^2 = |q|^2 + |c|^2 - 2 q.c; the outer sums are products with a ones vector so that the
        // backward pass needs no broadcasting rules.
        double[][] onesColumn = new double[classes][1];
        for (double[] row : onesColumn) {
            row[0] = 1.0;
        }
        SDVariable ones = GraphOps.constant(sd, dataType, onesColumn);
        SDVariable querySquares = queries.mul(queries).sum(true, 1);
        SDVariable centroidSquares = centroids.mul(centroids).sum(true, 1);
        SDVariable squaredDistances = querySquares.mmul(sd.transpose(ones))
                .add(ones.mmul(sd.transpose(centroidSquares)))
                .sub(queries.mmul(sd.transpose(centroids)).mul(2.0));
        SDVariable logits = squaredDistances.neg(LossVariables.LOGITS);
        return Episodes.meanDiagonalCrossEntropy(sd, logits, classes, dataType);
    }

    /**
     * The same term on host arrays (decision 0136): with G = (softmax(logits_j) - [j = k]) / K,
     * d/dq_j = -2 sum_k G_jk (q_j - c_k) and d/dc_k = 2 sum_j G_jk (q_j - c_k).
     */
    @Override
    HostMetric hostMetric() {
        return (x, dims, classes, perClass, scalars, dX, dScalars) -> {
            double[] c = HostMath.centroids(x, classes, perClass, dims);
            double[] q = HostMath.queries(x, classes, perClass, dims);
            double[] g = new double[classes * classes];
            for (int j = 0; j < classes; j++) {
                for (int k = 0; k < classes; k++) {
                    double d = 0;
                    for (int e = 0; e < dims; e++) {
                        double diff = q[j * dims + e] - c[k * dims + e];
                        d += diff * diff;
                    }
                    g[j * classes + k] = -d;
                }
            }
            double loss = HostMath.diagonalCrossEntropy(g, classes);
            double[] dC = new double[classes * dims];
            double[] dQ = new double[classes * dims];
            for (int j = 0; j < classes; j++) {
                for (int k = 0; k < classes; k++) {
                    double twoG = 2 * g[j * classes + k];
                    for (int e = 0; e < dims; e++) {
                        double diff = q[j * dims + e] - c[k * dims + e];
                        dQ[j * dims + e] -= twoG * diff;
                        dC[k * dims + e] += twoG * diff;
                    }
                }
            }
            HostMath.scatterEpisode(dC, dQ, classes, perClass, dims, dX);
            return loss;
        };
    }
}
