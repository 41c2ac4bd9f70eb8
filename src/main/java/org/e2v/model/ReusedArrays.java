package org.e2v.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named work arrays that live from one training step to the next (decision 0133): an array is
 * allocated when its name is first asked for, or when its shape or type changed (another bucket
 * length), and handed out again otherwise. Fresh native buffers are what made SameDiff slow here
 * (every op result allocated and zeroed anew, decision 0132). Contents are not cleared between
 * uses; callers overwrite them. One owner, one thread.
 */
final class ReusedArrays implements AutoCloseable {
    private final Map<String, INDArray> arrays = new HashMap<>();

    /** The array named {@code name} with this type and c-order shape; its content is whatever was left in it. */
    INDArray get(String name, DataType dataType, long... shape) {
        INDArray a = arrays.get(name);
        if (a != null && a.dataType() == dataType && Arrays.equals(a.shape(), shape)) {
            return a;
        }
        if (a != null && a.closeable()) {
            a.close();
        }
        INDArray fresh = Nd4j.create(dataType, shape);
        arrays.put(name, fresh);
        return fresh;
    }

    /** Whether {@code a} is one of the arrays handed out (its owner must not close it). */
    boolean owns(INDArray a) {
        for (INDArray mine : arrays.values()) {
            if (mine == a) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (INDArray a : arrays.values()) {
            if (a.closeable()) {
                a.close();
            }
        }
        arrays.clear();
    }
}
