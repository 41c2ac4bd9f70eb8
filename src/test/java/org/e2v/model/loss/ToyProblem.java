package org.e2v.model.loss;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.e2v.model.LossParts;
import org.e2v.model.LossSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A learnable toy problem: K Gaussian clusters in D dimensions, one fixed episode of N points per cluster,
 * embeddings = X P with a trainable projection P (D x E), a trainable head (W, bias) and the loss's own
 * scalars, optimised with a hand-written Adam on {@code sd.calculateGradients}.
 */
final class ToyProblem {
    static final int CLASSES = 4;
    static final int PER_CLASS = 5;
    static final int INPUT_DIMS = 6;
    static final int EMBEDDING_DIMS = 4;

    final SameDiff sd = SameDiff.create();
    final LossParts parts;
    private final List<String> trainable;
    private final Map<String, INDArray> firstMoment = new HashMap<>();
    private final Map<String, INDArray> secondMoment = new HashMap<>();
    private final double learningRate;
    private int steps;

    ToyProblem(LossSpec spec, DataType dataType, long seed, double learningRate) {
        this.learningRate = learningRate;
        Random random = new Random(seed);
        double[][] centres = FiniteDifferenceGradientTest.gaussian(random, CLASSES, INPUT_DIMS);
        double[][] x = new double[CLASSES * PER_CLASS][INPUT_DIMS];
        double[][] oneHot = new double[CLASSES * PER_CLASS][CLASSES];
        for (int r = 0; r < x.length; r++) {
            for (int d = 0; d < INPUT_DIMS; d++) {
                x[r][d] = 1.5 * centres[r / PER_CLASS][d] + 0.5 * random.nextGaussian();
            }
            oneHot[r][r / PER_CLASS] = 1.0;
        }
        SDVariable input = sd.constant("x", Nd4j.create(x).castTo(dataType));
        SDVariable projection = sd.var("P", scaled(random, INPUT_DIMS, EMBEDDING_DIMS, dataType));
        SDVariable headW = sd.var("W", scaled(random, EMBEDDING_DIMS, CLASSES, dataType));
        SDVariable headBias = sd.var("bias", Nd4j.zeros(dataType, CLASSES));
        SDVariable labels = sd.constant("onehot", Nd4j.create(oneHot).castTo(dataType));
        parts = Losses.create(spec).build(sd, input.mmul(projection), headW, headBias, labels, CLASSES, PER_CLASS);
        sd.setLossVariables(parts.total());
        boolean biasUsed = !spec.name().equals("am") && !spec.name().equals("aam");
        trainable = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).filter(n -> biasUsed || !n.equals("bias")).toList();
    }

    private static INDArray scaled(Random random, int rows, int cols, DataType dataType) {
        double[][] values = FiniteDifferenceGradientTest.gaussian(random, rows, cols);
        return Nd4j.create(values).muli(0.3).castTo(dataType);
    }

    /** Current value of a named scalar variable of the graph (the total loss by default). */
    double value(String name) {
        return sd.output(new HashMap<>(), name).get(name).getDouble(0);
    }

    double loss() {
        return value(LossVariables.TOTAL);
    }

    /** One Adam step (beta1 0.9, beta2 0.999, eps 1e-8) on every trainable variable. */
    void step() {
        steps++;
        Map<String, INDArray> gradients = sd.calculateGradients(new HashMap<>(), trainable);
        for (String name : trainable) {
            INDArray g = gradients.get(name);
            INDArray m = firstMoment.computeIfAbsent(name, k -> g.like());
            INDArray v = secondMoment.computeIfAbsent(name, k -> g.like());
            m.muli(0.9).addi(g.mul(0.1));
            v.muli(0.999).addi(g.mul(g).muli(0.001));
            INDArray mHat = m.div(1 - Math.pow(0.9, steps));
            INDArray vHat = v.div(1 - Math.pow(0.999, steps));
            sd.getVariable(name).getArr().subi(mHat.divi(Transforms.sqrt(vHat).addi(1e-8)).muli(learningRate));
        }
    }
}
