package org.e2v.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds the encoders of Sec. 3.3.1 and Table 5 from primitive SameDiff ops, for one fixed
 * (bucket) length. Recurrent layers are unrolled over time (decision 0020): the built-in GRU op of
 * DL4J 1.0.0-M2.1 has wrong gradients and {@code tensorMmul} fails in backprop, so only mmul on
 * 2-D views, elementwise ops, split/unstack/stack, softmax and layer norm are used.
 *
 * <p>Inputs: {@code x} [B, T, D] with zeros at padded frames, {@code mask} [B, T] (1 valid, 0
 * padding, valid frames form a prefix). Padding never changes a valid frame's result: attention
 * gives padded keys exactly zero weight, recurrences run forwards (or, backwards, from a zero state
 * that padded frames keep at zero), convolutions see zeros beyond the end either way, and every
 * pooling is masked.
 */
final class EncoderNet {
    /** Added to attention scores of padded keys; exp() of it underflows to exactly 0. */
    private static final double MASKED_SCORE = -1e9;
    /** Keeps L2 normalisation differentiable at zero. */
    private static final double NORM_EPS = 1e-12;

    private final EncoderSpec spec;
    private final int inputDims;

    EncoderNet(EncoderSpec spec, int inputDims) {
        this.spec = spec;
        this.inputDims = inputDims;
    }

    /** Whether the encoder starts with the GRU that runs outside SameDiff (decisions 0020, 0130). */
    boolean hasGru() {
        return spec.type().equals(EncoderSpec.GRU_TRANSFORMER);
    }

    /**
     * Width of the "x" placeholder of a graph: the GRU's output when the GRU runs outside the
     * graph ({@link DirectGru} for evaluation, {@link GruBptt} for training), else the features.
     */
    int graphInputWidth(boolean gruInGraph) {
        return hasGru() && !gruInGraph ? spec.gruHidden() : inputDims;
    }

    /** Size of the embedding the encoder produces. */
    int embeddingDims() {
        return switch (spec.type()) {
            case EncoderSpec.BLSTM -> 2 * spec.lstmHidden();
            default -> spec.modelDim();
        };
    }

    /** Declares every parameter with its initial value, in a fixed order (the order fixes the init stream). */
    void declare(Params p) {
        int d = inputDims;
        switch (spec.type()) {
            case EncoderSpec.GRU_TRANSFORMER -> {
                int h = spec.gruHidden();
                declareGru(p, "gru", d, h);
                declareProjection(p, h);
                declareTransformer(p);
            }
            case EncoderSpec.TRANSFORMER -> {
                declareProjection(p, d);
                declareTransformer(p);
            }
            case EncoderSpec.BLSTM -> {
                declareLstm(p, "lstm_fw", d, spec.lstmHidden());
                declareLstm(p, "lstm_bw", d, spec.lstmHidden());
            }
            case EncoderSpec.BLSTM_NETVLAD -> {
                declareLstm(p, "lstm_fw", d, spec.lstmHidden());
                declareLstm(p, "lstm_bw", d, spec.lstmHidden());
                declareNetVlad(p, 2 * spec.lstmHidden());
            }
            default -> {
                int in = d;
                for (int l = 0; l < spec.cnnLayers(); l++) {
                    int fanIn = in * spec.cnnKernel();
                    p.uniform("conv" + l + "_W", 1 / Math.sqrt(fanIn), fanIn, spec.cnnChannels());
                    p.uniform("conv" + l + "_b", 1 / Math.sqrt(fanIn), spec.cnnChannels());
                    in = spec.cnnChannels();
                }
                declareNetVlad(p, spec.cnnChannels());
            }
        }
    }

    private static void declareGru(Params p, String name, int in, int h) {
        // PyTorch nn.GRU init; gate order r, z, n along the 3H axis, fused so one mmul per step serves all gates.
        double bound = 1 / Math.sqrt(h);
        p.uniform(name + "_Wx", bound, in, 3L * h);
        p.uniform(name + "_bx", bound, 3L * h);
        p.uniform(name + "_Wh", bound, h, 3L * h);
        p.uniform(name + "_bh", bound, 3L * h);
    }

    private static void declareLstm(Params p, String name, int in, int h) {
        // Gate order i, f, g, o; one bias (PyTorch's b_ih + b_hh are redundant).
        double bound = 1 / Math.sqrt(h);
        p.uniform(name + "_Wx", bound, in, 4L * h);
        p.uniform(name + "_Wh", bound, h, 4L * h);
        p.uniform(name + "_b", bound, 4L * h);
    }

    private void declareProjection(Params p, int in) {
        if (in != spec.modelDim()) {
            p.uniform("proj_W", 1 / Math.sqrt(in), in, spec.modelDim());
            p.uniform("proj_b", 1 / Math.sqrt(in), spec.modelDim());
        }
    }

