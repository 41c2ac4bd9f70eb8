package org.e2v.model.loss;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.e2v.model.LossParts;
import org.e2v.model.LossSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A test graph around one loss: the embeddings, the head's W and bias are trainable variables (so that
 * {@code calculateGradients} returns their gradients), the one-hot labels a constant.
 */
final class LossGraph {
    static final String EMBEDDINGS = "embeddings";
    static final String HEAD_W = "W";
    static final String HEAD_BIAS = "bias";

    final SameDiff sd;
    final LossParts parts;

    private LossGraph(SameDiff sd, LossParts parts) {
        this.sd = sd;
        this.parts = parts;
    }

    /**
     * @param headW    E x C head weights
     * @param headBias C head bias
     * @param labels   class of every row, in 0..C-1
     */
    static LossGraph build(LossSpec spec, DataType dataType, double[][] embeddings, double[][] headW,
                           double[] headBias, int[] labels, int classes, int perClass) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var(EMBEDDINGS, Nd4j.create(embeddings).castTo(dataType));
        SDVariable w = sd.var(HEAD_W, Nd4j.create(headW).castTo(dataType));
        SDVariable bias = sd.var(HEAD_BIAS, Nd4j.createFromArray(headBias).castTo(dataType));
        double[][] oneHot = new double[labels.length][headBias.length];
        for (int r = 0; r < labels.length; r++) {
            oneHot[r][labels[r]] = 1.0;
        }
        SDVariable targets = sd.constant("onehot", Nd4j.create(oneHot).castTo(dataType));
        LossParts parts = Losses.create(spec).build(sd, x, w, bias, targets, classes, perClass);
        return new LossGraph(sd, parts);
    }

    /** Episodic labels floor(r / N). */
    static int[] episodicLabels(int classes, int perClass) {
        int[] labels = new int[classes * perClass];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = r / perClass;
        }
        return labels;
    }

    /** Values of the named variables in the current state of the graph. */
    Map<String, INDArray> values(String... names) {
        return sd.output(new HashMap<>(), names);
    }

    /** Value of one named variable as a flat double array. */
    double[] value(String name) {
        return values(name).get(name).castTo(DataType.DOUBLE).data().asDouble();
    }

    /** Scalar value of one named variable. */
    double scalar(String name) {
        return value(name)[0];
    }

    /** Gradients of {@code lossName} with respect to the named trainable variables. */
    Map<String, INDArray> gradients(String lossName, String... variables) {
        sd.setLossVariables(lossName);
        return sd.calculateGradients(new HashMap<>(), Arrays.asList(variables));
    }

    /** The trainable variable's current values (a view: writing to it changes the graph). */
    INDArray array(String variable) {
        return sd.getVariable(variable).getArr();
    }

    /** Names of every trainable variable of the graph. */
    List<String> trainableNames() {
        return sd.variables().stream()
                .filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .map(SDVariable::name).toList();
    }
}
