package org.e2v.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The GRU of gru-transformer for evaluation, run with in-place ND4J ops outside SameDiff. An
 * unrolled graph pays SameDiff's per-op bookkeeping about a thousand times per utterance; here
 * each time step is a few native calls on time-major buffers (cheap {@code slice} views, no index
 * objects). Same equations as {@link EncoderNet}'s unrolled graph; the recurrent r/z biases are
 * folded into the input projection, so results agree with the graph to float rounding (tests
 * compare both).
 */
final class DirectGru {
    private DirectGru() {
    }

    /**
     * @param x  [B, T, D] input
     * @param wx [D, 3H], bx [3H], wh [H, 3H], bh [3H]: gates r, z, n along the 3H axis
     * @return [B, T, H] hidden states
     */
    static INDArray forward(INDArray x, INDArray wx, INDArray bx, INDArray wh, INDArray bh) {
        return x.size(0) <= JAVA_LOOP_MAX_BATCH ? javaLoop(x, wx, bx, wh, bh) : nd4jLoop(x, wx, bx, wh, bh);
    }

    /**
     * Up to this many utterances the recurrence runs as plain Java loops (ND4J's per-call overhead,
     * ~20 us, would dominate the tiny [B, H] x [H, 3H] products); above it, as ND4J calls whose
     * overhead is shared by the batch.
     */
    static final int JAVA_LOOP_MAX_BATCH = 4;

    /** The recurrence in double-precision Java; the input projection stays one BLAS mmul. */
    static INDArray javaLoop(INDArray x, INDArray wx, INDArray bx, INDArray wh, INDArray bh) {
        return javaLoop(x, wx, bx, wh, bh, true);
    }