    private void declareTransformer(Params p) {
        int m = spec.modelDim();
        int ff = spec.ffDim();
        for (int l = 0; l < spec.layers(); l++) {
            String n = "tf" + l + "_";
            // nn.MultiheadAttention: xavier-uniform in_proj over [3M, M], zero biases; out_proj Linear init, zero bias.
            p.uniform(n + "Wqkv", Math.sqrt(6.0 / (4.0 * m)), m, 3L * m);
            p.constant(n + "bqkv", 0, 3L * m);
            p.uniform(n + "Wo", 1 / Math.sqrt(m), m, m);
            p.constant(n + "bo", 0, m);
            p.constant(n + "ln1_g", 1, m);
            p.constant(n + "ln1_b", 0, m);
            p.uniform(n + "W1", 1 / Math.sqrt(m), m, ff);
            p.uniform(n + "b1", 1 / Math.sqrt(m), ff);
            p.uniform(n + "W2", 1 / Math.sqrt(ff), ff, m);
            p.uniform(n + "b2", 1 / Math.sqrt(ff), m);
            p.constant(n + "ln2_g", 1, m);
            p.constant(n + "ln2_b", 0, m);
        }
    }

    private void declareNetVlad(Params p, int f) {
        int k = spec.netvladClusters();
        p.uniform("vlad_Wa", 1 / Math.sqrt(f), f, k);
        p.uniform("vlad_ba", 1 / Math.sqrt(f), k);
        p.uniform("vlad_C", 1 / Math.sqrt(f), k, f);
        p.uniform("vlad_proj_W", 1 / Math.sqrt((double) k * f), (long) k * f, spec.modelDim());
        p.uniform("vlad_proj_b", 1 / Math.sqrt((double) k * f), spec.modelDim());
    }

    /**
     * @param v    the graph's parameter variables by name
     * @param x          [B, T, D] input; for gru-transformer the GRU output [B, T, H] unless {@code gruInGraph}
     * @param mask       [B, T]
     * @param t          the bucket length T
     * @param gruInGraph build the unrolled GRU into the graph (the reference the BPTT path is tested against)
     * @return [B, E] embeddings
     */
    SDVariable embed(SameDiff sd, Map<String, SDVariable> v, SDVariable x, SDVariable mask, int t, Dropout drop,
                      boolean gruInGraph) {
        SDVariable m3 = mask.reshape(-1, t, 1);
        return switch (spec.type()) {
            case EncoderSpec.GRU_TRANSFORMER -> {
                SDVariable h = gruInGraph ? gru(sd, v, "gru", x, t, spec.gruHidden()) : x;
                yield transformerBranch(sd, v, h, spec.gruHidden(), mask, m3, t, drop);
            }
            case EncoderSpec.TRANSFORMER -> transformerBranch(sd, v, x, inputDims, mask, m3, t, drop);
            case EncoderSpec.BLSTM -> maskedMean(blstm(sd, v, x, m3, t), mask, m3);
            case EncoderSpec.BLSTM_NETVLAD -> netVlad(sd, v, blstm(sd, v, x, m3, t), 2 * spec.lstmHidden(), m3, t);
            default -> netVlad(sd, v, cnn(sd, v, x, m3, t), spec.cnnChannels(), m3, t);
        };
    }

    private SDVariable transformerBranch(SameDiff sd, Map<String, SDVariable> v, SDVariable seq, int width,
                                         SDVariable mask, SDVariable m3, int t, Dropout drop) {
        int m = spec.modelDim();
        SDVariable x2 = seq.reshape(-1, width);
        if (width != m) {
            x2 = x2.mmul(v.get("proj_W")).add(v.get("proj_b"));
        }
        // Padded keys get a large negative score (Eq. (1) restricted to valid frames).
        SDVariable keyBias = mask.sub(1.0).mul(-MASKED_SCORE).reshape(-1, 1, 1, t);
        for (int l = 0; l < spec.layers(); l++) {
            x2 = encoderLayer(sd, v, "tf" + l + "_", x2, keyBias, t, drop);
        }
        return maskedMean(x2.reshape(-1, t, m), mask, m3);
    }

