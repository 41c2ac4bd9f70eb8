package org.e2v.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The encoder's trainable arrays, in declaration order. Every bucket graph binds these same
 * INDArray objects (SameDiff keeps the reference), so an in-place optimizer update reaches all
 * graphs at once. Initial values come from a Java RNG seeded from the model seed, so they do not
 * depend on ND4J's global random state.
 */
final class Params {
    private final DataType dataType;
    private final SplittableRandom random;
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();

    Params(DataType dataType, long initSeed) {
        this.dataType = dataType;
        this.random = new SplittableRandom(initSeed);
    }

    DataType dataType() {
        return dataType;
    }

    /** Uniform(-bound, bound), the PyTorch default for Linear/GRU/LSTM weights (bound = 1/sqrt(fan-in)). */
    INDArray uniform(String name, double bound, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextDouble() * 2 - 1) * bound;
        }
        return put(name, Nd4j.create(v, shape, DataType.DOUBLE).castTo(dataType));
    }

    /** Xavier/Glorot uniform, as PyTorch initialises the attention projections. */
    INDArray xavier(String name, long fanIn, long fanOut) {
        return uniform(name, Math.sqrt(6.0 / (fanIn + fanOut)), fanIn, fanOut);
    }

    INDArray constant(String name, double value, long... shape) {
        return put(name, Nd4j.valueArrayOf(shape, value, dataType));
    }

    private INDArray put(String name, INDArray array) {
        if (arrays.containsKey(name)) {
            throw new IllegalStateException("parameter " + name + " declared twice");
        }
        arrays.put(name, array);
        return array;
    }

    INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return a;
    }

    Map<String, INDArray> all() {
        return Collections.unmodifiableMap(arrays);
    }
}
