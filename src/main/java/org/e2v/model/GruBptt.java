package org.e2v.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU of gru-transformer for training, outside SameDiff (decision 0130): forward with the
 * activations kept, and hand-written backpropagation through time. Same equations as PyTorch's
 * {@code nn.GRU} and {@link EncoderNet}'s unrolled graph (gates r, z, n along the 3H axis):
 *
 * <pre>
 *   a = x W_x + b_x,  c = h W_h + b_h
 *   r = sigmoid(a_r + c_r),  z = sigmoid(a_z + c_z),  n = tanh(a_n + r * c_n)
 *   h' = (1 - z) * n + z * h
 * </pre>
 *
 * The products that carry the arithmetic are BLAS calls on whole blocks: the input projection of
 * all frames ([B*T, D] x [D, 3H], rows batch-major as x, so no permuted copy) once, one [B, H] x [H, 3H] product per step forward and one
 * [B, 3H] x [3H, H] per step backward, and the weight gradients as two big products after the
 * loop. The gate nonlinearities run as plain Java loops over double arrays (ND4J's per-call
 * overhead would dominate these small elementwise steps); forward, each step's batch items are
 * shared between this thread and a {@link PairWorker} helper (decision 0134). Every Java array is
 * time-major (row s*B + i), so a step's rows are one contiguous block; the native arrays stay
 * batch-major like x and are reordered row by row as they are copied in or out (decision 0140).
 * tanh is {@link GateMath#tanh} (Math.tanh is a native call in Java 17, about a tenth of the
 * forward pass).
 *
 * <p>Padding: valid frames form a prefix, so a padded step never influences a valid one in the
 * forward pass. Backward, the gradient reaching a padded step is zeroed by the mask, which is
 * exact (the downstream graph ignores padded frames) and keeps the padding out of the weight
 * gradients. One instance serves one model on one thread; buffers are reused between steps.
 */
final class GruBptt {
    private int b;
    private int t;
    private int h;
    private DataType dataType;
    /** [B*T, D] batch-major input of the last forward (kept for dW_x). */
    private INDArray inputs;
    /** Whether {@link #inputs} is a copy this object must free. */
    private boolean ownsInputs;
    private double[] r = new double[0];
    private double[] z = new double[0];
    private double[] n = new double[0];
    /** c_n = h W_h,n + b_h,n: the recurrent part of the candidate before the reset gate scales it. */
    private double[] cn = new double[0];
    /** Hidden states, time-major [T, B, H]. */
    private double[] hs = new double[0];
    private double[] gates = new double[0];
    private final HostCopy host = new HostCopy();
    /** Shares each forward step's gate math between this thread and a helper (batch items are independent). */
    private final PairWorker rowsWorker;
    /** Native work arrays kept between steps (fresh ones page-faulted in every step, decision 0133). */
    private final ReusedArrays work = new ReusedArrays();
    /** Large scratch arrays kept between steps (allocating and zeroing tens of MB per step showed in profiles). */
    private final double[][] scratch = new double[Slot.values().length][];

    private enum Slot { DY, DREC }

    /** @param rowsWorker the owner's helper for the forward gate math (not closed here) */
    GruBptt(PairWorker rowsWorker) {
        this.rowsWorker = rowsWorker;
    }

    /** A kept scratch array of at least {@code size} elements; its content is left over from earlier use. */
    private double[] reuse(Slot slot, int size) {
        double[] a = scratch[slot.ordinal()];
        if (a == null || a.length < size) {
            a = new double[size];
            scratch[slot.ordinal()] = a;
        }
        return a;
    }

    /** Gradients of the four GRU parameters, named as in {@link Params} with the given prefix. */
    record Gradients(INDArray wx, INDArray bx, INDArray wh, INDArray bh) {
        Map<String, INDArray> named(String prefix) {
            Map<String, INDArray> m = new LinkedHashMap<>();
            m.put(prefix + "_Wx", wx);
            m.put(prefix + "_bx", bx);
            m.put(prefix + "_Wh", wh);
            m.put(prefix + "_bh", bh);
            return m;
        }
    }