    /** One post-norm layer as PyTorch's TransformerEncoderLayer (ReLU, dropout on attention weights and both branches). */
    private SDVariable encoderLayer(SameDiff sd, Map<String, SDVariable> v, String n, SDVariable x2,
                                    SDVariable keyBias, int t, Dropout drop) {
        int m = spec.modelDim();
        int heads = spec.heads();
        int dh = m / heads;
        SDVariable qkv = x2.mmul(v.get(n + "Wqkv")).add(v.get(n + "bqkv"));
        SDVariable[] parts = sd.split(qkv, 3, 1);
        // Eq. (1): scaled dot product, beta = 1/sqrt(head dim) as in the multi-head form of [43].
        SDVariable q = toHeads(parts[0].mul(1 / Math.sqrt(dh)), t, heads, dh);
        SDVariable k = toHeads(parts[1], t, heads, dh);
        SDVariable val = toHeads(parts[2], t, heads, dh);
        SDVariable scores = sd.mmul(q, k, false, true, false).reshape(-1, heads, t, t).add(keyBias);
        SDVariable att = sd.nn().softmax(scores, 3);
        att = drop.apply(att, 1, heads, t, t);
        SDVariable ctx = sd.mmul(att.reshape(-1, t, t), val)
                .reshape(-1, heads, t, dh).permute(0, 2, 1, 3).reshape(-1, m);
        SDVariable a = ctx.mmul(v.get(n + "Wo")).add(v.get(n + "bo"));
        a = drop.apply(a, t, m);
        SDVariable y = sd.nn().layerNorm(x2.add(a), v.get(n + "ln1_g"), v.get(n + "ln1_b"), false, 1);
        SDVariable f = sd.nn().relu(y.mmul(v.get(n + "W1")).add(v.get(n + "b1")), 0);
        f = drop.apply(f, t, spec.ffDim());
        f = f.mmul(v.get(n + "W2")).add(v.get(n + "b2"));
        f = drop.apply(f, t, m);
        return sd.nn().layerNorm(y.add(f), v.get(n + "ln2_g"), v.get(n + "ln2_b"), false, 1);
    }

    /** [B*T, H*dh] -> [B*H, T, dh]. */
    private static SDVariable toHeads(SDVariable x2, int t, int heads, int dh) {
        return x2.reshape(-1, t, heads, dh).permute(0, 2, 1, 3).reshape(-1, t, dh);
    }

    /**
     * Single-layer GRU with PyTorch's equations, unrolled: only the reference that tests compare
     * {@link GruBptt} with (about 3,000 graph ops per episode made training slow, decision 0130). The input projection of all frames is
     * one big mmul outside the loop; each step does one fused [H, 3H] mmul for the three gates.
     * Trailing padding needs no masking here: a valid frame's state depends only on earlier frames.
     */
    private SDVariable gru(SameDiff sd, Map<String, SDVariable> v, String n, SDVariable x, int t, int h) {
        SDVariable xp = x.reshape(-1, inputDims)
                .mmul(v.get(n + "_Wx")).add(v.get(n + "_bx")).reshape(-1, t, 3L * h);
        SDVariable[] gates = sd.split(xp, 3, 2);
        SDVariable[] xr = sd.unstack(gates[0], 1, t);
        SDVariable[] xz = sd.unstack(gates[1], 1, t);
        SDVariable[] xn = sd.unstack(gates[2], 1, t);
        SDVariable[] bh = sd.split(v.get(n + "_bh"), 3, 0);
        SDVariable[] out = new SDVariable[t];
        // Step 0 starts from h = 0, so the recurrent mmul reduces to the recurrent bias.
        SDVariable r = sd.nn().sigmoid(xr[0].add(bh[0]));
        SDVariable z = sd.nn().sigmoid(xz[0].add(bh[1]));
        SDVariable nn = sd.math().tanh(xn[0].add(r.mul(bh[2])));
        SDVariable state = nn.sub(z.mul(nn));
        out[0] = state;
        for (int i = 1; i < t; i++) {
            SDVariable[] hp = sd.split(state.mmul(v.get(n + "_Wh")).add(v.get(n + "_bh")), 3, 1);
            r = sd.nn().sigmoid(xr[i].add(hp[0]));
            z = sd.nn().sigmoid(xz[i].add(hp[1]));
            nn = sd.math().tanh(xn[i].add(r.mul(hp[2])));
            // h' = (1 - z) * n + z * h
            state = nn.add(z.mul(state.sub(nn)));
            out[i] = state;
        }
        return sd.stack(1, out);
    }

    private SDVariable blstm(SameDiff sd, Map<String, SDVariable> v, SDVariable x, SDVariable m3, int t) {
        SDVariable x2 = x.reshape(-1, inputDims);
        SDVariable[] steps = sd.unstack(m3, 1, t);
        SDVariable fw = lstm(sd, v, "lstm_fw", x2, null, t, false);
        SDVariable bw = lstm(sd, v, "lstm_bw", x2, steps, t, true);
        return sd.concat(2, fw, bw);
    }

