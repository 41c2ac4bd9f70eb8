package org.e2v.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-wise layer norm and masked softmax for {@link TransformerBackprop}, forward and backward,
 * as single Java passes over host copies of the rows. As ND4J calls each of these was eight to
 * ten elementwise and reduction ops per layer norm, each waking the OpenMP team and walking the
 * whole block again; here each is one read, one pass per row and one write (decision 0134).
 * Rows are shared out between the caller and the model's helper thread and copied in chunks
 * small enough to stay in a core's cache (decision 0136: as one whole-block copy on one thread,
 * the four layer norms of a step took ~35 ms at model dim 512).
 * Arithmetic is in double whatever the model's type; float models round once when written back.
 * One owner, one thread; scratch arrays are kept between calls.
 */
final class RowKernels {
    /** Values per chunk: the chunk's double copies (up to three) stay within a core's L2 cache. */
    static final int CHUNK_VALUES = 8192;

    private final PairWorker worker;
    /** Scratch and copier of each side of {@link PairWorker#run}: [0] the caller, [1] the helper. */
    private final Side[] sides = {new Side(), new Side()};

    /** What one thread of a pass uses: its own copier (with its staging buffer) and scratch arrays. */
    private static final class Side {
        final HostCopy host = new HostCopy();
        /** Scratch arrays by slot: 0-2 hold chunk blocks, 3 one value per row, 4-6 column sums. */
        final double[][] scratch = new double[7][0];

        private float[] kept = new float[0];

        float[] kept(int n) {
            if (kept.length < n) {
                kept = new float[n];
            }
            return kept;
        }

        double[] scratch(int slot, int n) {
            if (scratch[slot].length < n) {
                scratch[slot] = new double[n];
            }
            return scratch[slot];
        }
    }

    /** @param worker the model's helper thread (not closed here) */
    RowKernels(PairWorker worker) {
        this.worker = worker;
    }

    /**
     * out = g * (u - mean) / sqrt(var) + b over each row of [R, M] (biased variance, no epsilon, as
     * the native layer_norm op; a variance below {@code floor}, e.g. a constant row, is raised to
     * it so that row normalises to 0 instead of NaN). Writes the normalised rows and 1/sigma, which
     * {@link #layerNormBackward} needs.
     *
     * @param u [R, M] contiguous, c order; xhatOut [R, M], invOut [R, 1], out [R, M]: contiguous arrays
     */
    void layerNorm(INDArray u, INDArray gain, INDArray bias, INDArray xhatOut, INDArray invOut, INDArray out,
                   int rows, int m, double floor) {
        layerNorm(new Residual(u, null, null, 0, 0, null), gain, bias, xhatOut, invOut, out, rows, m, floor);
    }

    /**
     * The sum in front of a post-norm transformer's layer norm, u = x + drop(pre + preBias), which
     * {@link #layerNorm(Residual, INDArray, INDArray, INDArray, INDArray, INDArray, int, int, double)}
     * forms row by row instead of as three passes over the block (decision 0141).
     *
     * @param pre      [R, M] the branch's product before its bias (contiguous, c order)
     * @param preBias  [M] the branch's bias, or null
     * @param keepMask [R, M] written with 0 or 1/(1-p) per element as {@link Dropout#keeps} decides for
     *                 {@code seed} (what {@link #dropout} draws), or null for no dropout
     * @param residual [R, M] the layer's skip input x, or null
     */
    record Residual(INDArray pre, INDArray preBias, INDArray keepMask, double p, long seed, INDArray residual) {
    }