    /**
     * Runs the GRU and keeps what {@link #backward} needs. {@code x} is kept by reference, not
     * copied: the caller must leave it open until {@link #backward} or {@link #release} returns.
     *
     * @param x  [B, T, D] input
     * @param wx [D, 3H], bx [3H], wh [H, 3H], bh [3H]
     * @return [B, T, H] hidden states, in x's data type (the caller owns it)
     */
    INDArray forward(INDArray x, INDArray wx, INDArray bx, INDArray wh, INDArray bh) {
        release();
        b = (int) x.size(0);
        t = (int) x.size(1);
        int d = (int) x.size(2);
        h = (int) wh.size(0);
        dataType = x.dataType();
        int g3 = 3 * h;
        int size = t * b * h;
        if (r.length < size) {
            r = new double[size];
            z = new double[size];
            n = new double[size];
            cn = new double[size];
            hs = new double[size];
        }
        if (gates.length < t * b * g3) {
            gates = new double[t * b * g3];
        }
        // Batch-major rows (item i, frame s) = row i*T + s: a free reshape of x, no permuted copy.
        if (x.ordering() == 'c' && !x.isView()) {
            inputs = x.reshape('c', (long) b * t, d);
            ownsInputs = false;
        } else {
            inputs = x.dup('c').reshape('c', (long) b * t, d);
            ownsInputs = true;
        }
        INDArray projected = work.get("projected", dataType, (long) b * t, g3);
        NativeBlas.gemm(inputs, wx, projected, false, false);
        double[] a = gates;
        host.readTimeMajor(projected, a, b, t, g3);
        // b_x is added in the gate loop, not to the projection (one pass over [B*T, 3H] less):
        // bias = b_h + b_x for the r and z gates, b_h alone for n, whose b_x sits outside r * (.)
        double[] bias = new double[g3];
        double[] biasX = new double[g3];
        INDArray bhCopy = bh.dup('c');
        host.read(bhCopy, bias, g3);
        bhCopy.close();
        INDArray bxCopy = bx.dup('c');
        host.read(bxCopy, biasX, g3);
        bxCopy.close();
        for (int j = 0; j < 2 * h; j++) {
            bias[j] += biasX[j];
        }
        double[] biasN = java.util.Arrays.copyOfRange(biasX, 2 * h, g3);
        INDArray prev = work.get("prev", dataType, b, h);
        INDArray rec = work.get("rec", dataType, b, g3);
        double[] c = new double[b * g3];
        double[] hPrev = new double[b * h];
        for (int s = 0; s < t; s++) {
            if (s > 0) {
                System.arraycopy(hs, (s - 1) * b * h, hPrev, 0, b * h);
                host.write(hPrev, prev, b * h);
                // one direct OpenBLAS call: ND4J's dispatch (~100 us) exceeds this product's arithmetic
                NativeBlas.gemm(prev, wh, rec, false, false);
                host.read(rec, c, b * g3);
            }
            int step = s;
            rowsWorker.run(b, (from, to) -> forwardGates(step, a, c, bias, biasN, hPrev, from, to));
        }
        INDArray out = Nd4j.createUninitialized(dataType, b, t, h);
        host.writeBatchMajor(hs, out, b, t, h);
        return out;
    }

    /**
     * Backpropagation through time of the last {@link #forward}.
     *
     * @param dOut [B, T, H] gradient of the loss with respect to the hidden states
     * @param mask [B, T] 1 for valid frames, 0 for padding
     * @param wx   the same W_x as the forward (for its shape only)
     * @param wh   the same W_h as the forward
     * @return the parameter gradients (the caller owns them)
     */
    Gradients backward(INDArray dOut, INDArray mask, INDArray wx, INDArray wh) {
        if (inputs == null) {
            throw new IllegalStateException("backward without a forward");
        }
        int g3 = 3 * h;
        double[] dy = reuse(Slot.DY, b * t * h);
        INDArray dOutC = dOut.castTo(dataType).dup('c');
        host.readTimeMajor(dOutC, dy, b, t, h);
        dOutC.close();
        double[] m = new double[b * t];
        INDArray maskC = mask.castTo(dataType).dup('c');
        host.read(maskC, m, b * t);
        maskC.close();
        // dGate: gradient of a = x W_x + b_x; dRec: of c = h W_h + b_h (differs in the n gate: r * da_n);
        // both time-major, dGate reordered to batch-major (as the inputs) when copied out.
        double[] dGate = gates;
        double[] dRec = reuse(Slot.DREC, t * b * g3);
        double[] dh = new double[b * h];
        double[] dhDirect = new double[b * h];
        double[] dhRec = new double[b * h];
        // bias gradients: column sums of dGate and dRec, summed as the gate loop writes them
        double[] dBx = new double[g3];
        double[] dBh = new double[g3];
        INDArray dRecStep = work.get("dRecStep", dataType, b, g3);
        INDArray dhStep = work.get("dhStep", dataType, b, h);
        for (int s = t - 1; s >= 0; s--) {
            // on this thread only: no exp here, too little work per step to gain from sharing it (decision 0134)
            backwardGates(s, m, dy, dh, dGate, dRec, dhDirect, dBx, dBh);
            if (s > 0) {
                host.write(dRec, s * b * g3, dRecStep, b * g3);
                NativeBlas.gemm(dRecStep, wh, dhStep, false, true);
                host.read(dhStep, dhRec, b * h);
                for (int k = 0; k < b * h; k++) {
                    dh[k] = dhDirect[k] + dhRec[k];
                }
            }
        }
        INDArray dGateArr = work.get("dGate", dataType, (long) t * b, g3);
        host.writeBatchMajor(dGate, dGateArr, b, t, g3);
        INDArray dRecArr = work.get("dRec", dataType, (long) t * b, g3);
        host.write(dRec, dRecArr, t * b * g3);
        // h_{s-1} for every step, zero before the first
        // (time-major rows: step s's block goes to rows of step s + 1)
        INDArray prevStates = work.get("prevStates", dataType, (long) t * b, h);
        host.writeRange(new double[b * h], 0, prevStates, 0, b * h);
        host.writeRange(hs, 0, prevStates, (long) b * h, (t - 1) * b * h);
        INDArray gWx = Nd4j.create(dataType, wx.shape());
        NativeBlas.gemm(inputs, dGateArr, gWx, true, false);
        INDArray gWh = Nd4j.create(dataType, wh.shape());
        NativeBlas.gemm(prevStates, dRecArr, gWh, true, false);
        INDArray gBx = Nd4j.create(dBx, new long[] {g3}, dataType);
        INDArray gBh = Nd4j.create(dBh, new long[] {g3}, dataType);
        release();
        return new Gradients(gWx, gBx, gWh, gBh);
    }