    /**
     * Unrolled LSTM. The backward direction starts in the padding; multiplying state and output
     * by the frame mask keeps them exactly zero until the last valid frame, as if unpadded.
     */
    private SDVariable lstm(SameDiff sd, Map<String, SDVariable> v, String n, SDVariable x2, SDVariable[] frameMask,
                            int t, boolean reverse) {
        int h = spec.lstmHidden();
        SDVariable xp = x2.mmul(v.get(n + "_Wx")).add(v.get(n + "_b")).reshape(-1, t, 4L * h);
        SDVariable[] xs = sd.unstack(xp, 1, t);
        SDVariable[] out = new SDVariable[t];
        SDVariable hState = null;
        SDVariable cState = null;
        for (int s = 0; s < t; s++) {
            int i = reverse ? t - 1 - s : s;
            SDVariable pre = hState == null ? xs[i] : xs[i].add(hState.mmul(v.get(n + "_Wh")));
            SDVariable[] g = sd.split(pre, 4, 1);
            SDVariable in = sd.nn().sigmoid(g[0]);
            SDVariable cand = sd.math().tanh(g[2]);
            SDVariable c = cState == null ? in.mul(cand) : sd.nn().sigmoid(g[1]).mul(cState).add(in.mul(cand));
            SDVariable o = sd.nn().sigmoid(g[3]);
            if (reverse) {
                c = c.mul(frameMask[i]);
            }
            SDVariable hNew = o.mul(sd.math().tanh(c));
            if (reverse) {
                hNew = hNew.mul(frameMask[i]);
            }
            cState = c;
            hState = hNew;
            out[i] = hNew;
        }
        return sd.stack(1, out);
    }

    /** 'Same'-padded temporal convolutions (im2col: shifted copies side by side, one mmul), ReLU, masked. */
    private SDVariable cnn(SameDiff sd, Map<String, SDVariable> v, SDVariable x, SDVariable m3, int t) {
        SDVariable h = x.mul(m3);
        int in = inputDims;
        int half = spec.cnnKernel() / 2;
        for (int l = 0; l < spec.cnnLayers(); l++) {
            List<SDVariable> shifted = new ArrayList<>();
            for (int o = -half; o <= half; o++) {
                shifted.add(shift(sd, h, o, t));
            }
            SDVariable cols = shifted.size() == 1 ? shifted.get(0) : sd.concat(2, shifted.toArray(new SDVariable[0]));
            SDVariable y = cols.reshape(-1, (long) in * spec.cnnKernel()).mmul(v.get("conv" + l + "_W"))
                    .add(v.get("conv" + l + "_b"));
            h = sd.nn().relu(y, 0).reshape(-1, t, spec.cnnChannels()).mul(m3);
            in = spec.cnnChannels();
        }
        return h;
    }

    /** Frame t of the result is frame t + offset of {@code h}, zero outside [0, T). */
    private static SDVariable shift(SameDiff sd, SDVariable h, int offset, int t) {
        if (offset == 0) {
            return h;
        }
        int a = Math.abs(offset);
        if (a >= t) {
            return sd.zerosLike(h);
        }
        SDVariable zeros = sd.zerosLike(h.get(SDIndex.all(), SDIndex.interval(0, a), SDIndex.all()));
        if (offset > 0) {
            return sd.concat(1, h.get(SDIndex.all(), SDIndex.interval(a, t), SDIndex.all()), zeros);
        }
        return sd.concat(1, zeros, h.get(SDIndex.all(), SDIndex.interval(0, t - a), SDIndex.all()));
    }

    /**
     * NetVLAD [52]: soft assignment to K clusters, residuals to the cluster centres summed over valid
     * frames, intra-normalisation per cluster, then L2 normalisation, then a linear projection to
     * modelDim (as in utterance-level NetVLAD for speaker recognition [55]).
     */
    private SDVariable netVlad(SameDiff sd, Map<String, SDVariable> v, SDVariable x, int f, SDVariable m3, int t) {
        int k = spec.netvladClusters();
        SDVariable assign = sd.nn().softmax(x.reshape(-1, f).mmul(v.get("vlad_Wa")).add(v.get("vlad_ba")), 1)
                .reshape(-1, t, k).mul(m3);
        SDVariable weighted = sd.mmul(assign.permute(0, 2, 1), x);
        SDVariable mass = assign.sum(true, 1).permute(0, 2, 1);
        SDVariable vlad = weighted.sub(mass.mul(v.get("vlad_C")));
        vlad = vlad.div(sd.math().sqrt(vlad.mul(vlad).sum(true, 2).add(NORM_EPS)));
        SDVariable flat = vlad.reshape(-1, (long) k * f);
        flat = flat.div(sd.math().sqrt(flat.mul(flat).sum(true, 1).add(NORM_EPS)));
        return flat.mmul(v.get("vlad_proj_W")).add(v.get("vlad_proj_b"));
    }

    /** Mean over valid frames: sum_t m_t x_t / sum_t m_t. */
    private static SDVariable maskedMean(SDVariable seq, SDVariable mask, SDVariable m3) {
        return seq.mul(m3).sum(1).div(mask.sum(true, 1));
    }
}
