package org.e2v.model;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One utterance's evaluation forward pass of gru-transformer or transformer for float models on
 * the CPU build (decision 0138): every matrix product is one direct OpenBLAS call on native
 * buffers kept between calls, everything else (biases, GRU gates, softmax, residuals, layer norm,
 * ReLU, mean pooling) one Java pass over float arrays. No ND4J op runs: for a single utterance
 * their fixed cost (20-70 us each, ~25 per pass) was a fifth of the time.
 *
 * <p>The equations are {@link EncoderNet}'s evaluation graph and {@link TransformerBackprop}'s
 * forward pass without dropout (tests compare all three): GRU gates r, z, n with the recurrent
 * r/z biases added to the input projection; optional input projection; post-norm encoder layers
 * (Eq. (1) attention per head, ReLU feed-forward) with layer norm as the native op computes it
 * (biased variance, no epsilon); mean over the frames. One utterance has no padding, so no mask.
 * One instance serves one model on one thread.
 */
final class HostForward implements AutoCloseable {
    private final EncoderSpec spec;
    /** Native operands of the products, grown to the longest utterance seen. */
    private final Buffer input = new Buffer();
    private final Buffer gates = new Buffer();
    private final Buffer state = new Buffer();
    private final Buffer product = new Buffer();
    private final Buffer x = new Buffer();
    private final Buffer qkv = new Buffer();
    private final Buffer scores = new Buffer();
    private final Buffer ctx = new Buffer();
    private final Buffer out = new Buffer();
    private final Buffer hidden = new Buffer();
    /** Java sides of the same values. */
    private float[] xRows = new float[0];
    private float[] yRows = new float[0];
    private float[] uRows = new float[0];
    private float[] wide = new float[0];
    private float[] scoreRows = new float[0];

    HostForward(EncoderSpec spec) {
        if (!TransformerBackprop.supports(spec)) {
            throw new IllegalArgumentException("host forward pass covers gru-transformer and transformer, not " + spec.type());
        }
        this.spec = spec;
    }

    /** Whether a model of this type can run here: float parameters and OpenBLAS reachable (the CPU build). */
    static boolean supports(DataType dataType) {
        return dataType == DataType.FLOAT && NativeBlas.available();
    }

    /**
     * @param pooled [frames, dims] pooled frames of one utterance, row-major
     * @return the embedding ([M])
     */
    float[] embed(Params p, float[] pooled, int frames, int dims) {
        if (frames < 1 || pooled.length != frames * dims) {
            throw new IllegalArgumentException("expected " + frames + " x " + dims + " pooled frames, got "
                    + pooled.length + " values");
        }
        int m = spec.modelDim();
        float[] in = pooled;
        int width = dims;
        if (spec.type().equals(EncoderSpec.GRU_TRANSFORMER)) {
            in = gru(p, pooled, frames, dims);
            width = (int) p.get("gru_Wh").size(0);
        }
        xRows = grow(xRows, frames * m);
        if (p.all().containsKey("proj_W")) {
            input.put(in, frames * width);
            product(frames, m, width, input.at(0), width, p.get("proj_W"), x.ensure((long) frames * m));
            x.get(xRows, frames * m);
            addRowVector(xRows, frames, vector(p.get("proj_b")));
        } else {
            System.arraycopy(in, 0, xRows, 0, frames * m);
        }
        x.put(xRows, frames * m);
        for (int l = 0; l < spec.layers(); l++) {
            layer(l, p, frames, l + 1 < spec.layers());
        }
        // masked mean pooling with every frame valid
        double[] sums = new double[m];
        for (int r = 0; r < frames; r++) {
            int o = r * m;
            for (int j = 0; j < m; j++) {
                sums[j] += xRows[o + j];
            }
        }
        float[] embedding = new float[m];
        for (int j = 0; j < m; j++) {
            embedding[j] = (float) (sums[j] / frames);
        }
        return embedding;
    }

    /** Class scores of the linear head for an embedding from {@link #embed}. */
    static float[] logits(Params p, float[] embedding) {
        INDArray w = p.get("headW");
        int e = (int) w.size(0);
        int c = (int) w.size(1);
        float[] weights = vector(w);
        float[] bias = vector(p.get("headBias"));
        float[] result = new float[c];
        for (int k = 0; k < c; k++) {
            double s = bias[k];
            for (int j = 0; j < e; j++) {
                s += (double) embedding[j] * weights[j * c + k];
            }
            result[k] = (float) s;
        }
        return result;
    }

