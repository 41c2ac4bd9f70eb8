package org.e2v.model.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The support/query split of an episodic batch (Eq. (2)): row k*N+i is utterance i of class k; the LAST
 * utterance of each class is its query, the mean of the other N-1 RAW embeddings its centroid, so a query is
 * never part of its own centroid. Both are products with constant selection matrices, which keeps the
 * backward pass to plain matrix products.
 */
final class Episodes {
    private Episodes() {
    }

    /** [K, E] centroids c_k = (1/(N-1)) sum_{i<N-1} e_{k,i}, named {@link LossVariables#CENTROIDS}. */
    static SDVariable centroids(SameDiff sd, SDVariable embeddings, int classes, int perClass) {
        double[][] average = new double[classes][classes * perClass];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < perClass - 1; i++) {
                average[k][k * perClass + i] = 1.0 / (perClass - 1);
            }
        }
        return GraphOps.constant(sd, embeddings.dataType(), average).mmul(LossVariables.CENTROIDS, embeddings);
    }

    /** [K, E] queries q_j = e_{j,N-1}, named {@link LossVariables#QUERIES}. */
    static SDVariable queries(SameDiff sd, SDVariable embeddings, int classes, int perClass) {
        double[][] select = new double[classes][classes * perClass];
        for (int k = 0; k < classes; k++) {
            select[k][k * perClass + perClass - 1] = 1.0;
        }
        return GraphOps.constant(sd, embeddings.dataType(), select).mmul(LossVariables.QUERIES, embeddings);
    }

    /** Mean over queries of CE(logits_j, j): the targets of a K x K logit matrix are its diagonal. */
    static SDVariable meanDiagonalCrossEntropy(SameDiff sd, SDVariable logits, int classes, DataType dataType) {
        return GraphOps.crossEntropyPerRow(sd, LossVariables.PER_QUERY, logits,
                GraphOps.identity(sd, dataType, classes)).mean();
    }
}