    /**
     * Gates and new hidden state of step {@code s} for batch items {@code [from, to)} (forward).
     * {@code c} and {@code hPrev} are zero at step 0.
     */
    private void forwardGates(int s, double[] a, double[] c, double[] bias, double[] biasN, double[] hPrev,
                              int from, int to) {
        int g3 = 3 * h;
        for (int i = from; i < to; i++) {
            // a's and the activations' rows are time-major: one contiguous block per step
            int arow = (s * b + i) * g3;
            int crow = i * g3;
            int hrow = (s * b + i) * h;
            int prow = i * h;
            for (int j = 0; j < h; j++) {
                r[hrow + j] = GateMath.sigmoid(a[arow + j] + c[crow + j] + bias[j]);
            }
            for (int j = 0; j < h; j++) {
                z[hrow + j] = GateMath.sigmoid(a[arow + h + j] + c[crow + h + j] + bias[h + j]);
            }
            for (int j = 0; j < h; j++) {
                double cnv = c[crow + 2 * h + j] + bias[2 * h + j];
                double nv = GateMath.tanh(a[arow + 2 * h + j] + biasN[j] + r[hrow + j] * cnv);
                cn[hrow + j] = cnv;
                n[hrow + j] = nv;
                hs[hrow + j] = nv + z[hrow + j] * (hPrev[prow + j] - nv);
            }
        }
    }

    /**
     * Gate gradients of step {@code s} for every batch item (backward), added into the bias
     * gradients {@code dBx} and {@code dBh} too (ND4J's column sum of the tall gradient arrays was
     * slow, a second pass over them in Java cost ~5 ms a step).
     */
    private void backwardGates(int s, double[] m, double[] dy, double[] dh, double[] dGate, double[] dRec,
                               double[] dhDirect, double[] dBx, double[] dBh) {
        int g3 = 3 * h;
        for (int i = 0; i < b; i++) {
            double valid = m[i * t + s];
            int hrow = (s * b + i) * h;
            int grow = (s * b + i) * g3;
            int yrow = hrow;
            for (int j = 0; j < h; j++) {
                double g = (dh[i * h + j] + dy[yrow + j]) * valid;
                double rv = r[hrow + j];
                double zv = z[hrow + j];
                double nv = n[hrow + j];
                double hp = s > 0 ? hs[hrow - b * h + j] : 0;
                // h' = n + z (h - n)
                double dn = g * (1 - zv);
                double dz = g * (hp - nv);
                double dan = dn * (1 - nv * nv);
                double dar = dan * cn[hrow + j] * rv * (1 - rv);
                double daz = dz * zv * (1 - zv);
                dGate[grow + j] = dar;
                dGate[grow + h + j] = daz;
                dGate[grow + 2 * h + j] = dan;
                dRec[grow + j] = dar;
                dRec[grow + h + j] = daz;
                dRec[grow + 2 * h + j] = dan * rv;
                dhDirect[i * h + j] = g * zv;
                dBx[j] += dar;
                dBx[h + j] += daz;
                dBx[2 * h + j] += dan;
                dBh[j] += dar;
                dBh[h + j] += daz;
                dBh[2 * h + j] += dan * rv;
            }
        }
    }

    /** Forgets the last input (and frees it where forward had to copy it). */
    void release() {
        if (inputs != null && ownsInputs) {
            inputs.close();
        }
        inputs = null;
    }

    /** Frees the kept work arrays too (the model is closed). */
    void close() {
        release();
        work.close();
    }
}