    /** The GRU over all frames: [frames, H] hidden states. */
    private float[] gru(Params p, float[] pooled, int frames, int dims) {
        INDArray wh = p.get("gru_Wh");
        int h = (int) wh.size(0);
        int g3 = 3 * h;
        // x W_x for all frames in one product, then b_x and the recurrent r/z biases per row
        input.put(pooled, frames * dims);
        product(frames, g3, dims, input.at(0), dims, p.get("gru_Wx"), gates.ensure((long) frames * g3));
        float[] xp = wide = grow(wide, frames * g3);
        gates.get(xp, frames * g3);
        float[] bx = vector(p.get("gru_bx"));
        float[] bh = vector(p.get("gru_bh"));
        for (int j = 0; j < 2 * h; j++) {
            bx[j] += bh[j];
        }
        addRowVector(xp, frames, bx);
        FloatPointer w = HostCopy.floatsAt(wh, 0);
        state.ensure(h);
        product.ensure(g3);
        float[] states = new float[frames * h];
        float[] hf = new float[h];
        float[] hw = new float[g3];
        double[] s = new double[h];
        for (int step = 0; step < frames; step++) {
            if (step > 0) {
                // h W_h: one gemv on W_h in place (decision 0135)
                state.put(hf, h);
                NativeBlas.sgemv(true, h, g3, w, g3, state.at(0), product.at(0));
                product.get(hw, g3);
            }
            int xr = step * g3;
            int or = step * h;
            for (int j = 0; j < h; j++) {
                double r = GateMath.sigmoid((double) xp[xr + j] + hw[j]);
                double z = GateMath.sigmoid((double) xp[xr + h + j] + hw[h + j]);
                double n = GateMath.tanh(xp[xr + 2 * h + j] + r * ((double) hw[2 * h + j] + bh[2 * h + j]));
                s[j] = n + z * (s[j] - n);
                hf[j] = (float) s[j];
            }
            System.arraycopy(hf, 0, states, or, h);
        }
        return states;
    }

    /**
     * Encoder layer {@code l} on x (native and {@link #xRows}, [T, M]); leaves its output in
     * {@link #xRows} and, when another layer follows, in x.
     */
    private void layer(int l, Params p, int t, boolean another) {
        String n = "tf" + l + "_";
        int m = spec.modelDim();
        int heads = spec.heads();
        int dh = m / heads;
        int g = 3 * m;
        int ff = spec.ffDim();
        // qkv = x Wqkv + b: the bias rows go in first and the product adds to them (one copy, not two)
        float[] rowsWithBias = wide = grow(wide, Math.max(t * g, t * ff));
        float[] bias = vector(p.get(n + "bqkv"));
        for (int r = 0; r < t; r++) {
            System.arraycopy(bias, 0, rowsWithBias, r * g, g);
        }
        qkv.ensure((long) t * g);
        qkv.put(rowsWithBias, t * g);
        NativeBlas.gemm(false, false, t, g, m, 1, x.at(0), m, HostCopy.floatsAt(p.get(n + "Wqkv"), 0), g, 1,
                qkv.at(0), g);
        // Eq. (1) per head: softmax(q k^T / sqrt(dh)) v into the head's columns of ctx
        scores.ensure((long) t * t);
        ctx.ensure((long) t * m);
        scoreRows = grow(scoreRows, t * t);
        for (int h = 0; h < heads; h++) {
            NativeBlas.gemm(false, true, t, t, dh, 1 / Math.sqrt(dh), qkv.at(h * dh), g, qkv.at(m + h * dh), g, 0,
                    scores.at(0), t);
            scores.get(scoreRows, t * t);
            softmaxRows(scoreRows, t, t);
            scores.put(scoreRows, t * t);
            NativeBlas.gemm(false, false, t, dh, t, 1, scores.at(0), t, qkv.at(2 * m + h * dh), g, 0, ctx.at(h * dh), m);
        }
        // y = LN1(x + ctx Wo + bo)
        uRows = grow(uRows, t * m);
        yRows = grow(yRows, t * m);
        product(t, m, m, ctx.at(0), m, p.get(n + "Wo"), out.ensure((long) t * m));
        out.get(uRows, t * m);
        residual(uRows, xRows, t, m, vector(p.get(n + "bo")));
        layerNorm(uRows, yRows, t, m, vector(p.get(n + "ln1_g")), vector(p.get(n + "ln1_b")));
        // out = LN2(y + relu(y W1 + b1) W2 + b2)
        x.put(yRows, t * m);
        product(t, ff, m, x.at(0), m, p.get(n + "W1"), hidden.ensure((long) t * ff));
        hidden.get(rowsWithBias, t * ff);
        float[] b1 = vector(p.get(n + "b1"));
        for (int r = 0; r < t; r++) {
            int o = r * ff;
            for (int j = 0; j < ff; j++) {
                rowsWithBias[o + j] = Math.max(0f, rowsWithBias[o + j] + b1[j]);
            }
        }
        hidden.put(rowsWithBias, t * ff);
        product(t, m, ff, hidden.at(0), ff, p.get(n + "W2"), out.at(0));
        out.get(uRows, t * m);
        residual(uRows, yRows, t, m, vector(p.get(n + "b2")));
        layerNorm(uRows, xRows, t, m, vector(p.get(n + "ln2_g")), vector(p.get(n + "ln2_b")));
        if (another) {
            x.put(xRows, t * m);
        }
    }