    /**
     * Layer norm of u = residual + drop(pre + preBias) (parts left null are left out). The sum is
     * formed in double and not stored: the backward pass needs only the normalised rows, 1/sigma and
     * the keep mask.
     */
    void layerNorm(Residual in, INDArray gain, INDArray bias, INDArray xhatOut, INDArray invOut, INDArray out,
                   int rows, int m, double floor) {
        double[] g = new double[m];
        double[] bv = new double[m];
        sides[0].host.read(gain, g, m);
        sides[0].host.read(bias, bv, m);
        double[] pb = null;
        if (in.preBias() != null) {
            pb = new double[m];
            sides[0].host.read(in.preBias(), pb, m);
        }
        double[] preBias = pb;
        boolean drop = in.keepMask() != null;
        // a float mask holds 1/(1-p) rounded to float; the product uses that same value, as dropout does
        double keep = !drop ? 1 : in.keepMask().dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                ? (float) (1.0 / (1 - in.p())) : 1.0 / (1 - in.p());
        int chunkRows = chunkRows(m);
        worker.run(rows, (from, to) -> {
            Side side = side(from);
            double[] x = side.scratch(0, chunkRows * m);
            double[] y = side.scratch(1, chunkRows * m);
            double[] mk = drop ? side.scratch(2, chunkRows * m) : null;
            float[] kept = drop ? side.kept(chunkRows * m) : null;
            double[] inv = side.scratch(3, chunkRows);
            for (int r0 = from; r0 < to; r0 += chunkRows) {
                int count = Math.min(chunkRows, to - r0);
                int n = count * m;
                long at = (long) r0 * m;
                side.host.readRange(in.pre(), at, x, 0, n);
                if (preBias != null || drop || in.residual() != null) {
                    sum(side, in, preBias, drop ? keep : 1, kept, mk, x, y, at, count, m);
                }
                for (int r = 0; r < count; r++) {
                    int o = r * m;
                    double sum = 0;
                    for (int j = 0; j < m; j++) {
                        sum += x[o + j];
                    }
                    double mean = sum / m;
                    double sq = 0;
                    for (int j = 0; j < m; j++) {
                        double v = x[o + j] - mean;
                        x[o + j] = v;
                        sq += v * v;
                    }
                    double s = 1 / Math.sqrt(Math.max(sq / m, floor));
                    inv[r] = s;
                    for (int j = 0; j < m; j++) {
                        double h = x[o + j] * s;
                        x[o + j] = h;
                        y[o + j] = h * g[j] + bv[j];
                    }
                }
                side.host.writeRange(x, 0, xhatOut, at, n);
                side.host.writeRange(inv, 0, invOut, r0, count);
                side.host.writeRange(y, 0, out, at, n);
            }
        });
    }

    /** x = residual + (x + preBias) * keep-mask over one chunk of rows; writes the chunk's mask. */
    private static void sum(Side side, Residual in, double[] preBias, double keep, float[] kept, double[] mk,
                            double[] x, double[] y, long at, int count, int m) {
        int n = count * m;
        if (preBias != null) {
            for (int r = 0; r < count; r++) {
                int o = r * m;
                for (int j = 0; j < m; j++) {
                    x[o + j] += preBias[j];
                }
            }
        }
        if (mk != null) {
            Dropout.keeps(in.seed(), in.p(), at, kept, n);
            for (int k = 0; k < n; k++) {
                mk[k] = kept[k] * keep;
                x[k] *= mk[k];
            }
            side.host.writeRange(mk, 0, in.keepMask(), at, n);
        }
        if (in.residual() != null) {
            side.host.readRange(in.residual(), at, y, 0, n);
            for (int k = 0; k < n; k++) {
                x[k] += y[k];
            }
        }
    }

    /**
     * Backward of {@link #layerNorm}: du = (1/sigma) (dxhat - mean(dxhat) - xhat mean(dxhat xhat))
     * per row with dxhat = dOut g; dg = column sums of dOut xhat, db = column sums of dOut.
     *
     * @param dOut, xhatIn [R, M] and invIn [R, 1] contiguous, c order; du [R, M], dg [M], db [M]:
     *              contiguous arrays (written)
     */
    void layerNormBackward(INDArray dOut, INDArray xhatIn, INDArray invIn, INDArray gain, INDArray du,
                           INDArray dg, INDArray db, int rows, int m) {
        layerNormBackward(dOut, xhatIn, invIn, gain, du, dg, db, null, rows, m);
    }

    /**
     * The branch of a {@link Residual} sum, backward: given du, the gradient of the branch's product
     * (before its bias and dropout) is du * keep-mask, and its bias gradient the column sums of that.
     *
     * @param keepMask [R, M] the mask the forward pass wrote, or null (no dropout: the branch's
     *                 gradient is du itself, and {@code out} may be du)
     * @param out      [R, M] the branch's gradient (written unless it is du)
     * @param biasGrad [M] the column sums of {@code out} (written)
     */
    record Branch(INDArray keepMask, INDArray out, INDArray biasGrad) {
    }

