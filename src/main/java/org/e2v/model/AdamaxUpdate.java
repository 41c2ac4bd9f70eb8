package org.e2v.model;

import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adamax (Sec. 4.1.3; Kingma and Ba, Algorithm 2) over all trainable arrays of a step as Java
 * passes on host copies (decision 0134): as ND4J calls it was nine elementwise ops per array plus a
 * reduction per gradient for the finiteness check, and at twenty-odd arrays the per-op cost (not
 * the arithmetic) made it 16-24 ms of every training step.
 *
 * <pre>
 *   m = b1 m + (1 - b1) g;  u = max(b2 u, |g|);  p -= lr / (1 - b1^t) * m / (u + eps)
 * </pre>
 *
 * Float arrays are updated in float arithmetic (as PyTorch's Adamax), double arrays in double.
 * Arrays are read and written in chunks of {@link #CHUNK} values that stay in cache (decision 0139:
 * widening whole arrays into double scratch, updating in double and narrowing back took 64 ms of
 * a 0.85 s step at model dim 512; chunked float passes take about a seventh of that). Shapes are
 * checked and every gradient is checked for finiteness before anything changes. The arrays are
 * shared out between the calling thread and the model's {@link PairWorker} helper (about half the
 * values each). One owner, one thread at a time.
 */
final class AdamaxUpdate {
    /** One trainable array with its gradient and the two Adamax moments (all the same shape). */
    record Slot(INDArray param, INDArray grad, INDArray m, INDArray u) {
    }

    /** Values per chunk: four float or double chunks stay within a core's L2 cache. */
    static final int CHUNK = 4096;

    private final double beta1;
    private final double beta2;
    private final double eps;
    /** Two halves of the arrays are updated at once, each with its own scratch. */
    private final PairWorker pair;
    private final Half[] halves = {new Half(), new Half()};

    /** Scratch of one thread: gradient, parameter and the two moments, as float or as double. */
    private static final class Half {
        final HostCopy host = new HostCopy();
        final float[][] f = new float[4][CHUNK];
        final double[][] d = new double[4][CHUNK];
        boolean finite;
    }

