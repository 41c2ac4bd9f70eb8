package org.e2v.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hidden units of the transformer's feed-forward block in one pass (decision 0135):
 * {@code hidden = relu(pre + b1) * keep} with {@code keep} the inverted-dropout mask of
 * {@link Dropout} (0 or 1/(1-p); 1 without dropout). d hidden / d pre is {@code keep * [pre + b1 > 0]},
 * which is {@code keep * [hidden > 0]}: {@link #backward} reads it off the hidden units themselves
 * (decision 0142), so no gate array is written. As ND4J
 * calls this was five passes over the [B*T, ff] block (bias, ReLU, Bernoulli draw, scale, product)
 * and two more backward (step function, product); the block is the step's largest (e.g.
 * 3000 x 2048). Rows are shared with the model's {@link PairWorker} helper; each half streams its rows in
 * chunks through its own staging arrays. Float models compute in float, double models in double,
 * so both round where ND4J's ops would. One owner, one thread.
 */
final class ReluDropout {
    /** Elements per chunk: small enough that a chunk stays in cache between reading and writing. */
    private static final int CHUNK = 1 << 13;
    private final PairWorker worker;
    private final Staging[] staging = {new Staging(), new Staging()};

    /** @param worker the owner's helper (not closed here) */
    ReluDropout(PairWorker worker) {
        this.worker = worker;
    }

    /** One thread's chunk buffers (grown when a row is longer than a chunk). */
    private static final class Staging {
        final HostCopy host = new HostCopy();
        float[] kept = new float[0];
        float[] values = new float[0];
        float[] gates = new float[0];
        double[] doubleValues = new double[0];
        double[] doubleGates = new double[0];

        Staging ensure(int n, boolean asDouble) {
            if (kept.length < n) {
                kept = new float[n];
                values = new float[n];
                gates = new float[n];
            }
            if (asDouble && doubleValues.length < n) {
                doubleValues = new double[n];
                doubleGates = new double[n];
            }
            return this;
        }
    }

    /**
     * In place on {@code pre} ([rows, cols], contiguous c order: pre-activations without the bias),
     * which becomes {@code relu(pre + bias) * keep}; {@code gate} ([rows, cols], contiguous), unless
     * null, receives {@code keep * [pre + bias > 0]}.
     *
     * @param p    dropout probability, 0 for none
     * @param seed the mask's seed ({@link Dropout#keeps}); unused when p is 0
     */
    void apply(INDArray pre, INDArray bias, INDArray gate, int rows, int cols, double p, long seed) {
        DataType dt = pre.dataType();
        if (dt != DataType.FLOAT && dt != DataType.DOUBLE) {
            throw new IllegalArgumentException("float or double activations expected, not " + dt);
        }
        double[] b = new double[cols];
        new HostCopy().read(bias, b, cols);
        float[] bf = new float[cols];
        for (int j = 0; j < cols; j++) {
            bf[j] = (float) b[j];
        }
        double keep = p > 0 ? 1.0 / (1 - p) : 1;
        int chunkRows = Math.max(1, CHUNK / cols);
        worker.run(rows, (from, to) -> {
            Staging st = staging[from == 0 ? 0 : 1].ensure(chunkRows * cols, dt == DataType.DOUBLE);
            for (int r0 = from; r0 < to; r0 += chunkRows) {
                int r1 = Math.min(to, r0 + chunkRows);
                long at = (long) r0 * cols;
                int n = (r1 - r0) * cols;
                if (p > 0) {
                    Dropout.keeps(seed, p, at, st.kept, n);
                } else {
                    Arrays.fill(st.kept, 0, n, 1f);
                }
                if (dt == DataType.FLOAT) {
                    floatChunk(st, pre, gate, at, r1 - r0, cols, bf, (float) keep);
                } else {
                    doubleChunk(st, pre, gate, at, r1 - r0, cols, b, keep);
                }
            }
        });
    }

    private static void floatChunk(Staging st, INDArray pre, INDArray gate, long at, int rowCount, int cols,
                                   float[] bias, float keep) {
        int n = rowCount * cols;
        float[] x = st.values;
        float[] g = st.gates;
        HostCopy.readRange(pre, at, x, n);
        for (int r = 0, k = 0; r < rowCount; r++) {
            for (int j = 0; j < cols; j++, k++) {
                float v = x[k] + bias[j];
                float gk = st.kept[k] * keep * positive(Float.floatToRawIntBits(v));
                g[k] = gk;
                x[k] = v * gk;
            }
        }
        HostCopy.writeRange(x, pre, at, n);
        if (gate != null) {
            HostCopy.writeRange(g, gate, at, n);
        }
    }