    /** c = a w for a [rows, k] operand at {@code a} (leading dimension lda) and a [k, n] parameter. */
    private static void product(int rows, int n, int k, FloatPointer a, int lda, INDArray w, FloatPointer c) {
        NativeBlas.gemm(false, false, rows, n, k, 1, a, lda, HostCopy.floatsAt(w, 0), n, 0, c, n);
    }

    /** u += x + bias per row. */
    private static void residual(float[] u, float[] x, int rows, int m, float[] bias) {
        for (int r = 0; r < rows; r++) {
            int o = r * m;
            for (int j = 0; j < m; j++) {
                u[o + j] += x[o + j] + bias[j];
            }
        }
    }

    private static void addRowVector(float[] a, int rows, float[] v) {
        int n = v.length;
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int j = 0; j < n; j++) {
                a[o + j] += v[j];
            }
        }
    }

    /** Row-wise softmax with the row maximum subtracted (exp never overflows). */
    private static void softmaxRows(float[] a, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, a[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(a[o + j] - max);
                a[o + j] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int j = 0; j < n; j++) {
                a[o + j] *= inv;
            }
        }
    }

    /** out = g (u - mean) / sigma + b per row, biased variance, no epsilon (as the native op; u is overwritten). */
    private static void layerNorm(float[] u, float[] outRows, int rows, int m, float[] g, float[] b) {
        for (int r = 0; r < rows; r++) {
            int o = r * m;
            float mean = (float) (rowSum(u, o, m, false) / m);
            for (int j = 0; j < m; j++) {
                u[o + j] -= mean;
            }
            double sq = rowSum(u, o, m, true);
            float inv = (float) (1 / Math.sqrt(Math.max(sq / m, Float.MIN_NORMAL)));
            for (int j = 0; j < m; j++) {
                outRows[o + j] = u[o + j] * inv * g[j] + b[j];
            }
        }
    }

    /**
     * Sum of {@code a[o..o+m)} (of the squares where asked) in double, in four independent
     * accumulators: one chain of dependent additions waited on each add's latency.
     */
    private static double rowSum(float[] a, int o, int m, boolean squares) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < m; j += 4) {
            double v0 = a[o + j];
            double v1 = a[o + j + 1];
            double v2 = a[o + j + 2];
            double v3 = a[o + j + 3];
            s0 += squares ? v0 * v0 : v0;
            s1 += squares ? v1 * v1 : v1;
            s2 += squares ? v2 * v2 : v2;
            s3 += squares ? v3 * v3 : v3;
        }
        for (; j < m; j++) {
            double v = a[o + j];
            s0 += squares ? v * v : v;
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static float[] vector(INDArray a) {
        float[] v = new float[(int) a.length()];
        HostCopy.readRange(a, 0, v, v.length);
        return v;
    }

    private static float[] grow(float[] a, int n) {
        return a.length >= n ? a : new float[n];
    }

    @Override
    public void close() {
        for (Buffer b : new Buffer[] {input, gates, state, product, x, qkv, scores, ctx, out, hidden}) {
            b.close();
        }
    }

    /** A native float buffer that grows on demand; {@link #at} hands out positioned duplicates of its pointer. */
    private static final class Buffer {
        private FloatPointer data;

        FloatPointer ensure(long count) {
            if (data == null || data.capacity() < count) {
                close();
                data = new FloatPointer(Math.max(count, 1));
            }
            return at(0);
        }

        FloatPointer at(long element) {
            return new FloatPointer(data).position(element);
        }

        void put(float[] values, int count) {
            ensure(count);
            data.position(0).put(values, 0, count);
        }

        void get(float[] values, int count) {
            data.position(0).get(values, 0, count);
        }

        void close() {
            if (data != null) {
                data.close();
                data = null;
            }
        }
    }
}
