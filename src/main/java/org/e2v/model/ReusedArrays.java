package org.e2v.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named work arrays that live from one use to the next (decision 0133): each name owns one native
 * buffer, allocated when the name is first asked for or when a larger size or another type is
 * needed, and otherwise handed out again as a c-ordered array of the asked shape over the start of
 * that buffer (episodes and utterances of other lengths reuse it). Fresh native buffers are what
 * made SameDiff slow here (every op result allocated and zeroed anew, decision 0132). Contents are
 * not cleared between uses; callers overwrite them. One owner, one thread.
 */
final class ReusedArrays implements AutoCloseable {
    private final Map<String, INDArray> buffers = new HashMap<>();
    /** The last array handed out per name (reused as is while the shape stays). */
    private final Map<String, INDArray> views = new HashMap<>();

    /** An array named {@code name} of this type and c-order shape; its content is whatever was left in it. */
    INDArray get(String name, DataType dataType, long... shape) {
        INDArray last = views.get(name);
        if (last != null && last.dataType() == dataType && Arrays.equals(last.shape(), shape)) {
            return last;
        }
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        INDArray buffer = buffers.get(name);
        if (buffer == null || buffer.dataType() != dataType || buffer.length() < length) {
            if (buffer != null && buffer.closeable()) {
                buffer.close();
            }
            buffer = Nd4j.create(dataType, Math.max(1, length));
            buffers.put(name, buffer);
        }
        INDArray view = Nd4j.create(buffer.data(), shape.clone(), cStrides(shape), 0, 'c', dataType);
        views.put(name, view);
        return view;
    }

    private static long[] cStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    @Override
    public void close() {
        for (INDArray a : buffers.values()) {
            if (a.closeable()) {
                a.close();
            }
        }
        buffers.clear();
        views.clear();
    }
}