    private static void doubleChunk(Staging st, INDArray pre, INDArray gate, long at, int rowCount, int cols,
                                    double[] bias, double keep) {
        int n = rowCount * cols;
        double[] x = st.doubleValues;
        double[] g = st.doubleGates;
        st.host.readRange(pre, at, x, 0, n);
        for (int r = 0, k = 0; r < rowCount; r++) {
            for (int j = 0; j < cols; j++, k++) {
                double v = x[k] + bias[j];
                double gk = st.kept[k] * keep * positive(Double.doubleToRawLongBits(v));
                g[k] = gk;
                x[k] = v * gk;
            }
        }
        st.host.writeRange(x, 0, pre, at, n);
        if (gate != null) {
            st.host.writeRange(g, 0, gate, at, n);
        }
    }

    /**
     * Backward of {@link #apply}, in place on {@code dHidden} ([rows, cols], contiguous): the gradient
     * w.r.t. the pre-activations, {@code dHidden * keep} where {@code hidden > 0} and 0 elsewhere
     * ({@code hidden}: the output of {@code apply}, positive exactly where the unit was positive
     * and kept), with its column sums (the gradient of the bias) into {@code biasGrad} ([cols]).
     * The product is rounded as ND4J's would be (float models in float); the sums are in double.
     *
     * @param p the dropout probability {@code apply} used (0 for none)
     */
    void backward(INDArray dHidden, INDArray hidden, INDArray biasGrad, int rows, int cols, double p) {
        DataType dt = dHidden.dataType();
        if (dt != DataType.FLOAT && dt != DataType.DOUBLE) {
            throw new IllegalArgumentException("float or double gradients expected, not " + dt);
        }
        double keep = p > 0 ? 1.0 / (1 - p) : 1;
        int chunkRows = Math.max(1, CHUNK / cols);
        double[][] sums = new double[2][cols];
        worker.run(rows, (from, to) -> {
            int side = from == 0 ? 0 : 1;
            Staging st = staging[side].ensure(chunkRows * cols, dt == DataType.DOUBLE);
            double[] sum = sums[side];
            for (int r0 = from; r0 < to; r0 += chunkRows) {
                int r1 = Math.min(to, r0 + chunkRows);
                long at = (long) r0 * cols;
                int n = (r1 - r0) * cols;
                if (dt == DataType.FLOAT) {
                    float[] d = st.values;
                    float[] h = st.gates;
                    float k = (float) keep;
                    HostCopy.readRange(dHidden, at, d, n);
                    HostCopy.readRange(hidden, at, h, n);
                    for (int r = 0, i = 0; r < r1 - r0; r++) {
                        for (int j = 0; j < cols; j++, i++) {
                            // branch-free (the sign is a coin toss): k where hidden > 0, else 0
                            float v = d[i] * (k * positive(Float.floatToRawIntBits(h[i])));
                            d[i] = v;
                            sum[j] += v;
                        }
                    }
                    HostCopy.writeRange(d, dHidden, at, n);
                } else {
                    double[] d = st.doubleValues;
                    double[] h = st.doubleGates;
                    st.host.readRange(dHidden, at, d, 0, n);
                    st.host.readRange(hidden, at, h, 0, n);
                    for (int r = 0, i = 0; r < r1 - r0; r++) {
                        for (int j = 0; j < cols; j++, i++) {
                            double v = d[i] * (keep * positive(Double.doubleToRawLongBits(h[i])));
                            d[i] = v;
                            sum[j] += v;
                        }
                    }
                    st.host.writeRange(d, 0, dHidden, at, n);
                }
            }
        });
        for (int j = 0; j < cols; j++) {
            sums[0][j] += sums[1][j];
        }
        staging[0].host.write(sums[0], biasGrad, cols);
    }

    /**
     * 1 when the float with these bits is above 0 (a NaN with the sign bit clear counts, so NaN stays
     * NaN), else 0, without a branch: the sign of a pre-activation is a coin toss, and a mispredicted
     * branch per element made this pass five times slower.
     */
    private static int positive(int bits) {
        return (~bits >>> 31) & (-bits >>> 31);
    }

    /** As {@link #positive(int)} for a double's bits. */
    private static int positive(long bits) {
        return (int) ((~bits >>> 63) & (-bits >>> 63));
    }

}