    /** As above, also writing the gradient of a {@link Residual} sum's branch (when {@code branch} is given). */
    void layerNormBackward(INDArray dOut, INDArray xhatIn, INDArray invIn, INDArray gain, INDArray du,
                           INDArray dg, INDArray db, Branch branch, int rows, int m) {
        double[] g = new double[m];
        sides[0].host.read(gain, g, m);
        int chunkRows = chunkRows(m);
        boolean masked = branch != null && branch.keepMask() != null;
        for (Side side : sides) {
            java.util.Arrays.fill(side.scratch(4, m), 0, m, 0);
            java.util.Arrays.fill(side.scratch(5, m), 0, m, 0);
            if (branch != null) {
                java.util.Arrays.fill(side.scratch(6, m), 0, m, 0);
            }
        }
        worker.run(rows, (from, to) -> {
            Side side = side(from);
            double[] dy = side.scratch(0, chunkRows * m);
            double[] xh = side.scratch(1, chunkRows * m);
            double[] dx = side.scratch(2, chunkRows * m);
            double[] inv = side.scratch(3, chunkRows);
            double[] sumG = side.scratch(4, m);
            double[] sumB = side.scratch(5, m);
            double[] sumBranch = branch != null ? side.scratch(6, m) : null;
            for (int r0 = from; r0 < to; r0 += chunkRows) {
                int count = Math.min(chunkRows, to - r0);
                side.host.readRange(dOut, (long) r0 * m, dy, 0, count * m);
                side.host.readRange(xhatIn, (long) r0 * m, xh, 0, count * m);
                side.host.readRange(invIn, r0, inv, 0, count);
                for (int r = 0; r < count; r++) {
                    int o = r * m;
                    double meanD = 0;
                    double meanDx = 0;
                    for (int j = 0; j < m; j++) {
                        double v = dy[o + j];
                        double h = xh[o + j];
                        sumG[j] += v * h;
                        sumB[j] += v;
                        double dh = v * g[j];
                        dx[o + j] = dh;
                        meanD += dh;
                        meanDx += dh * h;
                    }
                    meanD /= m;
                    meanDx /= m;
                    double s = inv[r];
                    for (int j = 0; j < m; j++) {
                        dx[o + j] = (dx[o + j] - xh[o + j] * meanDx - meanD) * s;
                    }
                }
                side.host.writeRange(dx, 0, du, (long) r0 * m, count * m);
                if (branch != null) {
                    if (masked) {
                        // dy is free now: it takes the mask, then the branch's gradient
                        side.host.readRange(branch.keepMask(), (long) r0 * m, dy, 0, count * m);
                        for (int k = 0; k < count * m; k++) {
                            dy[k] *= dx[k];
                        }
                    }
                    double[] grad = masked ? dy : dx;
                    for (int r = 0; r < count; r++) {
                        int o = r * m;
                        for (int j = 0; j < m; j++) {
                            sumBranch[j] += grad[o + j];
                        }
                    }
                    if (branch.out() != du) {
                        side.host.writeRange(grad, 0, branch.out(), (long) r0 * m, count * m);
                    }
                }
            }
        });
        sides[0].host.write(addSides(4, m), dg, m);
        sides[0].host.write(addSides(5, m), db, m);
        if (branch != null) {
            sides[0].host.write(addSides(6, m), branch.biasGrad(), m);
        }
    }

    /** Column sums kept in scratch slot {@code slot} of both sides, added into the caller's side's. */
    private double[] addSides(int slot, int m) {
        double[] sum = sides[0].scratch(slot, m);
        double[] other = sides[1].scratch(slot, m);
        for (int j = 0; j < m; j++) {
            sum[j] += other[j];
        }
        return sum;
    }

