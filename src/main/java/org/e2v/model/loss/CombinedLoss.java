package org.e2v.model.loss;

import java.util.HashMap;
import java.util.Map;
import org.e2v.model.HostLoss;
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
        checkEpisode(classes, perClass);
        SDVariable metric = sd.identity(LossVariables.METRIC, metric(sd, embeddings, oneHot, classes, perClass));
        SDVariable ce = sd.identity(LossVariables.CE,
                CrossEntropyHead.meanCrossEntropy(sd, embeddings, headW, headBias, oneHot));
        SDVariable total = ce.mul(ceWeight).add(LossVariables.TOTAL, metric);
        return new LossParts(total, ce, metric);
    }

    /** Eq. (5) on host arrays when the metric term has a host version (decision 0136), else null. */
    @Override
    public final HostLoss host() {
        HostMetric metric = hostMetric();
        if (metric == null) {
            return null;
        }
        return (x, rows, dims, headW, headBias, labels, classes, perClass, scalars) -> {
            checkEpisode(classes, perClass);
            double[] dX = new double[rows * dims];
            double[] dW = new double[headW.length];
            double[] dBias = new double[headBias.length];
            Map<String, Double> dScalars = new HashMap<>();
            double ce = HostMath.headCrossEntropy(x, rows, dims, headW, headBias, labels, ceWeight, dX, dW, dBias);
            double m = metric.addGradients(x, dims, classes, perClass, scalars, dX, dScalars);
            return new HostLoss.Result(ce * ceWeight + m, ce, m, dX, dW, dBias, dScalars);
        };
    }

    private void checkEpisode(int classes, int perClass) {
        if (classes < 2) {
            throw new IllegalArgumentException(name() + " needs at least 2 classes per episode (K >= 2), got K = "
                    + classes);
        }
        if (perClass < 2) {
            throw new IllegalArgumentException(name() + " needs at least 2 utterances per class (N >= 2), got N = "
                    + perClass);
        }
    }

    /** The metric term on host arrays, or null where it exists only as a graph (triplet). */
    HostMetric hostMetric() {
        return null;
    }

    /** A metric term of Eq. (5) on host arrays, with its hand-written gradients. */
    interface HostMetric {
        /**
         * @param x        [K*N * E] embeddings in episodic order
         * @param scalars  current values of the trainable scalars this term's graph creates, by name
         * @param dX       receives (added) d metric / d x
         * @param dScalars receives d metric / d each trainable scalar, by name
         * @return the metric term
         */
        double addGradients(double[] x, int dims, int classes, int perClass, Map<String, Double> scalars,
                            double[] dX, Map<String, Double> dScalars);
    }

    /** The loss name used in messages. */
    abstract String name();

    /**
     * @param embeddings [K*N, E] in episodic order
     * @return the scalar metric loss (unnamed; the caller names it {@link LossVariables#METRIC})
     */
    abstract SDVariable metric(SameDiff sd, SDVariable embeddings, SDVariable oneHot, int classes, int perClass);
}
