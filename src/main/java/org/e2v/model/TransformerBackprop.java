package org.e2v.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The transformer part of gru-transformer and transformer for training, outside SameDiff
 * (decision 0133): optional input projection, post-norm encoder layers as PyTorch's
 * {@code TransformerEncoderLayer} (Eq. (1) multi-head attention with padded keys masked, ReLU
 * feed-forward, dropout on the attention weights and on both branches) and masked mean pooling,
 * with hand-written backpropagation. The same equations as {@link EncoderNet}'s graph, which the
 * tests compare this with (losses and gradients, dropout included, as both draw the same masks in
 * the same order from the same generator).
 *
 * <p>Every dense product is one BLAS call on a whole block; the attention's products are one
 * direct call per item and head on blocks of the qkv array (no head-major copies; without
 * OpenBLAS, copies and ND4J's batched products); every intermediate lives in a
 * {@link ReusedArrays} slot kept from step to step, so a step allocates almost nothing. Layer norm and the masked softmax run as single Java passes over
 * the rows ({@link RowKernels}). Layer norm is computed here as the native op does it: biased
 * variance and no epsilon (the evaluation graph uses that op, so training and evaluation agree;
 * {@link LeanEncoder} runs this class's forward pass).
 *
 * <p>Padding: a padded key gets attention weight exactly 0 (what {@code EncoderNet}'s -1e9 added to
 * its scores gives, as exp underflows);
 * padded frames get zero weight in the pooling, so no gradient reaches a valid frame through them.
 * One instance serves one model on one thread.
 */
final class TransformerBackprop implements AutoCloseable {
    private final EncoderSpec spec;
    private final ReusedArrays work = new ReusedArrays();
    /** Gradient arrays handed to the caller; they stay this object's (overwritten by the next backward). */
    private final ReusedArrays gradients = new ReusedArrays();
    private final RowKernels kernels;
    private final ReluDropout reluDropout;
    /** [B*T] the last forward's mask: 1 for a valid frame (key), 0 for padding. */
    private double[] keyMask = new double[0];
    private DataType dt;
    private int b;
    private int t;
    private int rows;
    private boolean dropout;
    /** [R, W] input of the last forward, kept by reference for the projection's weight gradient. */
    private INDArray input;
    /** [R, B]: column j holds mask / valid count of item j, so pooling is P^T X and its gradient P dE. */
    private INDArray pooling;
    /** Output of each layer's input: x[l] is the input of layer l (x[0] the projection's output or the input). */
    private INDArray[] layerInput;

    /**
     * Attention products as one direct BLAS call per item and head on blocks of the [B*T, 3M] qkv
     * array (decision 0136); without OpenBLAS (the CUDA build), head-major copies and ND4J's
     * batched products.
     */
    private final boolean directAttention;

    /** @param rows the owner's helper thread for row-parallel passes (not closed here) */
    TransformerBackprop(EncoderSpec spec, PairWorker rows) {
        this(spec, rows, NativeBlas.available());
    }

    /** As above, choosing the attention's products (tests compare both ways). */
    TransformerBackprop(EncoderSpec spec, PairWorker rows, boolean directAttention) {
        if (directAttention && !NativeBlas.available()) {
            throw new IllegalStateException("direct attention products need OpenBLAS (the CPU backend)");
        }
        this.spec = spec;
        this.reluDropout = new ReluDropout(rows);
        this.kernels = new RowKernels(rows);
        this.directAttention = directAttention;
    }

    /** Whether the encoder type is a (gru-)transformer, which this class and {@link LeanEncoder} cover. */
    static boolean supports(EncoderSpec spec) {
        return spec.type().equals(EncoderSpec.GRU_TRANSFORMER) || spec.type().equals(EncoderSpec.TRANSFORMER);
    }

    /**
     * Runs projection, layers and pooling, keeping what {@link #backward} needs. {@code x2} is kept
     * by reference: the caller leaves it open until the backward pass is done.
     *
     * @param x2   [B*T, W] frames, batch-major (row i*T + s is frame s of item i)
     * @param mask [B, T], 1 for valid frames (a prefix), 0 for padding
     * @param rng  dropout generator; null: no dropout
     * @return [B, M] embeddings (the caller owns it)
     */
    INDArray forward(INDArray x2, INDArray mask, Params p, Random rng) {
        dt = x2.dataType();
        b = (int) mask.size(0);
        t = (int) mask.size(1);
        rows = b * t;
        int m = spec.modelDim();
        dropout = rng != null && spec.dropout() > 0;
        input = x2;
        buildPooling(mask);
        INDArray x = x2;
        if (p.all().containsKey("proj_W")) {
            x = dense("proj", x2, p.get("proj_W"), p.get("proj_b"));
        }
        layerInput = new INDArray[spec.layers()];
        for (int l = 0; l < spec.layers(); l++) {
            layerInput[l] = x;
            x = layerForward(l, x, p, rng);
        }
        INDArray emb = Nd4j.create(dt, b, m);
        gemm(pooling, x, emb, true, false, 0);
        return emb;
    }

    /**
     * Backpropagates d loss / d embeddings through pooling, layers and projection.
     *
     * @param dEmb            [B, M]
     * @param inputGradient   whether d loss / d input is wanted (the GRU's backward pass needs it)
     * @return the parameter gradients by name (arrays this object keeps and overwrites on the next
     *         call: the caller must not close them) and, under {@code "input"}, [B*T, W] d loss / d input
     *         when asked for (the caller owns that one)
     */
    Map<String, INDArray> backward(INDArray dEmb, Params p, boolean inputGradient) {
        int m = spec.modelDim();
        INDArray dx = work.get("dOut", dt, rows, m);
        gemm(pooling, dEmb, dx, false, false, 0);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (int l = spec.layers() - 1; l >= 0; l--) {
            dx = layerBackward(l, dx, p, grads);
        }
        if (p.all().containsKey("proj_W")) {
            INDArray w = p.get("proj_W");
            gemm(input, dx, grad("proj_W", w.shape()), true, false, 0);
            columnSums(dx, grad("proj_b", m));
            if (inputGradient) {
                INDArray dIn = Nd4j.create(dt, rows, w.size(0));
                gemm(dx, w, dIn, false, true, 0);
                grads.put("input", dIn);
            }
            grads.put("proj_W", grad("proj_W", w.shape()));
            grads.put("proj_b", grad("proj_b", m));
        } else if (inputGradient) {
            grads.put("input", dx.dup('c'));
        }
        return grads;
    }

    /** Forgets the input kept for the backward pass (the caller may close it now). */
    void release() {
        input = null;
        layerInput = null;
    }

    @Override
    public void close() {
        release();
        work.close();
        gradients.close();
    }

    private void buildPooling(INDArray mask) {
        // pooling[i*T + s, i] = mask[i, s] / sum_s' mask[i, s']: masked mean over valid frames.
        INDArray contiguous = mask.dup('c');
        double[] m = contiguous.data().asDouble();
        contiguous.close();
        keyMask = m;
        double[] values = new double[rows * b];
        for (int i = 0; i < b; i++) {
            double n = 0;
            for (int s = 0; s < t; s++) {
                n += m[i * t + s];
            }
            for (int s = 0; s < t; s++) {
                values[(i * t + s) * b + i] = m[i * t + s] / n;
            }
        }
        INDArray staged = Nd4j.create(values, new long[] {rows, b}, 'c');
        pooling = work.get("pooling", dt, rows, b).assign(staged);
        staged.close();
        work.get("ones", dt, rows, 1).assign(1);
    }

    /**
     * Column sums of a [R, n] work array into {@code into} ([n]) as one product with a ones
     * vector: ND4J's sum along dimension 0 was ten times slower (24 vs 2 ms at [3000, 2048]).
     */
    private void columnSums(INDArray x, INDArray into) {
        gemm(work.get("ones", dt, rows, 1), x, into.reshape(1, into.length()), true, false, 0);
    }

    private INDArray layerForward(int l, INDArray x, Params p, Random rng) {
        String n = "tf" + l + "_";
        int m = spec.modelDim();
        int heads = spec.heads();
        int dh = m / heads;
        int bh = b * heads;
        INDArray qkv = dense(l + "qkv", x, p.get(n + "Wqkv"), p.get(n + "bqkv"));
        // Eq. (1): softmax(q k^T / sqrt(dh) + key mask) v per head
        INDArray att = work.get(l + "att", dt, b, heads, t, t);
        INDArray ctx = work.get(l + "ctx", dt, rows, m);
        // [B*T, 3M] = [B, T, 3, H, dh]: only the batched path (no OpenBLAS) copies heads out of it
        INDArray qkv5 = directAttention ? null : qkv.reshape('c', b, t, 3, heads, dh);
        if (directAttention) {
            perHead(false, qkvBlock(qkv, 0), true, qkvBlock(qkv, 1), attBlock(att), t, t, dh, 1 / Math.sqrt(dh));
        } else {
            // heads are batched as [B*H, T, dh]
            INDArray q = toHeads(qkv5, 0, work.get(l + "q", dt, b, heads, t, dh)).muli(1 / Math.sqrt(dh));
            INDArray k = toHeads(qkv5, 1, work.get(l + "k", dt, b, heads, t, dh));
            Nd4j.matmul(q.reshape(bh, t, dh), k.reshape(bh, t, dh), att.reshape(bh, t, t), false, true, false);
        }
        kernels.maskedSoftmax(att, keyMask, b, heads, t);
        INDArray attUsed = att;
        if (dropout) {
            attUsed = work.get(l + "attDropped", dt, b, heads, t, t);
            kernels.dropout(att, attUsed, work.get(l + "dropAtt", dt, b, heads, t, t), spec.dropout(), rng.nextLong());
        }
        if (directAttention) {
            perHead(false, attBlock(attUsed), false, qkvBlock(qkv, 2), headBlock(ctx), t, dh, t, 1);
        } else {
            INDArray v = toHeads(qkv5, 2, work.get(l + "v", dt, b, heads, t, dh));
            INDArray ctxHeads = work.get(l + "ctxHeads", dt, b, heads, t, dh);
            Nd4j.matmul(attUsed.reshape(bh, t, t), v.reshape(bh, t, dh), ctxHeads.reshape(bh, t, dh), false, false,
                    false);
            ctx.reshape('c', b, t, heads, dh).assign(ctxHeads.permute(0, 2, 1, 3));
        }
        // y = LN1(x + drop(ctx Wo + bo)): bias, dropout and the skip sum inside the norm's pass
        INDArray y = residualNorm(l + "ln1", product(l + "u", ctx, p.get(n + "Wo")), p.get(n + "bo"), l + "dropA",
                rng, x, p.get(n + "ln1_g"), p.get(n + "ln1_b"));
        // hidden = drop(relu(y W1 + b1)) in one pass; the backward pass reads its gate off hidden > 0
        int ff = spec.ffDim();
        INDArray hidden = work.get(l + "hidden", dt, rows, ff);
        gemm(y, p.get(n + "W1"), hidden, false, false, 0);
        reluDropout.apply(hidden, p.get(n + "b1"), null, rows, ff, dropout ? spec.dropout() : 0,
                dropout ? rng.nextLong() : 0);
        return residualNorm(l + "ln2", product(l + "z", hidden, p.get(n + "W2")), p.get(n + "b2"), l + "dropF2", rng,
                y, p.get(n + "ln2_g"), p.get(n + "ln2_b"));
    }

    /** Copies part {@code which} (0 q, 1 k, 2 v) of [B, T, 3, H, dh] into head-major [B, H, T, dh]. */
    private static INDArray toHeads(INDArray qkv5, int which, INDArray into) {
        INDArray part = qkv5.get(all(), all(), NDArrayIndex.point(which), all(), all());
        return into.assign(part.permute(0, 2, 1, 3));
    }

    /** Gradient w.r.t. the layer's input, given the gradient w.r.t. its output. */
    private INDArray layerBackward(int l, INDArray dOut, Params p, Map<String, INDArray> grads) {
        String n = "tf" + l + "_";
        int m = spec.modelDim();
        int ff = spec.ffDim();
        INDArray x = layerInput[l];
        // out = LN2(z), z = y + drop(relu(y W1 + b1) W2 + b2): the skip's gradient dy is dz, the
        // branch's product gets dz * mask (one pass with the norm's backward, b2's sums included)
        INDArray dy = work.get(l + "dy", dt, rows, m);
        INDArray dz = residualNormBackward(l + "ln2", n + "ln2_", dOut, dy, l + "dropF2", l + "dzBranch", n + "b2",
                p, grads);
        INDArray hidden = work.get(l + "hidden", dt, rows, ff);
        INDArray y = work.get(l + "ln1out", dt, rows, m);
        put(grads, n + "W2", p, dw -> gemm(hidden, dz, dw, true, false, 0));
        grads.put(n + "b2", grad(n + "b2", p.get(n + "b2").shape()));
        INDArray dHidden = work.get(l + "dHidden", dt, rows, ff);
        gemm(dz, p.get(n + "W2"), dHidden, false, true, 0);
        // d hidden / d pre-activation: the keep value where the unit was positive and kept (hidden > 0),
        // else 0; b1's gradient summed in the same pass
        INDArray db1 = grad(n + "b1", p.get(n + "b1").shape());
        reluDropout.backward(dHidden, hidden, db1, rows, ff, dropout ? spec.dropout() : 0);
        put(grads, n + "W1", p, dw -> gemm(y, dHidden, dw, true, false, 0));
        grads.put(n + "b1", db1);
        gemm(dHidden, p.get(n + "W1"), dy, false, true, 1);
        // y = LN1(u), u = x + drop(ctx Wo + bo): the skip's gradient dx is du, the branch's du * mask
        INDArray dx = work.get(l + "dx", dt, rows, m);
        INDArray du = residualNormBackward(l + "ln1", n + "ln1_", dy, dx, l + "dropA", l + "duBranch", n + "bo", p,
                grads);
        INDArray ctx = work.get(l + "ctx", dt, rows, m);
        put(grads, n + "Wo", p, dw -> gemm(ctx, du, dw, true, false, 0));
        grads.put(n + "bo", grad(n + "bo", p.get(n + "bo").shape()));
        INDArray dCtx = work.get(l + "dCtx", dt, rows, m);
        gemm(du, p.get(n + "Wo"), dCtx, false, true, 0);
        INDArray dqkv = work.get(l + "dqkv", dt, rows, 3L * m);
        if (directAttention) {
            attentionBackwardPerHead(l, dCtx, dqkv);
        } else {
            attentionBackwardBatched(l, dCtx, dqkv);
        }
        put(grads, n + "Wqkv", p, dw -> gemm(x, dqkv, dw, true, false, 0));
        put(grads, n + "bqkv", p, db -> columnSums(dqkv, db));
        gemm(dqkv, p.get(n + "Wqkv"), dx, false, true, 1);
        return dx;
    }

    /**
     * d loss / d qkv of the attention of layer {@code l} with every head's products as direct BLAS
     * calls on blocks of qkv, dCtx and dqkv (no head-major copies).
     */
    private void attentionBackwardPerHead(int l, INDArray dCtx, INDArray dqkv) {
        int dh = spec.modelDim() / spec.heads();
        INDArray qkv = work.get(l + "qkv", dt, rows, 3L * spec.modelDim());
        INDArray att = work.get(l + "att", dt, b, spec.heads(), t, t);
        INDArray attUsed = dropout ? work.get(l + "attDropped", dt, b, spec.heads(), t, t) : att;
        INDArray dAtt = work.get(l + "dAtt", dt, b, spec.heads(), t, t);
        // ctx = A' v with A' = drop(A): dA' = dCtx v^T, dv = A'^T dCtx
        perHead(false, headBlock(dCtx), true, qkvBlock(qkv, 2), attBlock(dAtt), t, t, dh, 1);
        perHead(true, attBlock(attUsed), false, headBlock(dCtx), qkvBlock(dqkv, 2), t, dh, t, 1);
        if (dropout) {
            dAtt.muli(work.get(l + "dropAtt", dt, b, spec.heads(), t, t));
        }
        kernels.softmaxBackward(dAtt.reshape((long) b * spec.heads() * t, t),
                att.reshape((long) b * spec.heads() * t, t), b * spec.heads() * t, t);
        // scores = q k^T / sqrt(dh): dq = dS k / sqrt(dh), dk = dS^T q / sqrt(dh)
        double scale = 1 / Math.sqrt(dh);
        perHead(false, attBlock(dAtt), false, qkvBlock(qkv, 1), qkvBlock(dqkv, 0), t, dh, t, scale);
        perHead(true, attBlock(dAtt), false, qkvBlock(qkv, 0), qkvBlock(dqkv, 1), t, dh, t, scale);
    }

    /** As {@link #attentionBackwardPerHead} with head-major copies and ND4J's batched products (no OpenBLAS). */
    private void attentionBackwardBatched(int l, INDArray dCtx, INDArray dqkv) {
        int m = spec.modelDim();
        int heads = spec.heads();
        int dh = m / heads;
        int bh = b * heads;
        INDArray dCtxHeads = work.get(l + "dCtxHeads", dt, b, heads, t, dh);
        dCtxHeads.assign(dCtx.reshape('c', b, t, heads, dh).permute(0, 2, 1, 3));
        // ctx = A' v with A' = drop(A)
        INDArray att = work.get(l + "att", dt, b, heads, t, t);
        INDArray attUsed = dropout ? work.get(l + "attDropped", dt, b, heads, t, t) : att;
        INDArray v = work.get(l + "v", dt, b, heads, t, dh);
        INDArray dAtt = work.get(l + "dAtt", dt, b, heads, t, t);
        Nd4j.matmul(dCtxHeads.reshape(bh, t, dh), v.reshape(bh, t, dh), dAtt.reshape(bh, t, t), false, true, false);
        INDArray dv = work.get(l + "dv", dt, b, heads, t, dh);
        Nd4j.matmul(attUsed.reshape(bh, t, t), dCtxHeads.reshape(bh, t, dh), dv.reshape(bh, t, dh), true, false, false);
        if (dropout) {
            dAtt.muli(work.get(l + "dropAtt", dt, b, heads, t, t));
        }
        // softmax backward: dS = A * (dA - sum_k dA_k A_k) per row
        INDArray dAtt2 = dAtt.reshape(bh * t, t);
        INDArray att2 = att.reshape(bh * t, t);
        kernels.softmaxBackward(dAtt2, att2, bh * t, t);
        // scores = q k^T with q already scaled by 1/sqrt(dh)
        INDArray q = work.get(l + "q", dt, b, heads, t, dh);
        INDArray k = work.get(l + "k", dt, b, heads, t, dh);
        INDArray dq = work.get(l + "dq", dt, b, heads, t, dh);
        INDArray dk = work.get(l + "dk", dt, b, heads, t, dh);
        Nd4j.matmul(dAtt.reshape(bh, t, t), k.reshape(bh, t, dh), dq.reshape(bh, t, dh), false, false, false);
        Nd4j.matmul(dAtt.reshape(bh, t, t), q.reshape(bh, t, dh), dk.reshape(bh, t, dh), true, false, false);
        dq.muli(1 / Math.sqrt(dh));
        INDArray dqkv5 = dqkv.reshape('c', b, t, 3, heads, dh);
        fromHeads(dq, dqkv5, 0);
        fromHeads(dk, dqkv5, 1);
        fromHeads(dv, dqkv5, 2);
    }

    /**
     * One block of a per-head product: the operand of item i and head h starts at element
     * {@code base + i * itemStride + h * headStride} of {@code array} (contiguous, c order) and has
     * leading dimension {@code ld}.
     */
    private record Block(INDArray array, long base, long itemStride, long headStride, int ld) {
    }

    /** Part {@code which} (0 q, 1 k, 2 v) of head h of item i in a [B*T, 3M] array: rows i*T.., columns which*M + h*dh... */
    private Block qkvBlock(INDArray qkv, int which) {
        int m = spec.modelDim();
        return new Block(qkv, (long) which * m, (long) t * 3 * m, m / spec.heads(), 3 * m);
    }

    /** Head h of item i in a [B*T, M] array (ctx, dCtx). */
    private Block headBlock(INDArray a) {
        int m = spec.modelDim();
        return new Block(a, 0, (long) t * m, m / spec.heads(), m);
    }

    /** The [T, T] matrix of item i, head h in a [B, H, T, T] array. */
    private Block attBlock(INDArray a) {
        return new Block(a, 0, (long) spec.heads() * t * t, (long) t * t, t);
    }

    /** For every item and head: c = alpha a' b' ([mm, nn], inner size kk), one direct BLAS call each. */
    private void perHead(boolean transA, Block a, boolean transB, Block bb, Block c, int mm, int nn, int kk,
                         double alpha) {
        // duplicates of the arrays' pointers: moving them leaves the arrays' own alone
        Pointer pa = HostCopy.pointerAt(a.array(), 0);
        Pointer pb = HostCopy.pointerAt(bb.array(), 0);
        Pointer pc = HostCopy.pointerAt(c.array(), 0);
        long a0 = pa.position();
        long b0 = pb.position();
        long c0 = pc.position();
        for (int i = 0; i < b; i++) {
            for (int h = 0; h < spec.heads(); h++) {
                pa.position(a0 + a.base() + i * a.itemStride() + h * a.headStride());
                pb.position(b0 + bb.base() + i * bb.itemStride() + h * bb.headStride());
                pc.position(c0 + c.base() + i * c.itemStride() + h * c.headStride());
                NativeBlas.gemm(transA, transB, mm, nn, kk, alpha, pa, a.ld(), pb, bb.ld(), 0, pc, c.ld());
            }
        }
    }


    private static void fromHeads(INDArray heads, INDArray qkv5, int which) {
        qkv5.get(all(), all(), NDArrayIndex.point(which), all(), all()).assign(heads.permute(0, 2, 1, 3));
    }

    /**
     * out = g * (u - mean) / sqrt(var) + b over each row (biased variance, no epsilon, as the
     * native layer_norm op) of u = skip + drop(pre + preBias), in one pass over the rows. Keeps the
     * normalised rows, 1/sigma and, when training with dropout, the keep-mask {@code maskKey} (one
     * seed from {@code rng}, as {@link Dropout#draw}) for the backward pass.
     */
    private INDArray residualNorm(String key, INDArray pre, INDArray preBias, String maskKey, Random rng,
                                  INDArray skip, INDArray gain, INDArray bias) {
        int m = spec.modelDim();
        INDArray out = work.get(key + "out", dt, rows, m);
        RowKernels.Residual sum = dropout
                ? new RowKernels.Residual(pre, preBias, work.get(maskKey, dt, rows, m), spec.dropout(), rng.nextLong(),
                        skip)
                : new RowKernels.Residual(pre, preBias, null, 0, 0, skip);
        kernels.layerNorm(sum, gain, bias, work.get(key + "xhat", dt, rows, m), work.get(key + "inv", dt, rows, 1),
                out, rows, m, dt == DataType.DOUBLE ? Double.MIN_NORMAL : Float.MIN_NORMAL);
        return out;
    }

    /**
     * Backward of {@link #residualNorm}: d/du of layer norm, (1/sigma) (dxhat - mean(dxhat) - xhat
     * mean(dxhat xhat)) with dxhat = dOut g, into {@code skip} (the gradient of the sum's skip input),
     * and the gradient of the branch's product, du * keep-mask, into the work array {@code branchKey}
     * (with no dropout, {@code skip} itself), all in one pass. Adds the norm's gain and bias gradients
     * to {@code grads} and writes the gradient of the branch's bias {@code branchBias}.
     *
     * @return the branch's gradient
     */
    private INDArray residualNormBackward(String key, String param, INDArray dOut, INDArray skip, String maskKey,
                                          String branchKey, String branchBias, Params p,
                                          Map<String, INDArray> grads) {
        int m = spec.modelDim();
        INDArray dg = grad(param + "g", p.get(param + "g").shape());
        INDArray db = grad(param + "b", p.get(param + "b").shape());
        INDArray branch = dropout ? work.get(branchKey, dt, rows, m) : skip;
        kernels.layerNormBackward(dOut, work.get(key + "xhat", dt, rows, m), work.get(key + "inv", dt, rows, 1),
                p.get(param + "g"), skip, dg, db,
                new RowKernels.Branch(dropout ? work.get(maskKey, dt, rows, m) : null, branch,
                        grad(branchBias, p.get(branchBias).shape())),
                rows, m);
        grads.put(param + "g", dg);
        grads.put(param + "b", db);
        return branch;
    }

    /** in W (no bias) into the work array {@code key}. */
    private INDArray product(String key, INDArray in, INDArray w) {
        INDArray out = work.get(key, dt, in.size(0), w.size(1));
        gemm(in, w, out, false, false, 0);
        return out;
    }

    /** in W + b into the work array {@code key}. */
    private INDArray dense(String key, INDArray in, INDArray w, INDArray bias) {
        INDArray out = work.get(key, dt, in.size(0), w.size(1));
        gemm(in, w, out, false, false, 0);
        return out.addiRowVector(bias);
    }

    private INDArray grad(String name, long... shape) {
        return gradients.get(name, dt, shape);
    }

    private void put(Map<String, INDArray> grads, String name, Params p, java.util.function.Consumer<INDArray> fill) {
        INDArray g = grad(name, p.get(name).shape());
        fill.accept(g);
        grads.put(name, g);
    }

    /** c = a' b' (+ beta c), ' = transposed where asked, with c preallocated: one direct BLAS call. */
    private static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double beta) {
        NativeBlas.gemm(a, b, c, transA, transB, beta);
    }

    private static INDArrayIndex all() {
        return NDArrayIndex.all();
    }
}