    /**
     * In place on contiguous [B, H, T, T] scores: softmax over the last axis of each row, keys whose
     * {@code keyMask[i * T + s]} is 0 getting weight exactly 0 (what adding -1e9 to their scores
     * gives, as exp underflows; every item has at least one valid key).
     */
    void maskedSoftmax(INDArray scores, double[] keyMask, int b, int heads, int t) {
        int perItem = heads * t * t;
        worker.run(b, (from, to) -> {
            Side side = side(from);
            double[] s = side.scratch(0, perItem);
            for (int i = from; i < to; i++) {
                side.host.readRange(scores, (long) i * perItem, s, 0, perItem);
                int maskRow = i * t;
                for (int row = 0; row < heads * t; row++) {
                    int o = row * t;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < t; k++) {
                        if (keyMask[maskRow + k] != 0 && s[o + k] > max) {
                            max = s[o + k];
                        }
                    }
                    double sum = 0;
                    for (int k = 0; k < t; k++) {
                        double e = keyMask[maskRow + k] != 0 ? Math.exp(s[o + k] - max) : 0;
                        s[o + k] = e;
                        sum += e;
                    }
                    double scale = 1 / sum;
                    for (int k = 0; k < t; k++) {
                        s[o + k] *= scale;
                    }
                }
                side.host.writeRange(s, 0, scores, (long) i * perItem, perItem);
            }
        });
    }

    /** In place: dScores = A * (dA - sum_k dA_k A_k) per row of contiguous [rowCount, T] (softmax backward). */
    void softmaxBackward(INDArray dAtt, INDArray att, int rowCount, int t) {
        int chunkRows = chunkRows(t);
        worker.run(rowCount, (from, to) -> {
            Side side = side(from);
            double[] g = side.scratch(0, chunkRows * t);
            double[] p = side.scratch(1, chunkRows * t);
            for (int r0 = from; r0 < to; r0 += chunkRows) {
                int count = Math.min(chunkRows, to - r0);
                side.host.readRange(dAtt, (long) r0 * t, g, 0, count * t);
                side.host.readRange(att, (long) r0 * t, p, 0, count * t);
                for (int r = 0; r < count; r++) {
                    int o = r * t;
                    double dot = 0;
                    for (int k = 0; k < t; k++) {
                        dot += g[o + k] * p[o + k];
                    }
                    for (int k = 0; k < t; k++) {
                        g[o + k] = p[o + k] * (g[o + k] - dot);
                    }
                }
                side.host.writeRange(g, 0, dAtt, (long) r0 * t, count * t);
            }
        });
    }

    /**
     * Inverted dropout in one pass on both threads: {@code mask} gets 0 or 1/(1-p) per element as
     * {@link Dropout#keeps} decides for {@code seed} (the masks {@link Dropout#fill} draws), and
     * {@code dst = src * mask}. All three contiguous, c order, of one length; {@code dst} may be
     * {@code src}.
     */
    void dropout(INDArray src, INDArray dst, INDArray mask, double p, long seed) {
        long n = src.length();
        // a float mask holds 1/(1-p) rounded to float; the product uses that same value
        double keep = mask.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT ? (float) (1.0 / (1 - p))
                : 1.0 / (1 - p);
        int chunks = (int) ((n + CHUNK_VALUES - 1) / CHUNK_VALUES);
        worker.run(chunks, (from, to) -> {
            Side side = side(from);
            double[] x = side.scratch(0, CHUNK_VALUES);
            double[] m = side.scratch(1, CHUNK_VALUES);
            float[] kept = side.kept(CHUNK_VALUES);
            for (int c = from; c < to; c++) {
                long first = (long) c * CHUNK_VALUES;
                int count = (int) Math.min(CHUNK_VALUES, n - first);
                Dropout.keeps(seed, p, first, kept, count);
                side.host.readRange(src, first, x, 0, count);
                for (int i = 0; i < count; i++) {
                    m[i] = kept[i] * keep;
                    x[i] *= m[i];
                }
                side.host.writeRange(m, 0, mask, first, count);
                side.host.writeRange(x, 0, dst, first, count);
            }
        });
    }

    /** The side of a {@link PairWorker#run} range: the caller always gets the range starting at 0. */
    private Side side(int from) {
        return from == 0 ? sides[0] : sides[1];
    }

    /** Rows of width {@code m} per chunk (at least one). */
    private static int chunkRows(int m) {
        return Math.max(1, CHUNK_VALUES / m);
    }
}