    /** @param directBlas whether h W_h may go to OpenBLAS directly (false: the Java loops, as without it) */
    static INDArray javaLoop(INDArray x, INDArray wx, INDArray bx, INDArray wh, INDArray bh, boolean directBlas) {
        int b = (int) x.size(0);
        int t = (int) x.size(1);
        int d = (int) x.size(2);
        int h = (int) wh.size(0);
        int g3 = 3 * h;
        // x W_x as one direct BLAS product (ND4J's mmul and row-vector add cost twice the product
        // for one utterance, decision 0136); b_x is added below in Java
        INDArray xpArr = Nd4j.createUninitialized(x.dataType(), (long) b * t, g3);
        NativeBlas.gemm(x.reshape('c', (long) b * t, d), wx, xpArr, false, false);
        double[] xp = xpArr.data().asDouble();
        xpArr.close();
        double[] inputBias = bx.dup('c').data().asDouble();
        for (int row = 0; row < b * t; row++) {
            for (int j = 0; j < g3; j++) {
                xp[row * g3 + j] += inputBias[j];
            }
        }
        // Without OpenBLAS (the CUDA build) the product runs as Java loops; there a float model
        // multiplies in float: W_h then fits in the core's L2 cache (768 KB instead of 1.5 MB at
        // H = 256), which halved the single-utterance GRU (decision 0133).
        boolean single = x.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT;
        // OpenBLAS gemv on W_h in place where reachable (decision 0135), else the loops below on a copy
        NativeBlas gemv = directBlas ? NativeBlas.gemv(wh) : null;
        INDArray whC = gemv == null ? wh.dup('c') : null;
        float[] wf = gemv == null && single ? whC.data().asFloat() : null;
        double[] w = gemv == null && !single ? whC.data().asDouble() : null;
        float[] accf = new float[g3];
        double[] product = new double[g3];
        double[] out = new double[b * t * h];
        try {
            double[] bias = bh.dup('c').data().asDouble();
            double[] acc = new double[g3];
            double[] state = new double[h];
            for (int item = 0; item < b; item++) {
                java.util.Arrays.fill(state, 0);
                for (int step = 0; step < t; step++) {
                    System.arraycopy(bias, 0, acc, 0, g3);
                    if (step > 0 && gemv != null) {
                        gemv.multiply(state, product);
                        for (int j = 0; j < g3; j++) {
                            acc[j] += product[j];
                        }
                    } else if (step > 0 && single) {
                        java.util.Arrays.fill(accf, 0f);
                        // four rows of W_h per pass over acc: a third fewer loads and stores of acc
                        int k = 0;
                        for (; k + 3 < h; k += 4) {
                            float h0 = (float) state[k];
                            float h1 = (float) state[k + 1];
                            float h2 = (float) state[k + 2];
                            float h3 = (float) state[k + 3];
                            int r0 = k * g3;
                            int r1 = r0 + g3;
                            int r2 = r1 + g3;
                            int r3 = r2 + g3;
                            for (int j = 0; j < g3; j++) {
                                accf[j] += h0 * wf[r0 + j] + h1 * wf[r1 + j] + h2 * wf[r2 + j] + h3 * wf[r3 + j];
                            }
                        }
                        for (; k < h; k++) {
                            float hk = (float) state[k];
                            int row = k * g3;
                            for (int j = 0; j < g3; j++) {
                                accf[j] += hk * wf[row + j];
                            }
                        }
                        for (int j = 0; j < g3; j++) {
                            acc[j] += accf[j];
                        }
                    } else if (step > 0) {
                        // acc += h W_h, as rank-1 updates over contiguous rows (vectorisable)
                        for (int k = 0; k < h; k++) {
                            double hk = state[k];
                            int row = k * g3;
                            for (int j = 0; j < g3; j++) {
                                acc[j] += hk * w[row + j];
                            }
                        }
                    }
                    int xrow = (item * t + step) * g3;
                    int orow = (item * t + step) * h;
                    for (int j = 0; j < h; j++) {
                        double r = GateMath.sigmoid(xp[xrow + j] + acc[j]);
                        double z = GateMath.sigmoid(xp[xrow + h + j] + acc[h + j]);
                        double n = GateMath.tanh(xp[xrow + 2 * h + j] + r * acc[2 * h + j]);
                        state[j] = n + z * (state[j] - n);
                        out[orow + j] = state[j];
                    }
                }
            }
        } finally {
            if (gemv != null) {
                gemv.close();
            } else {
                whC.close();
            }
        }
        INDArray result = Nd4j.create(out, new long[] {b, t, h}, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        if (result.dataType() == x.dataType()) {
            return result;
        }
        INDArray cast = result.castTo(x.dataType());
        result.close();
        return cast;
    }

    /** The recurrence as in-place ND4J calls on time-major buffers. */
    static INDArray nd4jLoop(INDArray x, INDArray wx, INDArray bx, INDArray wh, INDArray bh) {
        long b = x.size(0);
        long t = x.size(1);
        long d = x.size(2);
        long h = wh.size(0);
        INDArray xTimeMajor = x.permute(1, 0, 2).dup('c').reshape('c', t * b, d);
        INDArray[] xg = new INDArray[3];
        INDArray[] whg = new INDArray[3];
        for (int g = 0; g < 3; g++) {
            var cols = NDArrayIndex.interval(g * h, (g + 1) * h);
            INDArray bias = bx.get(cols).dup();
            if (g < 2) {
                bias.addi(bh.get(cols));
            }
            xg[g] = xTimeMajor.mmul(wx.get(NDArrayIndex.all(), cols).dup('c')).addiRowVector(bias).reshape('c', t, b, h);
            whg[g] = wh.get(NDArrayIndex.all(), cols).dup('c');
            bias.close();
        }
        INDArray bhn = bh.get(NDArrayIndex.interval(2 * h, 3 * h)).dup().reshape(1, h);
        xTimeMajor.close();
        INDArray out = Nd4j.create(x.dataType(), t, b, h);
        INDArray hr = Nd4j.create(x.dataType(), b, h);
        INDArray hz = hr.ulike();
        INDArray hn = hr.ulike();
        INDArray prev = null;
        for (long i = 0; i < t; i++) {
            INDArray r;
            INDArray z;
            INDArray n;
            if (prev == null) {
                // h = 0: the recurrent terms reduce to the recurrent biases (folded for r and z)
                r = Transforms.sigmoid(hr.assign(xg[0].slice(i)), false);
                z = Transforms.sigmoid(hz.assign(xg[1].slice(i)), false);
                n = Transforms.tanh(hn.assign(0).addiRowVector(bhn).muli(r).addi(xg[2].slice(i)), false);
            } else {
                r = Transforms.sigmoid(prev.mmuli(whg[0], hr).addi(xg[0].slice(i)), false);
                z = Transforms.sigmoid(prev.mmuli(whg[1], hz).addi(xg[1].slice(i)), false);
                n = Transforms.tanh(prev.mmuli(whg[2], hn).addiRowVector(bhn).muli(r).addi(xg[2].slice(i)), false);
            }
            // h' = n + z * (h - n)
            INDArray state = out.slice(i);
            if (prev == null) {
                state.assign(n).muli(z).rsubi(n);
            } else {
                state.assign(prev).subi(n).muli(z).addi(n);
            }
            prev = state;
        }
        hr.close();
        hz.close();
        hn.close();
        bhn.close();
        for (int g = 0; g < 3; g++) {
            xg[g].close();
            whg[g].close();
        }
        INDArray result = out.permute(1, 0, 2).dup('c');
        out.close();
        return result;
    }
}
