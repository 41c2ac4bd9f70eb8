package org.e2v.model.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Small graph building blocks shared by the losses. All results keep the data type of their inputs. */
final class GraphOps {
    private GraphOps() {
    }

    /** A constant matrix of data type {@code dataType}. */
    static SDVariable constant(SameDiff sd, DataType dataType, double[][] values) {
        return sd.constant(Nd4j.create(values).castTo(dataType));
    }

    /** A constant K x K identity matrix, the [j = k] indicator of Eq. (4) and the targets of the queries. */
    static SDVariable identity(SameDiff sd, DataType dataType, int size) {
        double[][] eye = new double[size][size];
        for (int i = 0; i < size; i++) {
            eye[i][i] = 1.0;
        }
        return constant(sd, dataType, eye);
    }

    /** Rows divided by their Euclidean norms (no epsilon, as in the reference). */
    static SDVariable normalizeRows(SDVariable x) {
        return x.div(x.norm2(true, 1));
    }

    /** Columns divided by their Euclidean norms (class weight matrices are E x C, one column per class). */
    static SDVariable normalizeColumns(SDVariable x) {
        return x.div(x.norm2(true, 0));
    }

    /** {@code x} in data type {@code dataType} (labels may come as another floating type). */
    static SDVariable as(SDVariable x, DataType dataType) {
        return x.dataType() == dataType ? x : x.castTo(dataType);
    }

    /**
     * Per-row cross-entropy CE(z, t) = log sum_c exp(z_c) - z_t of a logit matrix against one-hot targets; the
     * log-sum-exp subtracts the row maximum first so that large scaled logits (s = 30) cannot overflow.
     *
     * @param perRowName name of the [B] per-row result
     */
    static SDVariable crossEntropyPerRow(SameDiff sd, String perRowName, SDVariable logits, SDVariable oneHot) {
        SDVariable rowMax = logits.max(true, 1);
        SDVariable logSumExp = sd.math().log(sd.math().exp(logits.sub(rowMax)).sum(true, 1)).add(rowMax);
        SDVariable target = logits.mul(oneHot).sum(true, 1);
        return sd.reshape(perRowName, logSumExp.sub(target), -1);
    }

    /**
     * Cosines between every embedding row and every class column of W (AM/AAM-softmax): rows of
     * the embeddings and columns of W are normalised separately, named {@link LossVariables#COSINE}.
     */
    static SDVariable classCosines(SDVariable embeddings, SDVariable headW) {
        return normalizeRows(embeddings).mmul(LossVariables.COSINE, normalizeColumns(headW));
    }
}
