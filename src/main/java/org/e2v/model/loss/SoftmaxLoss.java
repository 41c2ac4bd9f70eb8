package org.e2v.model.loss;

import java.util.Map;
import org.e2v.model.HostLoss;
import org.e2v.model.LossParts;
import org.e2v.model.TrainingLoss;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** SM (Sec. 4.1.1): plain softmax cross-entropy of the linear head, used alone. */
final class SoftmaxLoss implements TrainingLoss {
    @Override
    public LossParts build(SameDiff sd, SDVariable embeddings, SDVariable headW, SDVariable headBias,
                           SDVariable oneHot, int classes, int perClass) {
        SDVariable ce = sd.identity(LossVariables.CE,
                CrossEntropyHead.meanCrossEntropy(sd, embeddings, headW, headBias, oneHot));
        SDVariable total = sd.identity(LossVariables.TOTAL, ce);
        return new LossParts(total, ce, null);
    }

    @Override
    public HostLoss host() {
        return (x, rows, dims, headW, headBias, labels, classes, perClass, scalars) -> {
            double[] dX = new double[rows * dims];
            double[] dW = new double[headW.length];
            double[] dBias = new double[headBias.length];
            double ce = HostMath.headCrossEntropy(x, rows, dims, headW, headBias, labels, 1.0, dX, dW, dBias);
            return new HostLoss.Result(ce, ce, Double.NaN, dX, dW, dBias, Map.of());
        };
    }
}