    /** @param pair the owner's helper (not closed here) */
    AdamaxUpdate(double beta1, double beta2, double eps, PairWorker pair) {
        this.pair = pair;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /**
     * Applies the update to every slot when every gradient entry is finite, else changes nothing.
     *
     * @param stepSize lr / (1 - b1^t)
     * @return whether all gradients were finite (and so the update was applied)
     */
    boolean apply(List<Slot> slots, double stepSize) {
        int count = slots.size();
        if (count == 0) {
            return true;
        }
        for (Slot s : slots) {
            contiguous(s.param(), "parameter");
            contiguous(s.m(), "first moment");
            contiguous(s.u(), "second moment");
            long n = s.param().length();
            if (s.grad().length() != n || s.m().length() != n || s.u().length() != n) {
                throw new IllegalArgumentException("parameter, gradient and moments differ in length: " + n + ", "
                        + s.grad().length() + ", " + s.m().length() + ", " + s.u().length());
            }
        }
        INDArray[] grads = new INDArray[count];
        long[] start = new long[count + 1];
        for (int k = 0; k < count; k++) {
            INDArray g = slots.get(k).grad();
            grads[k] = HostCopy.isContiguous(g) ? g : g.dup('c');
            start[k + 1] = start[k] + g.length();
        }
        // arrays [0, split) go to the calling thread, [split, count) to the helper: about half the values each
        int split = 0;
        while (split < count && start[split + 1] <= start[count] / 2) {
            split++;
        }
        int[] bounds = {0, Math.max(1, Math.min(count, split)), count};
        try {
            pair.run(2, (from, to) -> {
                for (int h = from; h < to; h++) {
                    Half half = halves[h];
                    half.finite = true;
                    for (int k = bounds[h]; k < bounds[h + 1] && half.finite; k++) {
                        half.finite = allFinite(half, grads[k]);
                    }
                }
            });
            if (!halves[0].finite || !halves[1].finite) {
                return false;
            }
            pair.run(2, (from, to) -> {
                for (int h = from; h < to; h++) {
                    for (int k = bounds[h]; k < bounds[h + 1]; k++) {
                        Slot s = slots.get(k);
                        update(halves[h], s.param(), grads[k], s.m(), s.u(), stepSize);
                    }
                }
            });
            return true;
        } finally {
            for (int k = 0; k < count; k++) {
                if (grads[k] != slots.get(k).grad()) {
                    grads[k].close();
                }
            }
        }
    }

    private static boolean allFinite(Half half, INDArray grad) {
        long n = grad.length();
        boolean isFloat = isFloat(grad);
        for (long from = 0; from < n; from += CHUNK) {
            int c = (int) Math.min(CHUNK, n - from);
            if (isFloat) {
                float[] g = half.f[0];
                HostCopy.readRange(grad, from, g, c);
                for (int i = 0; i < c; i++) {
                    if (!Float.isFinite(g[i])) {
                        return false;
                    }
                }
            } else {
                double[] g = half.d[0];
                half.host.readRange(grad, from, g, 0, c);
                for (int i = 0; i < c; i++) {
                    if (!Double.isFinite(g[i])) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void update(Half half, INDArray param, INDArray grad, INDArray mArr, INDArray uArr, double stepSize) {
        long n = param.length();
        boolean allFloat = isFloat(param) && isFloat(grad) && isFloat(mArr) && isFloat(uArr);
        for (long from = 0; from < n; from += CHUNK) {
            int c = (int) Math.min(CHUNK, n - from);
            if (allFloat) {
                floatChunk(half.f, param, grad, mArr, uArr, from, c, stepSize);
            } else {
                doubleChunk(half, param, grad, mArr, uArr, from, c, stepSize);
            }
        }
    }

    private void floatChunk(float[][] f, INDArray param, INDArray grad, INDArray mArr, INDArray uArr, long from,
                            int c, double stepSize) {
        FloatPointer pp = HostCopy.floatsAt(param, from);
        FloatPointer mp = HostCopy.floatsAt(mArr, from);
        FloatPointer up = HostCopy.floatsAt(uArr, from);
        float[] g = f[0];
        float[] p = f[1];
        float[] m = f[2];
        float[] u = f[3];
        HostCopy.readRange(grad, from, g, c);
        pp.get(p, 0, c);
        mp.get(m, 0, c);
        up.get(u, 0, c);
        // float arithmetic, as PyTorch's Adamax on float parameters: mixing in double kept C2 from
        // vectorising the loop (21 vs 4 ms per 1.9 M values in a probe)
        float b1 = (float) beta1;
        float b1c = (float) (1 - beta1);
        float b2 = (float) beta2;
        float e = (float) eps;
        float step = (float) stepSize;
        for (int i = 0; i < c; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + b1c * gi;
            float ui = Math.max(b2 * u[i], Math.abs(gi));
            m[i] = mi;
            u[i] = ui;
            p[i] -= step * mi / (ui + e);
        }
        pp.put(p, 0, c);
        mp.put(m, 0, c);
        up.put(u, 0, c);
    }

    private void doubleChunk(Half half, INDArray param, INDArray grad, INDArray mArr, INDArray uArr, long from,
                             int c, double stepSize) {
        double[] g = half.d[0];
        double[] p = half.d[1];
        double[] m = half.d[2];
        double[] u = half.d[3];
        half.host.readRange(grad, from, g, 0, c);
        half.host.readRange(param, from, p, 0, c);
        half.host.readRange(mArr, from, m, 0, c);
        half.host.readRange(uArr, from, u, 0, c);
        for (int i = 0; i < c; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            u[i] = Math.max(beta2 * u[i], Math.abs(g[i]));
            p[i] -= stepSize * m[i] / (u[i] + eps);
        }
        half.host.writeRange(p, 0, param, from, c);
        half.host.writeRange(m, 0, mArr, from, c);
        half.host.writeRange(u, 0, uArr, from, c);
    }

    private static boolean isFloat(INDArray a) {
        return a.data().pointer() instanceof FloatPointer;
    }

    private static void contiguous(INDArray a, String what) {
        if (!HostCopy.isContiguous(a)) {
            throw new IllegalArgumentException("Adamax updates contiguous c-ordered arrays only; the " + what
                    + " array " + java.util.Arrays.toString(a.shape()) + " is not");
        }
    }
}
